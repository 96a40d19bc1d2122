import { FAULTS } from '../src/model/faults.js';
import { expectedBreaks, MUTANTS } from '../src/mutants.js';
import type { ExploreBudget, ScenarioOf } from './scenario.js';

/** The budget of the explorations behind docs/claims.md: `hotup explore`'s defaults. */
export const CLAIMS_BUDGET: ExploreBudget = { runs: 100, steps: 40, seed: 42 };

/**
 * Every topology a claim is checked on, in the order docs/claims.md lists
 * them. The correct design is explored on all; the mutants, whose
 * counterexamples cost most of the time to shrink, on claims-10-11 only: it
 * catches every mutant claims-1-9 catches, and MUT-EARLY-NOTIFY, which needs
 * a child with two sub-devices, besides.
 */
const CLAIM_TOPOLOGY_NAMES = ['claims-1-9', 'claims-10-11', 'claims-10-11-xor', 'claims-10-11-primary', 'claim-12'];
const MUTANTS_ON = 'claims-10-11';

/** docs/claims.md: the correct design explored with every fault against every INV-* and LIVE-*, one scenario per claim topology. */
export const CLAIMS_CORRECT: readonly ScenarioOf<'explore'>[] = CLAIM_TOPOLOGY_NAMES.map((topology) => ({
  id: `claims/${topology}/all-faults/correct`,
  tool: 'explore',
  topology,
  faults: FAULTS,
  mutant: null,
  properties: [],
  budget: CLAIMS_BUDGET,
  expect: { verdict: 'pass' },
}));

/** docs/claims.md: each mutant explored on claims-10-11 against each property it is expected to break, one at a time. */
export const CLAIMS_MUTANTS: readonly ScenarioOf<'explore'>[] = MUTANTS.flatMap((m) =>
  expectedBreaks(m).map(
    (property): ScenarioOf<'explore'> => ({
      id: `claims/${MUTANTS_ON}/all-faults/${m.id}/${property}`,
      tool: 'explore',
      topology: MUTANTS_ON,
      faults: FAULTS,
      mutant: m.id,
      properties: [property],
      budget: CLAIMS_BUDGET,
      expect: { verdict: 'violation', violates: [property] },
    }),
  ),
);
