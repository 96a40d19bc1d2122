import { FAULTS, type FaultId } from '../src/model/faults.js';
import { MUTANTS } from '../src/mutants.js';
import { SMALL_FAULTS } from './exhaustive.js';
import { faultsSlug, type ScenarioOf } from './scenario.js';

const spin = (
  purpose: string,
  topology: string,
  faults: readonly FaultId[],
  mutant: string | null,
  budget: ScenarioOf<'spin'>['budget'],
  expect: ScenarioOf<'spin'>['expect'],
): ScenarioOf<'spin'> => ({
  id: `${purpose}/${topology}/${faultsSlug(faults, budget.userChanges ?? null)}/${mutant ?? 'correct'}${budget.rounds === undefined ? '' : budget.rounds === null ? '/unbounded-rounds' : `/${budget.rounds}-rounds`}`,
  tool: 'spin',
  topology,
  faults,
  mutant,
  properties: [],
  budget,
  expect,
});

/**
 * The Promela twin under SPIN and `hotup check` on the same correct design
 * (twins/spin.test.ts): the same number of reachable states, no violation.
 * The one with every fault and a user change is the long one; the last ones
 * run the tool more than once in a boot (-DROUNDS, hotup check --rounds).
 */
export const SPIN_AGREE: readonly ScenarioOf<'spin'>[] = [
  ...(
    [
      ['claims-1-9', []],
      ['claims-1-9', SMALL_FAULTS],
      ['claims-1-9', ['FAULT-FORCED-UNLOAD']],
      ['claims-10-11', ['FAULT-FORCED-UNLOAD']],
      ['claims-10-11', ['FAULT-PROBE-FAIL', 'FAULT-FORCED-UNLOAD', 'FAULT-TOOL-RESTART']],
      ['claims-10-11-xor', ['FAULT-TOOL-RESTART', 'FAULT-PARENT-REMOVE']],
      ['claims-10-11-primary', ['FAULT-PROBE-FAIL', 'FAULT-NOTIFY-LOST']],
    ] as [string, readonly FaultId[]][]
  ).map(([t, f]) => spin('spin', t, f, null, { quickCompile: true, check: { liveness: false } }, { verdict: 'pass' })),
  spin('spin', 'claims-1-9', FAULTS, null, { userChanges: 1, hashBits: 24, check: { userChanges: 1, liveness: false, audit: false } }, { verdict: 'pass', statesAbove: 1_000_000 }),
  ...(
    [
      ['claims-1-9', [], null],
      ['claims-1-9', SMALL_FAULTS, 2],
      ['claims-10-11', ['FAULT-PROBE-FAIL', 'FAULT-NOTIFY-LOST'], 2],
      ['claims-10-11-xor', ['FAULT-PROBE-FAIL', 'FAULT-PARENT-REMOVE'], 3],
    ] as [string, readonly FaultId[], number | null][]
  ).map(([t, f, rounds]) => spin('spin', t, f, null, { rounds, quickCompile: true, check: { rounds, liveness: false } }, { verdict: 'pass' })),
];

/** Each mutant on claims-10-11 with a failing probe: SPIN and `hotup check` (liveness only for a mutant breaking only LIVE-*) both catch it. */
export const SPIN_MUTANTS: readonly ScenarioOf<'spin'>[] = MUTANTS.map((m) =>
  spin('spin', 'claims-10-11', ['FAULT-PROBE-FAIL'], m.id, { quickCompile: true, check: { liveness: m.breaks.every((b) => b.startsWith('LIVE-')) } }, { verdict: 'violation' }),
);

/** The Quint twin on Quint's simulator (twins/quint.test.ts): no INV-* broken with no faults, nor over three rounds of the tool; MUT-PARALLEL-UPGRADE caught, no sooner than `hotup check`'s shortest. */
export const QUINT_AGREE: readonly ScenarioOf<'quint'>[] = [
  {
    id: 'quint/claims-1-9/no-faults/correct',
    tool: 'quint',
    topology: 'claims-1-9',
    faults: [],
    mutant: null,
    properties: [],
    budget: { samples: 50, steps: 30, seed: 1, byName: true },
    expect: { verdict: 'pass' },
  },
  {
    id: 'quint/claims-1-9/probe-fail+tool-restart/correct/3-rounds',
    tool: 'quint',
    topology: 'claims-1-9',
    faults: ['FAULT-PROBE-FAIL', 'FAULT-TOOL-RESTART'],
    mutant: null,
    properties: [],
    budget: { samples: 50, steps: 60, seed: 1, byName: true, rounds: 3 },
    expect: { verdict: 'pass' },
  },
  {
    id: 'quint/claims-1-9/no-faults/MUT-PARALLEL-UPGRADE',
    tool: 'quint',
    topology: 'claims-1-9',
    faults: [],
    mutant: 'MUT-PARALLEL-UPGRADE',
    properties: [],
    // The mutant also breaks the part of LIVE-UPGRADE-DONE a state shows (the tool done while a child still loads); a seed whose first failing run reaches INV-ONE-DOWN first.
    budget: { samples: 200, steps: 30, seed: 2, byName: true, check: { liveness: false, audit: false } },
    expect: { verdict: 'violation', violates: ['INV-ONE-DOWN'] },
  },
];

