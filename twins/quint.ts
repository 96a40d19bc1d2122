import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaultId } from '../src/system/faults.js';
import { FAULT_DEFINES } from './spin.js';
import { MUTANTS } from '../src/mutants.js';
import type { Topology } from '../src/topology/topology.js';

/** The Quint twin, next to this file. */
export const QUINT = join(import.meta.dirname, 'hotup.qnt');
const QUINT_BIN = join(import.meta.dirname, '..', 'node_modules', '.bin', 'quint');

/** The twins name each fault alike: F_PROBE, F_NOTIFY, ... */
const FAULT_CONSTS = FAULT_DEFINES;

/** A Quint module instantiating the twin for a topology, faults and mutant. */
export function quintInstance(t: Topology, faults: readonly FaultId[], mutant: string | null): string {
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
    ...Object.entries(FAULT_CONSTS).map(([f, c]) => `${c} = ${faults.includes(f as FaultId)}`),
    ...MUTANTS.map((m) => `${m.id.replace(/-/g, '_')} = ${m.id === mutant}`),
  ];
  return `module hotupRun {\n  import hotup(${consts.join(', ')}).* from "./hotup"\n}\n`;
}

/** What one `quint run` reported. */
export interface QuintResult {
  readonly violated: boolean;
  /** As Quint reports it: simulation time, without parsing and type checking. */
  readonly seconds: number;
  /** Wall time of the whole command. */
  readonly wallSeconds: number;
  readonly samples: number;
  readonly stepsPerSample: number;
  /** States in the violating trace, or null. */
  readonly traceLength: number | null;
}

/** Random simulation with `quint run --backend typescript` (the default backend downloads a binary). */
export function runQuint(t: Topology, faults: readonly FaultId[], mutant: string | null, o: { samples: number; steps: number; seed: number }): QuintResult {
  const dir = mkdtempSync(join(tmpdir(), 'hotup-quint-'));
  try {
    copyFileSync(QUINT, join(dir, 'hotup.qnt'));
    writeFileSync(join(dir, 'run.qnt'), quintInstance(t, faults, mutant));
    const args = ['run', '--backend', 'typescript', '--main', 'hotupRun', '--invariant', 'inv', `--max-samples=${o.samples}`, `--max-steps=${o.steps}`, `--seed=${o.seed}`, 'run.qnt'];
    const t0 = performance.now();
    let out: string;
    try {
      out = execFileSync(QUINT_BIN, args, { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 2 ** 20, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? '');
    }
    const wallSeconds = (performance.now() - t0) / 1000;
    const violated = /\[violation\]/.test(out);
    const ms = Number(/\((\d+)ms/.exec(out)?.[1] ?? NaN);
    return {
      violated,
      seconds: ms / 1000,
      wallSeconds,
      samples: o.samples,
      stepsPerSample: o.steps,
      traceLength: violated ? (out.match(/\[State \d+\]/g) ?? []).length : null,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
