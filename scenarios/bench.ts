import { FAULTS, type FaultId } from '../src/model/faults.js';
import { MUTANTS } from '../src/mutants.js';
import { PRESETS } from '../src/topology/presets.js';
import { faultsSlug, type ScenarioOf } from './scenario.js';
import { growingTopologies } from './topologies.js';

/** bench/explore.ts: random-exploration speed of the correct design with every fault, one scenario per preset. */
export const BENCH_EXPLORE_THROUGHPUT: readonly ScenarioOf<'explore'>[] = Object.keys(PRESETS).map((topology) => ({
  id: `bench/explore/${topology}/all-faults/correct`,
  tool: 'explore',
  topology,
  faults: FAULTS,
  mutant: null,
  properties: [],
  budget: { runs: 400, steps: 40, seed: 1 },
  expect: { verdict: 'pass' },
}));

/** bench/explore.ts: time to the first violation of each mutant on claims-10-11 with every fault, over 20 seeds. */
export const BENCH_EXPLORE_MUTANTS: readonly ScenarioOf<'explore'>[] = MUTANTS.map((m) => ({
  id: `bench/explore/claims-10-11/all-faults/${m.id}`,
  tool: 'explore',
  topology: 'claims-10-11',
  faults: FAULTS,
  mutant: m.id,
  properties: [],
  budget: { runs: 2000, steps: 40, seed: 1, seeds: 20 },
  expect: { verdict: 'violation' },
}));

/** The fault sets of the check benchmark, with the user changes each allows (null: unbounded). */
const CHECK_FAULT_SETS: readonly { readonly faults: readonly FaultId[]; readonly userChanges: number | null }[] = [
  { faults: [], userChanges: null },
  { faults: FAULTS.filter((f) => f !== 'FAULT-USER-CONFIG'), userChanges: null },
  { faults: FAULTS, userChanges: 1 },
];

/** The default time budget, in seconds, of one search of the check benchmark (`npm run bench -- --check-budget`). */
export const BENCH_CHECK_SECONDS = 60;

/**
 * bench/check.ts: exhaustive searches of the correct design (INV-* only) over
 * the growing topologies cM-nN, by fault set, then children, then netdevs.
 * Each passes, or is cut by the time budget; the benchmark stops a series of
 * one fault set and number of children at its first cut search. They keep
 * the whole history, so that SPIN on the twin counts the same states.
 */
export const BENCH_CHECK: readonly ScenarioOf<'check'>[] = CHECK_FAULT_SETS.flatMap(({ faults, userChanges }) =>
  growingTopologies().map(
    (t): ScenarioOf<'check'> => ({
      id: `bench/check/${t.name}/${faultsSlug(faults, userChanges)}/correct`,
      tool: 'check',
      topology: t.name,
      faults,
      mutant: null,
      properties: [],
      budget: { userChanges, liveness: false, audit: false, maxSeconds: BENCH_CHECK_SECONDS, fullHistory: true },
      expect: { verdict: 'pass' },
    }),
  ),
);

/** bench/conform.ts: a trace of steady traffic on claims-10-11, a million events long, checked against the correct design. */
export const BENCH_CONFORM: ScenarioOf<'conform'> = {
  id: 'bench/conform/claims-10-11/no-faults/correct',
  tool: 'conform',
  topology: 'claims-10-11',
  faults: [],
  mutant: null,
  properties: [],
  budget: { events: 1_000_000 },
  expect: { verdict: 'pass' },
};
