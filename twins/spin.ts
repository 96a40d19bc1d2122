import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaultId } from '../src/model/faults.js';
import type { Topology } from '../src/topology/topology.js';

/** The Promela twin, next to this file. */
export const PROMELA = join(import.meta.dirname, 'hotup.pml');

/** Each fault's switch in the twins (a -D define for SPIN, a constant for Quint). */
export const FAULT_DEFINES: Readonly<Record<FaultId, string>> = {
  'FAULT-PROBE-FAIL': 'F_PROBE',
  'FAULT-NOTIFY-LOST': 'F_NOTIFY',
  'FAULT-TOOL-RESTART': 'F_RESTART',
  'FAULT-USER-CONFIG': 'F_USER',
  'FAULT-FORCED-UNLOAD': 'F_FORCED',
  'FAULT-PARENT-REMOVE': 'F_PARENT',
};

/** What puts a topology beyond the Promela twin ('n>3': more than 3 netdevs, 'c>4', 'in flight>1', 'flows>2'), or null when the twin takes it. */
export function twinMisfit(t: Topology): string | null {
  if (t.netdevs > 3) return 'n>3';
  if (t.children > 4) return 'c>4';
  if (t.maxInFlight !== 1) return 'in flight>1';
  if (t.flows > 2) return 'flows>2';
  return null;
}

/** The -D flags that select a topology, faults and a mutant in the Promela twin. */
export function spinDefines(t: Topology, faults: readonly FaultId[], mutant: string | null): string[] {
  if (twinMisfit(t) !== null) {
    throw new Error(`the Promela twin takes up to 3 netdevs, 4 children, one transmit in flight and 2 flows; ${t.name} is larger`);
  }
  const binding = t.binding.reduce((acc, k, i) => acc + k * 4 ** i, 0);
  const d = [`-DN=${t.netdevs}`, `-DM=${t.children}`, `-DBINDING=${binding}`, `-DFLOWS=${t.flows}`];
  if (t.bond.mode === 'balance-xor') d.push('-DXOR');
  if (t.bond.primary !== null) d.push(`-DPRIMARY=${t.bond.primary}`);
  d.push(`-DRESELECT=${['always', 'better', 'failure'].indexOf(t.bond.primaryReselect)}`, `-DDOWNDELAY=${t.bond.downdelay}`, `-DUPDELAY=${t.bond.updelay}`);
  for (const f of faults) d.push(`-D${FAULT_DEFINES[f]}`);
  if (mutant) d.push(`-D${mutant.replace(/-/g, '_')}`);
  return d;
}

/** The -D flags of a bound on the tool's rounds (absent or 1: the twin's default of one round; null: unbounded). */
export const roundsDefines = (rounds: number | null | undefined): string[] =>
  rounds === undefined || rounds === 1 ? [] : rounds === null ? ['-DROUNDS_UNBOUNDED'] : [`-DROUNDS=${rounds}`];

/** What one SPIN verification reported. */
export interface SpinResult {
  /** Reachable states, without the one state before boot that SPIN also stores. */
  readonly states: number;
  readonly transitions: number;
  readonly compileSeconds: number;
  readonly seconds: number;
  readonly memoryMB: number;
  readonly stateVectorBytes: number;
  /** The assertion that failed, or null. */
  readonly violation: string | null;
  /** SPIN's "at depth" of the violation: the environment steps after boot (the trail holds one more, the boot step), or null. */
  readonly depth: number | null;
  /** Wall time of the verifier's run (process start, hash table allocation, search), without compiling it. */
  readonly wallSeconds: number;
  /** What stopped the search before every state was stored, or null: it completed. */
  readonly cut: SpinCut | null;
}

/**
 * Why a SPIN search ended early: `maxSeconds` passed (interrupted), the
 * memory limit reached (-DMEMLIM), the search stack too small for the depth
 * (-m), or the verifier stopped on its own (out of memory, a crash).
 */
export type SpinCut = 'time' | 'memory' | 'depth' | 'aborted';

/** How a run of SPIN's verifier ended: the first limit its output names, or null when it stored every state. */
export function spinCut(out: string): SpinCut | null {
  if (/error: max search depth too small/.test(out)) return 'depth';
  if (/reached -DMEMLIM bound|out of memory/.test(out)) return 'memory';
  if (/^Interrupted$|Give Up/m.test(out)) return 'time';
  if (/Warning: Search not completed/.test(out) || !/states, stored/.test(out)) return 'aborted';
  return null;
}

/**
 * Stored states and transitions (stored + matched) as the verifier reports
 * them; a multi-core run stopped early prints only each core's progress
 * lines, so there it is the sum of each core's last one (3 significant digits).
 */