const FIVE: FaultId[] = ['FAULT-PROBE-FAIL', 'FAULT-NOTIFY-LOST', 'FAULT-TOOL-RESTART', 'FAULT-FORCED-UNLOAD', 'FAULT-PARENT-REMOVE'];

/** bench/peers: exhaustive searches of SPIN against `hotup check` (INV-* only), one row each. */
export const PEERS_EXHAUSTIVE: readonly ScenarioOf<'spin'>[] = (
  [
    ['claims-1-9', [], null],
    ['claims-1-9', FIVE, null],
    ['claims-1-9', FAULTS, 1],
    ['claims-10-11', FIVE, null],
    ['claims-10-11', FAULTS, 1],
  ] as [string, readonly FaultId[], number | null][]
).map(([t, f, userChanges]) => spin('peers/exhaustive', t, f, null, { userChanges, hashBits: 26, check: { userChanges, liveness: false, audit: false } }, { verdict: 'pass' }));

/** bench/peers: random simulation, `hotup explore` and Quint's simulator on the same topology and faults, one pair per row. */
export const PEERS_SIMULATION: readonly { readonly explore: ScenarioOf<'explore'>; readonly quint: ScenarioOf<'quint'> }[] = (
  [
    ['claims-1-9', []],
    ['claims-1-9', FAULTS],
    ['claims-10-11', FAULTS],
  ] as [string, readonly FaultId[]][]
).map(([topology, faults]) => {
  const common = { topology, faults, mutant: null, properties: [], expect: { verdict: 'pass' } } as const;
  const id = `peers/simulation/${topology}/${faultsSlug(faults)}/correct`;
  return {
    explore: { ...common, id: `${id}/explore`, tool: 'explore', budget: { runs: 500, steps: 40, seed: 1 } },
    quint: { ...common, id: `${id}/quint`, tool: 'quint', budget: { samples: 200, steps: 40, seed: 1 } },
  };
});

/** The seeds of each bug-finding search in bench/peers. */
const PEER_SEEDS = 10;

/** bench/peers: how fast each tool finds a mutant on claims-10-11 with no faults, over seeds; check and SPIN's breadth-first search give the shortest counterexample. */
export const PEERS_BUGS: readonly {
  readonly explore: ScenarioOf<'explore'>;
  readonly check: ScenarioOf<'check'>;
  readonly spin: ScenarioOf<'spin'>;
  readonly spinBfs: ScenarioOf<'spin'>;
  readonly quint: ScenarioOf<'quint'>;
}[] = ['MUT-PARALLEL-UPGRADE', 'MUT-NO-DRAIN', 'MUT-NO-WAIT-FAILOVER'].map((mutant) => {
  const common = { topology: 'claims-10-11', faults: [], mutant, properties: [], expect: { verdict: 'violation' } } as const;
  const id = `peers/bugs/claims-10-11/no-faults/${mutant}`;
  return {
    explore: { ...common, id: `${id}/explore`, tool: 'explore', budget: { runs: 5000, steps: 40, seed: 1, seeds: PEER_SEEDS } },
    check: { ...common, id: `${id}/check`, tool: 'check', budget: { liveness: false, audit: false } },
    // A search stack of 100,000 steps, not 20 million: allocating that would be most of SPIN's wall time.
    spin: { ...common, id: `${id}/spin-dfs`, tool: 'spin', budget: { seed: 1, seeds: PEER_SEEDS, maxDepth: 100_000 } },
    spinBfs: { ...common, id: `${id}/spin-bfs`, tool: 'spin', budget: { bfs: true, maxDepth: 100_000 } },
    quint: { ...common, id: `${id}/quint`, tool: 'quint', budget: { samples: 20000, steps: 40, seed: 1, seeds: PEER_SEEDS } },
  };
});
