import { availableParallelism, loadavg } from 'node:os';
import { check, type CheckOptions, type CheckResult } from '../src/check/check.js';
import { checkOnWorkers } from '../src/check/parallel-check.js';
import { runSpin, spinAvailable, twinMisfit } from '../twins/spin.js';
import { seriesRows, type SeriesRowSpec } from './series-rows.js';
import { searchFigures, type SearchFigures } from './search-figures.js';

/** One hotup check search of the series. */
export interface SeriesHotupRun extends SearchFigures {
  /** The machine's one-minute load average just before the search (other people's processes included). */
  readonly loadBefore: number;
  /** What the partial-order reduction did (CheckResult.por): whether it reduced, and its note. */
  readonly por: { readonly on: boolean; readonly note: string };
}

/** One SPIN verification of the series. */
export interface SeriesSpinRun {
  /** Stored states without the one before boot; for a multi-core run cut early, the sum of each core's last progress line. */
  readonly states: number;
  readonly transitions: number;
  /** The verifier's own elapsed time (the first core's in multi-core mode). */
  readonly seconds: number;
  readonly wallSeconds: number;
  readonly compileSeconds: number;
  readonly memoryMB: number | null;
  /** What stopped the search early (time, memory, depth, aborted), or null: every state stored. */
  readonly cut: string | null;
  /** Why the verifier could not be built or run here, or null. */
  readonly error: string | null;
}

/** SPIN's three modes on one row, on the same twin, topology, faults and limits. */
export interface SeriesSpin {
  /** -DNOREDUCE: no partial-order reduction, the states hotup check counts. */
  readonly noReduce: SeriesSpinRun;
  /** SPIN's default: partial-order reduction on. */
  readonly reduce: SeriesSpinRun;
  /** -DNCORE=2 -DSAFETY -DNOREDUCE: SPIN's multi-core depth-first search on two processes. */
  readonly ncore: SeriesSpinRun;
  /** States without reduction over states with it, when both searches completed; else null. */
  readonly reductionFactor: number | null;
}

/** One row of the series: hotup on one worker and on two, and SPIN when the twin takes the topology. */
export interface SeriesRow {
  readonly topology: string;
  readonly children: number;
  readonly netdevs: number;
  readonly faults: string;
  readonly maxSeconds: number;
  readonly aimSeconds: number | null;
  readonly oneWorker: SeriesHotupRun;
  /** Two workers, run only where one worker completed and the series' time allowed. */
  readonly twoWorkers: SeriesHotupRun | null;
  /** Why there is no two-worker run, or null. */
  readonly twoWorkersNote: string | null;
  /** hotup check's partial-order reduction: states without it over states with it (1: it did not reduce; null: a run was cut). */
  readonly porFactor: number | null;
  readonly spin: SeriesSpin | null;
  /** Why there is no SPIN run ('twin: n>3', 'spin not installed'), or null. */
  readonly spinNote: string | null;
}

/** The whole series. */
export interface SeriesBench {
  readonly cores: number;
  /** Wall seconds the series may take; two-worker runs that would pass it are dropped, largest first. */
  readonly budgetSeconds: number;
  readonly wallSeconds: number;
  /** SPIN's settings beside the mode's own switches. */
  readonly spinSettings: { readonly hashBits: number; readonly maxDepth: number; readonly memoryMB: number };
  readonly loadBefore: number;
  readonly loadAfter: number;
  readonly rows: readonly SeriesRow[];
}

/** The series' wall-time budget: 25 minutes. */
export const SERIES_BUDGET_SECONDS = 25 * 60;

/** SPIN's table (2^26 slots: multi-core SPIN cannot grow it), search stack and memory limit (MiB) on every series run. */
const SPIN_SETTINGS = { hashBits: 26, maxDepth: 5_000_000, memoryMB: 6144 } as const;

/** Runs hotup check on `workers` workers with the row's settings. */
/** The row's search: INV-* only, no audit, cut at the row's limit. */
const optionsOf = (spec: SeriesRowSpec): CheckOptions => ({
  topology: spec.topology,
  mutant: null,
  faults: spec.faultSet.faults,
  userChanges: spec.faultSet.userChanges,
  liveness: false,
  audit: false,
  maxSeconds: spec.maxSeconds,
});

async function hotupRun(spec: SeriesRowSpec, workers: number): Promise<SeriesHotupRun> {
  const o = optionsOf(spec);
  const loadBefore = loadavg()[0]!;
  const c0 = process.cpuUsage();
  const r: CheckResult = workers === 1 ? check(o) : await checkOnWorkers(o, workers);
  return {
    ...searchFigures(r, c0),
    loadBefore,
    por: { on: r.por.on, note: r.por.note },
  };
}

/**
 * States without the reduction over states with it: 1 when it did not
 * reduce (the same search); otherwise the row again with --no-por, where
 * both complete (null where either was cut).
 */
async function porFactor(spec: SeriesRowSpec, one: SeriesHotupRun): Promise<number | null> {
  if (!one.por.on) return 1;
  if (one.verdict !== 'pass') return null;
  const r = check({ ...optionsOf(spec), por: false });
  return r.verdict === 'pass' ? r.states / one.states : null;
}

