import { FAULTS, type FaultId } from '../src/model/faults.js';
import { expectedIds, MUTANTS } from '../src/mutants.js';
import { PRESETS } from '../src/topology/presets.js';
import { faultsSlug, type ScenarioOf } from './scenario.js';

/** The seed of the unit tests' explorations: the suite is deterministic; bigger runs are `hotup explore --runs N`. */
export const TEST_SEED = 42;

/** The correct design explored with every fault on each preset, and with none on claims-10-11 (properties/mutants.test.ts). */
export const EXPLORE_CORRECT: readonly ScenarioOf<'explore'>[] = [
  ...['claims-1-9', 'claims-10-11', 'claims-10-11-xor', 'claims-10-11-primary'].map(
    (topology): ScenarioOf<'explore'> => ({
      id: `explore/${topology}/all-faults/correct`,
      tool: 'explore',
      topology,
      faults: FAULTS,
      mutant: null,
      properties: [],
      budget: { runs: 150, steps: 40, seed: TEST_SEED },
      expect: { verdict: 'pass', stepsAbove: 2000 },
    }),
  ),
  {
    id: 'explore/claims-10-11/no-faults/correct',
    tool: 'explore',
    topology: 'claims-10-11',
    faults: [],
    mutant: null,
    properties: [],
    budget: { runs: 150, steps: 40, seed: TEST_SEED },
    expect: { verdict: 'pass' },
  },
];

/** Each mutant explored on claims-10-11 with every fault: the first violation is one the mutant is expected to break. */
export const EXPLORE_MUTANTS: readonly ScenarioOf<'explore'>[] = MUTANTS.map((m) => ({
  id: `explore/claims-10-11/all-faults/${m.id}`,
  tool: 'explore',
  topology: 'claims-10-11',
  faults: FAULTS,
  mutant: m.id,
  properties: [],
  budget: { runs: 400, steps: 40, seed: TEST_SEED },
  expect: { verdict: 'violation', violates: expectedIds(m) },
}));

/** What a mutant documents it cannot break, explored on every preset with every fault: it holds. */
export const EXPLORE_CANNOT_BREAK: readonly ScenarioOf<'explore'>[] = MUTANTS.flatMap((m) =>
  Object.keys(m.cannotBreak ?? {}).flatMap((property) =>
    Object.keys(PRESETS).map(
      (topology): ScenarioOf<'explore'> => ({
        id: `explore/${topology}/all-faults/${m.id}/${property}`,
        tool: 'explore',
        topology,
        faults: FAULTS,
        mutant: m.id,
        properties: [property],
        budget: { runs: 200, steps: 40, seed: TEST_SEED },
        expect: { verdict: 'pass' },
      }),
    ),
  ),
);

/** A short explored counterexample: MUT-PARALLEL-UPGRADE breaks INV-ONE-DOWN in at most 25 steps after shrinking. */
export const EXPLORE_COUNTEREXAMPLE: ScenarioOf<'explore'> = {
  id: 'explore/claims-10-11/no-faults/MUT-PARALLEL-UPGRADE',
  tool: 'explore',
  topology: 'claims-10-11',
  faults: [],
  mutant: 'MUT-PARALLEL-UPGRADE',
  properties: [],
  budget: { runs: 200, steps: 40, seed: TEST_SEED },
  expect: { verdict: 'violation', violates: ['INV-ONE-DOWN'], longest: 25 },
};

/** Each mutant searched exhaustively on claims-10-11 with a failing probe: the first violation is one it is expected to break. */
export const CHECK_MUTANTS: readonly ScenarioOf<'check'>[] = MUTANTS.map((m) => ({
  id: `check/claims-10-11/probe-fail/${m.id}`,
  tool: 'check',
  topology: 'claims-10-11',
  faults: ['FAULT-PROBE-FAIL'],
  mutant: m.id,
  properties: [],
  budget: {},
  expect: { verdict: 'violation', violates: expectedIds(m) },
}));

/** What a mutant documents it cannot break, proven on every preset, with no faults and then a failing probe. */
export const CHECK_CANNOT_BREAK: readonly ScenarioOf<'check'>[] = MUTANTS.flatMap((m) =>
  Object.keys(m.cannotBreak ?? {}).flatMap((property) =>
    Object.keys(PRESETS).flatMap((topology) =>
      ([[], ['FAULT-PROBE-FAIL']] as FaultId[][]).map(
        (faults): ScenarioOf<'check'> => ({
          id: `check/${topology}/${faultsSlug(faults)}/${m.id}/${property}`,
          tool: 'check',
          topology,
          faults,
          mutant: m.id,
          properties: [property],
          budget: {},
          expect: { verdict: 'pass' },
        }),
      ),
    ),
  ),
);
