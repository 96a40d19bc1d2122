import { checkRun, exploreRun, PEERS_BUGS, PEERS_EXHAUSTIVE, PEERS_SIMULATION, seedsOf, topologyOf, type ScenarioOf } from '../../scenarios/index.js';
import { check } from '../../src/check/check.js';
import { explore } from '../../src/explore/explore.js';
import { runQuint } from '../../twins/quint.js';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runSpin, spinAvailable, type SpinResult } from '../../twins/spin.js';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Both searches of one topology: every state once, INV-* on every transition, no liveness (SPIN's safety run does none). */
function exhaustive(sc: ScenarioOf<'spin'>) {
  const { check: _, ...spinOptions } = sc.budget;
  const topology = topologyOf(sc.topology);
  const faults = [...sc.faults];
  const userChanges = sc.budget.userChanges ?? null;
  const h = check(checkRun(sc));
  // The time to a verdict of hotup check as a user runs it: it keeps only the history the INV-* read, so fewer states than the twin's.
  const d = check({ ...checkRun(sc), fullHistory: false });
  const s = runSpin(topology, faults, null, spinOptions);
  // SPIN's other modes, for its best time to a verdict: its partial-order reduction (fewer states), and its multi-core search on two processes.
  const modes: Record<SpinMode, SpinModeRun> = {
    NOREDUCE: modeRun(() => s),
    default: modeRun(() => runSpin(topology, faults, null, { ...spinOptions, reduce: true })),
    'NCORE=2': modeRun(() => runSpin(topology, faults, null, { ...spinOptions, ncore: 2, memoryMB: 6144 })),
  };
  return {
    topology: topology.name,
    faults,
    userChanges,
    hotup: { states: h.states, transitions: h.transitions, seconds: h.seconds, statesPerSecond: h.statesPerSecond, bytesPerState: h.bytesPerState, storeMB: h.storeBytes / 2 ** 20 },
    spin: { states: s.states, transitions: s.transitions, seconds: s.seconds, statesPerSecond: s.states / Math.max(s.seconds, 1e-3), memoryMB: s.memoryMB, compileSeconds: s.compileSeconds },
    hotupDefault: { states: d.states, seconds: d.seconds, verdict: d.verdict, command: hotupCommand(topology.name, faults, userChanges) },
    spinModes: modes,
    spinBest: { search: best(modes, (m) => m.seconds), command: best(modes, (m) => m.compileSeconds + m.wallSeconds) },
    statesAgree: h.states === s.states,
    speedRatio: h.statesPerSecond / (s.states / Math.max(s.seconds, 1e-3)),
  };
}

/** SPIN's modes in the peers table: no reduction (the twin's states), its default partial-order reduction, two cores. */
export type SpinMode = 'NOREDUCE' | 'default' | 'NCORE=2';

/** One SPIN mode's verification: its states, its search's seconds as SPIN reports them (0 below its hundredths), the verifier's run and its compilation (spin -a, gcc). */
export interface SpinModeRun {
  readonly states: number;
  readonly seconds: number;
  readonly wallSeconds: number;
  readonly compileSeconds: number;
  /** The search completed with no violation (else the mode is no verdict to compare with). */
  readonly passed: boolean;
  /** Why the verifier could not be built or run, if it could not. */
  readonly error: string | null;
}

/** One mode's figures; a verifier that cannot be built or run is a mode with no verdict, not a failed bench. */
function modeRun(run: () => SpinResult): SpinModeRun {
  try {
    const r = run();
    return { states: r.states, seconds: r.seconds, wallSeconds: r.wallSeconds, compileSeconds: r.compileSeconds, passed: r.cut === null && r.violation === null, error: null };
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? '').trim().split('\n').slice(-3).join(' ');
    return { states: NaN, seconds: NaN, wallSeconds: NaN, compileSeconds: NaN, passed: false, error: `${(e as Error).message.split('\n')[0]} ${stderr}`.trim() };
  }
}

/** The mode that reached a pass soonest by `time`, and that time. */
function best(modes: Record<SpinMode, SpinModeRun>, time: (m: SpinModeRun) => number): { mode: SpinMode; seconds: number } {
  const passed = (Object.entries(modes) as [SpinMode, SpinModeRun][]).filter(([, m]) => m.passed);
  if (!passed.length) throw new Error('no SPIN mode completed the search: see bench/results/peers.json');
  const [mode, m] = passed.reduce((a, b) => (time(b[1]) < time(a[1]) ? b : a));
  return { mode, seconds: time(m) };
}

