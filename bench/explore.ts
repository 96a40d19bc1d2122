import { BENCH_EXPLORE_MUTANTS, BENCH_EXPLORE_THROUGHPUT, exploreRun, seedsOf } from '../scenarios/index.js';
import { explore } from '../src/explore/explore.js';

/** Random-exploration speed per topology, and how fast each mutant is found. */
export interface ExploreBench {
  /**
   * Per topology: the first exploration in the process (`stepsPerSecond`,
   * filling the memoised tables as it goes) and a second one with the next
   * seed over the filled tables (`warmStepsPerSecond`).
   */
  readonly throughput: { topology: string; runs: number; steps: number; seconds: number; stepsPerSecond: number; warmStepsPerSecond: number; heapMB: number }[];
  readonly mutants: { mutant: string; topology: string; seeds: number; found: number; medianSeconds: number | null; medianRuns: number | null; medianTraceLength: number | null; ids: string[] }[];
}

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * Runs the exploration benchmark of scenarios/bench.ts: each preset's runs of
 * the correct design (`runs` overrides their number), then each mutant over
 * its seeds (`seeds` overrides how many).
 */
export function benchExplore(runs?: number, seeds?: number): ExploreBench {
  const throughput = BENCH_EXPLORE_THROUGHPUT.map((s) => {
    const r = explore({ ...exploreRun(s), runs: runs ?? s.budget.runs });
    const warm = explore({ ...exploreRun(s, s.budget.seed + 1), runs: runs ?? s.budget.runs });
    return {
      topology: s.topology,
      runs: r.runs,
      steps: r.steps,
      seconds: r.seconds,
      stepsPerSecond: r.steps / r.seconds,
      warmStepsPerSecond: warm.steps / warm.seconds,
      heapMB: process.memoryUsage().heapUsed / 2 ** 20,
    };
  });
  const mutants = BENCH_EXPLORE_MUTANTS.map((s) => {
    const times: number[] = [];
    const runCounts: number[] = [];
    const lengths: number[] = [];
    const ids = new Set<string>();
    const onSeeds = seedsOf({ seed: s.budget.seed, seeds: seeds ?? s.budget.seeds });
    for (const seed of onSeeds) {
      const r = explore(exploreRun(s, seed));
      if (r.counterexample && r.secondsToFirstViolation !== null) {
        times.push(r.secondsToFirstViolation);
        runCounts.push(r.runs);
        lengths.push(r.counterexample.steps.length);
        ids.add(r.counterexample.violation.id);
      }
    }
    return {
      mutant: s.mutant!,
      topology: s.topology,
      seeds: onSeeds.length,
      found: times.length,
      medianSeconds: median(times),
      medianRuns: median(runCounts),
      medianTraceLength: median(lengths),
      ids: [...ids].sort(),
    };
  });
  return { throughput, mutants };
}

/** The benchmark as readable tables. */
export function exploreTables(b: ExploreBench): string {
  const out = [
    'random exploration (runs of 40 steps, all faults; steps/s of the first exploration in the process, then of a second with the next seed over the filled tables):',
    '  topology                 runs    steps  seconds   steps/s   warm/s  heap MB',
  ];
  for (const t of b.throughput) {
    out.push(
      `  ${t.topology.padEnd(22)} ${String(t.runs).padStart(6)} ${String(t.steps).padStart(8)} ${t.seconds.toFixed(2).padStart(8)} ${Math.round(t.stepsPerSecond).toString().padStart(9)} ${Math.round(t.warmStepsPerSecond).toString().padStart(8)} ${t.heapMB.toFixed(0).padStart(8)}`,
    );
  }
  out.push('', `time to the first violation, claims-10-11, median over seeds:`, '  mutant                  found  median s  median runs  trace  ids');
  for (const m of b.mutants) {
    out.push(
      `  ${m.mutant.padEnd(22)} ${`${m.found}/${m.seeds}`.padStart(6)} ${m.medianSeconds === null ? '      -' : m.medianSeconds.toFixed(3).padStart(9)} ${String(m.medianRuns ?? '-').padStart(12)} ${String(m.medianTraceLength ?? '-').padStart(6)}  ${m.ids.join(', ')}`,
    );
  }
  return out.join('\n');
}
