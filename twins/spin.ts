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

/** The -D flags that select a topology, faults and a mutant in the Promela twin. */
export function spinDefines(t: Topology, faults: readonly FaultId[], mutant: string | null): string[] {
  if (t.netdevs > 3 || t.children > 4 || t.maxInFlight !== 1 || t.flows > 2) {
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
 * `maxDepth` sizes the search stack SPIN allocates before it starts (-m).
 */
export function runSpin(
  t: Topology,
  faults: readonly FaultId[],
  mutant: string | null,
  o: { bfs?: boolean; seed?: number; quickCompile?: boolean; userChanges?: number | null; rounds?: number | null; hashBits?: number; maxDepth?: number } = {},
): SpinResult {
  const dir = mkdtempSync(join(tmpdir(), 'hotup-spin-'));
  try {
    copyFileSync(PROMELA, join(dir, 'hotup.pml'));
    const t0 = performance.now();
    execFileSync('spin', ['-o2', '-a', ...spinDefines(t, faults, mutant), ...(o.userChanges != null ? [`-DUCHANGES=${o.userChanges}`] : []), ...roundsDefines(o.rounds), ...(o.bfs ? ['-DBFS_SEARCH'] : []), 'hotup.pml'], { cwd: dir, stdio: 'pipe' });
    const cflags = [o.quickCompile ? '-O0' : '-O2', '-DNOREDUCE', '-DVECTORSZ=4096', ...(o.bfs ? ['-DBFS'] : []), ...(o.seed !== undefined ? ['-DT_RAND', '-DP_RAND'] : [])];
    execFileSync('gcc', [...cflags, '-o', 'pan', 'pan.c'], { cwd: dir, stdio: 'pipe' });
    const compileSeconds = (performance.now() - t0) / 1000;
    const args = [`-m${o.maxDepth ?? 20_000_000}`, `-w${o.hashBits ?? 22}`, ...(o.seed !== undefined ? [`-RS${o.seed}`] : [])];
    let out: string;
    const t1 = performance.now();
    try {
      out = execFileSync('./pan', args, { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? '');
    }
    const wallSeconds = (performance.now() - t1) / 1000;
    const num = (re: RegExp): number => Number(re.exec(out)?.[1] ?? NaN);
    const stored = num(/(\d+) states, stored/);
    const matched = num(/(\d+) states, matched/);
    const violation = /assertion violated (.*?) \(at depth/.exec(out)?.[1] ?? null;
    return {
      states: stored - 1,
      transitions: stored + matched - 1,
      compileSeconds,
      seconds: num(/pan: elapsed time ([\d.e+-]+) seconds/) || 0,
      memoryMB: num(/([\d.]+)\s+total actual memory usage/),
      stateVectorBytes: num(/State-vector (\d+) byte/),
      violation,
      depth: violation ? num(/\(at depth (\d+)\)/) : null,
      wallSeconds,
    };
  } finally {
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}
