import { BENCH_CHECK, BENCH_CONFORM, BENCH_EXPLORE_MUTANTS, BENCH_EXPLORE_THROUGHPUT } from './bench.js';
import { CLAIMS_CORRECT, CLAIMS_MUTANTS } from './claims.js';
import { CHECK_ALL_FAULTS, CHECK_COUNTEREXAMPLES, CHECK_CORRECT, CHECK_CUT } from './exhaustive.js';
import { CHECK_CANNOT_BREAK, CHECK_MUTANTS, EXPLORE_CANNOT_BREAK, EXPLORE_CORRECT, EXPLORE_COUNTEREXAMPLE, EXPLORE_MUTANTS } from './mutants.js';
import { PEERS_BUGS, PEERS_EXHAUSTIVE, PEERS_SIMULATION, QUINT_AGREE, SPIN_AGREE, SPIN_MUTANTS } from './peers.js';
import { CHECK_ROUNDS, EXPLORE_ROUNDS, ROUND_UPGRADES } from './rounds.js';
import type { Scenario } from './scenario.js';

export * from './bench.js';
export * from './claims.js';
export * from './exhaustive.js';
export * from './mutants.js';
export * from './peers.js';
export * from './rounds.js';
export * from './scenario.js';
export * from './topologies.js';

/** Every named run the project relies on: the tests', the generated docs', the benchmarks'. Ids are unique. */
export const SCENARIOS: readonly Scenario[] = [
  ...EXPLORE_CORRECT,
  ...EXPLORE_MUTANTS,
  ...EXPLORE_CANNOT_BREAK,
  EXPLORE_COUNTEREXAMPLE,
  ...CHECK_CORRECT,
  ...CHECK_CUT,
  ...CHECK_ALL_FAULTS,
  ...CHECK_MUTANTS,
  ...CHECK_CANNOT_BREAK,
  ...CHECK_COUNTEREXAMPLES,
  ...CHECK_ROUNDS,
  ...EXPLORE_ROUNDS,
  ...ROUND_UPGRADES,
  ...SPIN_AGREE,
  ...SPIN_MUTANTS,
  ...QUINT_AGREE,
  ...CLAIMS_CORRECT,
  ...CLAIMS_MUTANTS,
  ...PEERS_EXHAUSTIVE,
  ...PEERS_SIMULATION.flatMap((p) => [p.explore, p.quint]),
  ...PEERS_BUGS.flatMap((b) => [b.explore, b.check, b.spin, b.spinBfs, b.quint]),
  ...BENCH_EXPLORE_THROUGHPUT,
  ...BENCH_EXPLORE_MUTANTS,
  ...BENCH_CHECK,
  BENCH_CONFORM,
];

/** Each named list of scenarios, by the name it is exported under: how a test that iterates over one is traced to the properties it checks. */
export const SCENARIO_LISTS: Readonly<Record<string, readonly Scenario[]>> = {
  EXPLORE_CORRECT,
  EXPLORE_MUTANTS,
  EXPLORE_CANNOT_BREAK,
  EXPLORE_COUNTEREXAMPLE: [EXPLORE_COUNTEREXAMPLE],
  CHECK_CORRECT,
  CHECK_CUT,
  CHECK_ALL_FAULTS,
  CHECK_MUTANTS,
  CHECK_CANNOT_BREAK,
  CHECK_COUNTEREXAMPLES,
  CHECK_ROUNDS,
  EXPLORE_ROUNDS,
  ROUND_UPGRADES,
  SPIN_AGREE,
  SPIN_MUTANTS,
  QUINT_AGREE,
  CLAIMS_CORRECT,
  CLAIMS_MUTANTS,
  PEERS_EXHAUSTIVE,
  PEERS_SIMULATION: PEERS_SIMULATION.flatMap((p) => [p.explore, p.quint]),
  PEERS_BUGS: PEERS_BUGS.flatMap((b) => [b.explore, b.check, b.spin, b.spinBfs, b.quint]),
  BENCH_EXPLORE_THROUGHPUT,
  BENCH_EXPLORE_MUTANTS,
  BENCH_CHECK,
  BENCH_CONFORM: [BENCH_CONFORM],
};