export function spinCounts(out: string): { stored: number; transitions: number } {
  const stored = /(\d+) states, stored/.exec(out);
  if (stored) return { stored: Number(stored[1]), transitions: Number(stored[1]) + Number(/(\d+) states, matched/.exec(out)?.[1] ?? NaN) };
  const last = new Map<string, { stored: number; transitions: number }>();
  for (const m of out.matchAll(/^(cpu\d+): Depth=\s*\d+ States=\s*([\d.e+]+) Transitions=\s*([\d.e+]+)/gm)) {
    last.set(m[1]!, { stored: Number(m[2]), transitions: Number(m[3]) });
  }
  if (last.size === 0) return { stored: NaN, transitions: NaN };
  return [...last.values()].reduce((a, b) => ({ stored: a.stored + b.stored, transitions: a.transitions + b.transitions }));
}

/** Whether the spin and gcc commands are on this machine. */
export function spinAvailable(): boolean {
  try {
    execFileSync('spin', ['-V'], { stdio: 'ignore' });
    execFileSync('gcc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Generates the verifier with spin, compiles it and runs an exhaustive search:
 * breadth-first with `bfs` (shortest trails), depth-first otherwise, in random
 * transition order with `seed` (for time-to-first-violation over seeds);
 * `quickCompile` trades search speed for a compile in under a second (tests);
 * `userChanges` bounds the user's changes per run as `hotup check --user-changes` does,
 * `rounds` the tool's runs per boot as `hotup check --rounds` does (default 1, null: unbounded);
 * `maxDepth` sizes the search stack SPIN allocates before it starts (-m);
 * `reduce` turns SPIN's partial-order reduction on (default off, -DNOREDUCE,
 * so the stored states are the reachable states hotup check counts);
 * `ncore` runs SPIN's multi-core depth-first search on that many processes
 * (-DNCORE, shared memory sized by `memoryMB`, 2048 MiB when absent);
 * `memoryMB` stops the search at that much memory (-DMEMLIM);
 * `maxSeconds` interrupts it (SIGINT: SPIN prints what it stored so far).
 */
export function runSpin(
  t: Topology,
  faults: readonly FaultId[],
  mutant: string | null,
  o: {
    bfs?: boolean;
    seed?: number;
    quickCompile?: boolean;
    userChanges?: number | null;
    rounds?: number | null;
    hashBits?: number;
    maxDepth?: number;
    reduce?: boolean;
    ncore?: number;
    memoryMB?: number;
    maxSeconds?: number;
  } = {},
): SpinResult {
  const dir = mkdtempSync(join(tmpdir(), 'hotup-spin-'));
  try {
    copyFileSync(PROMELA, join(dir, 'hotup.pml'));
    const t0 = performance.now();
    execFileSync('spin', ['-o2', '-a', ...spinDefines(t, faults, mutant), ...(o.userChanges != null ? [`-DUCHANGES=${o.userChanges}`] : []), ...roundsDefines(o.rounds), ...(o.bfs ? ['-DBFS_SEARCH'] : []), ...(o.ncore ? ['-DMULTICORE'] : []), 'hotup.pml'], { cwd: dir, stdio: 'pipe' });
    const cflags = [
      o.quickCompile ? '-O0' : '-O2',
      ...(o.reduce ? [] : ['-DNOREDUCE']),
      '-DVECTORSZ=4096',
      ...(o.bfs ? ['-DBFS'] : []),
      ...(o.seed !== undefined ? ['-DT_RAND', '-DP_RAND'] : []),
      ...(o.ncore ? [`-DNCORE=${o.ncore}`, '-DSAFETY'] : []),
      ...(o.memoryMB !== undefined ? [`-DMEMLIM=${o.memoryMB}`] : []),
    ];
    execFileSync('gcc', [...cflags, '-o', 'pan', 'pan.c'], { cwd: dir, stdio: 'pipe' });
    const compileSeconds = (performance.now() - t0) / 1000;
    const args = [`-m${o.maxDepth ?? 20_000_000}`, `-w${o.hashBits ?? 22}`, ...(o.seed !== undefined ? [`-RS${o.seed}`] : [])];
    let out: string;
    const t1 = performance.now();
    // coreutils timeout signals the whole process group: a multi-core verifier is several processes.
    const [cmd, cmdArgs] = o.maxSeconds === undefined ? ['./pan', args] : ['timeout', ['-k', '30', '-s', 'INT', String(o.maxSeconds), './pan', ...args]];
    try {
      out = execFileSync(cmd, cmdArgs, { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? '');
    }
    const wallSeconds = (performance.now() - t1) / 1000;
    const num = (re: RegExp): number => Number(re.exec(out)?.[1] ?? NaN);
    const { stored, transitions } = spinCounts(out);
    const violation = /assertion violated (.*?) \(at depth/.exec(out)?.[1] ?? null;
    return {
      states: stored - 1,
      transitions: transitions - 1,
      compileSeconds,
      seconds: num(/(?:pan|cpu0): elapsed time ([\d.e+-]+) seconds/) || 0,
      memoryMB: num(/([\d.]+)\s+total actual memory usage/),
      stateVectorBytes: num(/State-vector (\d+) byte/),
      violation,
      depth: violation ? num(/\(at depth (\d+)\)/) : null,
      wallSeconds,
      cut: violation ? null : spinCut(out),
    };
  } finally {
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}
