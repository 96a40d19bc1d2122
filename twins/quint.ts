import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaultId } from '../src/model/faults.js';
import { FAULT_DEFINES } from './spin.js';
import { MUTANTS } from '../src/mutants.js';
import type { Topology } from '../src/topology/topology.js';

/** The Quint twin, next to this file. */
export const QUINT = join(import.meta.dirname, 'hotup.qnt');
const QUINT_BIN = join(import.meta.dirname, '..', 'node_modules', '.bin', 'quint');

/** The twins name each fault alike: F_PROBE, F_NOTIFY, ... */
const FAULT_CONSTS = FAULT_DEFINES;

/** Runs of the tool per boot for Quint when hotup's bound is 'unbounded' (null): more than any simulation reaches. */
const QUINT_UNBOUNDED_ROUNDS = 1000;

/** A Quint module instantiating the twin for a topology, faults, mutant and bound on the tool's rounds (default 1; null: unbounded). */
export function quintInstance(t: Topology, faults: readonly FaultId[], mutant: string | null, rounds: number | null = 1): string {
  const consts: string[] = [
    `N = ${t.netdevs}`,
    `M = ${t.children}`,
    `OWNER = [${t.binding.join(', ')}]`,
    `XOR = ${t.bond.mode === 'balance-xor'}`,
    `PRIMARY = ${t.bond.primary ?? 255}`,
    `RESELECT = ${['always', 'better', 'failure'].indexOf(t.bond.primaryReselect)}`,
    `DOWNDELAY = ${t.bond.downdelay}`,
    `UPDELAY = ${t.bond.updelay}`,
    `FLOWS = ${t.flows}`,
    `ROUNDS = ${rounds ?? QUINT_UNBOUNDED_ROUNDS}`,
    ...Object.entries(FAULT_CONSTS).map(([f, c]) => `${c} = ${faults.includes(f as FaultId)}`),
    ...MUTANTS.map((m) => `${m.id.replace(/-/g, '_')} = ${m.id === mutant}`),
  ];
  return `module hotupRun {\n  import hotup(${consts.join(', ')}).* from "./hotup"\n}\n`;
}

/** The INV-* the Quint twin checks (and the state part of LIVE-UPGRADE-DONE), each with the name of its definition in hotup.qnt (`inv` is their conjunction). */
export const QUINT_INVARIANTS: Readonly<Record<string, string>> = {
  'INV-NETDEV-PERSIST': 'inv_netdev_persist',
  'INV-OPS-ROUTE': 'inv_ops_route',
  'INV-NO-FREED-CODE': 'inv_no_freed_code',
  'INV-TRAFFIC-PATH': 'inv_traffic_path',
  'INV-LINK-CLOSED': 'inv_link_closed',
  'INV-BOND-UP': 'inv_bond_up',
  'INV-NO-LOSS': 'inv_no_loss',
  'INV-CONFIG-KEPT': 'inv_config_kept',
  'INV-ONE-DOWN': 'inv_one_down',
  'INV-NOTIFY': 'inv_notify',
  'INV-BUS': 'inv_bus',
  'LIVE-UPGRADE-DONE': 'inv_upgrade_done',
};

/** The command line of `quint run` on the instance `run.qnt` (module hotupRun) that {@link runQuint} writes. */
export function quintArgs(o: { samples: number; steps: number; seed: number; byName?: boolean }): string[] {
  const invariants = o.byName ? ['--invariants', ...Object.values(QUINT_INVARIANTS)] : ['--invariant', 'inv'];
  return ['run', '--backend', 'typescript', '--main', 'hotupRun', ...invariants, `--max-samples=${o.samples}`, `--max-steps=${o.steps}`, `--seed=${o.seed}`, 'run.qnt'];
}

/** What one `quint run` reported. */
export interface QuintResult {
  readonly violated: boolean;
  /** The INV-* Quint names as violated (with `byName` only; otherwise empty). */
  readonly violations: readonly string[];
  /** As Quint reports it: simulation time, without parsing and type checking. */
  readonly seconds: number;
  /** Wall time of the whole command. */
  readonly wallSeconds: number;
  readonly samples: number;
  readonly stepsPerSample: number;
  /** States in the violating trace, or null. */
  readonly traceLength: number | null;
  /** Environment steps after boot in the violating trace (its first state is the booted system), or null. */
  readonly depth: number | null;
}

/** Reads the report of `quint run` (verbosity 2). */
export function parseQuintOutput(out: string): Pick<QuintResult, 'violated' | 'violations' | 'seconds' | 'traceLength' | 'depth'> {
  const violated = /\[violation\]/.test(out);
  const ms = Number(/\((\d+)ms/.exec(out)?.[1] ?? NaN);
  const byDefinition = new Map(Object.entries(QUINT_INVARIANTS).map(([id, name]) => [name, id]));
  // With --invariants, Quint lists each violated definition after the verdict, marked with a cross.
  const violations = violated ? [...out.matchAll(/^\s*\u274c (\w+)\s*$/gmu)].map((m) => byDefinition.get(m[1]!) ?? m[1]!) : [];
  const traceLength = violated ? (out.match(/\[State \d+\]/g) ?? []).length : null;
  return { violated, violations, seconds: ms / 1000, traceLength, depth: traceLength === null ? null : traceLength - 1 };
}

/**
 * Random simulation with `quint run --backend typescript` (the default backend
 * downloads a binary; this one needs neither the network nor a JVM): `samples`
 * runs of up to `steps` steps from `seed`; `byName` checks each INV-* by its
 * own name, so that a violation says which (otherwise their conjunction `inv`).
 */
export function runQuint(
  t: Topology,
  faults: readonly FaultId[],
  mutant: string | null,
  o: { samples: number; steps: number; seed: number; byName?: boolean; rounds?: number | null },
): QuintResult {
  const dir = mkdtempSync(join(tmpdir(), 'hotup-quint-'));
  try {
    copyFileSync(QUINT, join(dir, 'hotup.qnt'));
    writeFileSync(join(dir, 'run.qnt'), quintInstance(t, faults, mutant, o.rounds === undefined ? 1 : o.rounds));
    const args = quintArgs(o);
    const t0 = performance.now();
    let out: string;
    let err = '';
    try {
      out = execFileSync(QUINT_BIN, args, { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 2 ** 20, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      // quint exits with 1 when it finds a violation; the report is on stdout all the same.
      out = String((e as { stdout?: string }).stdout ?? '');
      err = String((e as { stderr?: string }).stderr ?? (e as Error).message);
    }
    const wallSeconds = (performance.now() - t0) / 1000;
    if (!/^\[(ok|violation)\]/m.test(out)) throw new Error(`quint ${args.join(' ')} gave no verdict:\n${err || out}`);
    return { ...parseQuintOutput(out), wallSeconds, samples: o.samples, stepsPerSample: o.steps };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