/** One SPIN verification of the row in one mode; a verifier that cannot be built or run is a row note, not a failed series. */
function spinRun(spec: SeriesRowSpec, mode: { reduce?: boolean; ncore?: number }): SeriesSpinRun {
  try {
    const r = runSpin(spec.topology, spec.faultSet.faults, null, { userChanges: spec.faultSet.userChanges, maxSeconds: spec.maxSeconds, ...SPIN_SETTINGS, ...mode });
    return {
      states: r.states,
      transitions: r.transitions,
      seconds: r.seconds || r.wallSeconds,
      wallSeconds: r.wallSeconds,
      compileSeconds: r.compileSeconds,
      memoryMB: Number.isFinite(r.memoryMB) ? r.memoryMB : null,
      cut: r.cut,
      error: r.violation ? `violation: ${r.violation}` : null,
    };
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? '');
    const why = (stderr.split('\n').find((l) => /error/i.test(l)) ?? (e as Error).message.split('\n')[0] ?? 'failed').trim();
    return { states: NaN, transitions: NaN, seconds: NaN, wallSeconds: NaN, compileSeconds: NaN, memoryMB: null, cut: null, error: why };
  }
}

/** SPIN's three modes on one row. */
function spinModes(spec: SeriesRowSpec): SeriesSpin {
  const noReduce = spinRun(spec, {});
  const reduce = spinRun(spec, { reduce: true });
  const ncore = spinRun(spec, { ncore: 2 });
  const complete = (r: SeriesSpinRun): boolean => r.cut === null && r.error === null;
  return { noReduce, reduce, ncore, reductionFactor: complete(noReduce) && complete(reduce) ? noReduce.states / reduce.states : null };
}

/** Seconds a two-worker run is expected to take: two workers measured slower than one on this machine. */
const twoWorkerEstimate = (spec: SeriesRowSpec, one: SeriesHotupRun): number => Math.min(spec.maxSeconds, 2 * one.seconds) + 5;

/**
 * The scale series: per row, hotup check on one worker, SPIN on the twin in
 * three modes (rows the twin takes), then hotup on two workers where one
 * worker completed, smallest row first, while the series stays within
 * `budgetSeconds`.
 */
export async function benchSeries(log: (line: string) => void = () => {}, budgetSeconds = SERIES_BUDGET_SECONDS, specs: readonly SeriesRowSpec[] = seriesRows()): Promise<SeriesBench> {
  const t0 = performance.now();
  const elapsed = (): number => (performance.now() - t0) / 1000;
  const loadBefore = loadavg()[0]!;
  const haveSpin = spinAvailable();
  const firstPass: { spec: SeriesRowSpec; oneWorker: SeriesHotupRun; por: number | null; spin: SeriesSpin | null; spinNote: string | null }[] = [];
  for (const spec of specs) {
    const oneWorker = await hotupRun(spec, 1);
    log(`  ${spec.topology.name} ${spec.faultSet.name}: hotup 1 worker ${oneWorker.verdict}${oneWorker.cutBy ? ` (${oneWorker.cutBy})` : ''} ${oneWorker.states} states in ${oneWorker.seconds.toFixed(1)} s`);
    const misfit = twinMisfit(spec.topology);
    const spinNote = misfit ? `twin: ${misfit}` : haveSpin ? null : 'spin or gcc not installed';
    const spin = spinNote ? null : spinModes(spec);
    if (spin) {
      for (const [mode, r] of Object.entries({ NOREDUCE: spin.noReduce, default: spin.reduce, 'NCORE=2': spin.ncore })) {
        log(`  ${spec.topology.name} ${spec.faultSet.name}: SPIN ${mode} ${r.error ?? `${r.states} states in ${r.seconds.toFixed(1)} s${r.cut ? ` (cut: ${r.cut})` : ''}`}`);
      }
    }
    firstPass.push({ spec, oneWorker, por: await porFactor(spec, oneWorker), spin, spinNote });
  }
  const two = new Map<SeriesRowSpec, SeriesHotupRun | string>();
  const completed = firstPass.filter((x) => x.oneWorker.verdict === 'pass').sort((a, b) => a.oneWorker.seconds - b.oneWorker.seconds);
  for (const x of completed) {
    if (elapsed() + twoWorkerEstimate(x.spec, x.oneWorker) > budgetSeconds) {
      two.set(x.spec, `dropped: it would pass the series' ${Math.round(budgetSeconds / 60)}-minute budget`);
      continue;
    }
    const r = await hotupRun(x.spec, 2);
    log(`  ${x.spec.topology.name} ${x.spec.faultSet.name}: hotup 2 workers ${r.verdict} ${r.states} states in ${r.seconds.toFixed(1)} s`);
    two.set(x.spec, r);
  }
  const rows: SeriesRow[] = firstPass.map(({ spec, oneWorker, por, spin, spinNote }) => {
    const t = two.get(spec);
    return {
      topology: spec.topology.name,
      children: spec.topology.children,
      netdevs: spec.topology.netdevs,
      faults: spec.faultSet.name,
      maxSeconds: spec.maxSeconds,
      aimSeconds: spec.aimSeconds,
      oneWorker,
      twoWorkers: typeof t === 'object' ? t : null,
      twoWorkersNote: typeof t === 'string' ? t : t === undefined ? 'one worker did not complete' : null,
      porFactor: por,
      spin,
      spinNote,
    };
  });
  return { cores: availableParallelism(), budgetSeconds, wallSeconds: elapsed(), spinSettings: SPIN_SETTINGS, loadBefore, loadAfter: loadavg()[0]!, rows };
}