const ROOT = join(import.meta.dirname, '..', '..');

/** `hotup check` as a user types it (INV-* only, as SPIN's safety run): the wall seconds of the whole command, starting node and loading the code included, and its verdict. */
function hotupCommand(topology: string, faults: readonly string[], userChanges: number | null): { seconds: number; verdict: string } {
  const args = ['bin/hotup.js', 'check', '--topology', topology, '--faults', faults.length ? faults.join(',') : 'none', ...(userChanges === null ? [] : ['--user-changes', String(userChanges)]), '--no-liveness'];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`hotup ${args.slice(1).join(' ')} exited ${r.status}: ${r.stderr}`);
  return { seconds, verdict: 'pass' };
}

function simulation(sc: (typeof PEERS_SIMULATION)[number]) {
  const topology = topologyOf(sc.explore.topology);
  const faults = [...sc.explore.faults];
  const e = explore(exploreRun(sc.explore));
  const { samples, steps, seed } = sc.quint.budget;
  const q = runQuint(topologyOf(sc.quint.topology), sc.quint.faults, sc.quint.mutant, { samples, steps, seed });
  const quintStepsPerSecond = (q.samples * q.stepsPerSample) / q.seconds;
  return {
    topology: topology.name,
    faults,
    hotup: { steps: e.steps, seconds: e.seconds, stepsPerSecond: e.steps / e.seconds },
    quint: { steps: q.samples * q.stepsPerSample, seconds: q.seconds, wallSeconds: q.wallSeconds, stepsPerSecond: quintStepsPerSecond },
    speedRatio: e.steps / e.seconds / quintStepsPerSecond,
  };
}

function bugFinding(sc: (typeof PEERS_BUGS)[number]) {
  const topology = topologyOf(sc.explore.topology);
  const mutant = sc.explore.mutant!;
  const spinOn = (x: ScenarioOf<'spin'>, seed?: number) => {
    const { check: _, seeds: __, seed: ___, ...o } = x.budget;
    return runSpin(topologyOf(x.topology), x.faults, x.mutant, seed === undefined ? o : { ...o, seed });
  };
  const ex = seedsOf(sc.explore.budget).map((seed) => explore(exploreRun(sc.explore, seed)));
  const ck = check(checkRun(sc.check));
  const sp = seedsOf(sc.spin.budget).map((seed) => spinOn(sc.spin, seed));
  const spBfs = spinOn(sc.spinBfs);
  const qb = sc.quint.budget;
  const qu = seedsOf(qb).map((seed) => runQuint(topologyOf(sc.quint.topology), sc.quint.faults, sc.quint.mutant, { samples: qb.samples, steps: qb.steps, seed }));
  const found = <T>(xs: T[], ok: (x: T) => boolean) => xs.filter(ok).length;
  return {
    mutant,
    topology: topology.name,
    hotupExplore: {
      found: found(ex, (r) => r.counterexample !== null),
      medianSeconds: median(ex.map((r) => r.secondsToFirstViolation ?? r.seconds)),
      medianLength: median(ex.map((r) => r.counterexample?.steps.length ?? NaN)),
      ids: [...new Set(ex.map((r) => r.counterexample?.violation.id))],
    },
    hotupCheck: { seconds: ck.seconds, length: ck.counterexample?.events.length ?? null, id: ck.counterexample?.violation.id ?? null },
    spin: {
      found: found(sp, (r) => r.violation !== null),
      medianSeconds: median(sp.map((r) => r.seconds)),
      medianWallSeconds: median(sp.map((r) => r.wallSeconds)),
      medianLength: median(sp.map((r) => r.depth ?? NaN)),
      bfsLength: spBfs.depth,
    },
    quint: {
      found: found(qu, (r) => r.violated),
      medianSeconds: median(qu.map((r) => r.seconds)),
      medianWallSeconds: median(qu.map((r) => r.wallSeconds)),
      medianLength: median(qu.map((r) => r.depth ?? NaN)),
    },
  };
}

/** Runs every comparison of scenarios/peers.ts. */
export function runPeers() {
  if (!spinAvailable()) throw new Error('spin or gcc is missing: apt-get install spin gcc');
  return {
    machine: `${process.platform}-${process.arch}, node ${process.version}`,
    exhaustive: PEERS_EXHAUSTIVE.map(exhaustive),
    simulation: PEERS_SIMULATION.map(simulation),
    bugs: PEERS_BUGS.map(bugFinding),
  };
}
