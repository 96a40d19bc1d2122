import { FAULTS, type FaultId } from '../src/model/faults.js';
import { faultsSlug, type ScenarioOf } from './scenario.js';

/** Faults whose state space a test can exhaust: everything but user configuration and operator unloads, which multiply it. */
export const SMALL_FAULTS: readonly FaultId[] = ['FAULT-PROBE-FAIL', 'FAULT-NOTIFY-LOST', 'FAULT-TOOL-RESTART', 'FAULT-PARENT-REMOVE'];

const correct = (
  topology: string,
  faults: readonly FaultId[],
  budget: ScenarioOf<'check'>['budget'],
  expect: ScenarioOf<'check'>['expect'],
  tag = '',
): ScenarioOf<'check'> => ({
  id: `check/${topology}/${faultsSlug(faults, budget.userChanges ?? null)}/correct${tag}`,
  tool: 'check',
  topology,
  faults,
  mutant: null,
  properties: [],
  budget,
  expect,
});

/** The correct design searched exhaustively, small enough for the unit tests (src/check/check.test.ts). */
export const CHECK_CORRECT: readonly ScenarioOf<'check'>[] = [
  correct('claims-1-9', SMALL_FAULTS, {}, { verdict: 'pass', statesAbove: 100 }),
  correct('claims-10-11', SMALL_FAULTS, {}, { verdict: 'pass', statesAbove: 100 }),
  correct('claims-1-9', [...SMALL_FAULTS, 'FAULT-FORCED-UNLOAD'], {}, { verdict: 'pass', statesAbove: 30_000 }),
];

/** The correct design with every fault, cut at 20,000 states: no INV-* broken so far, and the search says it is incomplete. */
export const CHECK_CUT: readonly ScenarioOf<'check'>[] = ['claims-1-9', 'claims-10-11'].map((t) =>
  correct(t, FAULTS, { maxStates: 20_000 }, { verdict: 'incomplete', states: 20_000 }, '/first-20000-states'),
);

/**
 * The claim a reviewer is asked to accept: every INV-* in every reachable
 * state and no fair cycle breaking a LIVE-*, with every fault of model.md on
 * and one user change per run (src/check/all-faults.test.ts; hundreds of
 * thousands and millions of states, keeping the history the properties read:
 * 1.6M and 14.2M with all of it).
 */
export const CHECK_ALL_FAULTS: readonly ScenarioOf<'check'>[] = [
  correct('claims-1-9', FAULTS, { userChanges: 1, audit: true }, { verdict: 'pass', statesAbove: 400_000 }),
  correct('claims-10-11', FAULTS, { userChanges: 1, audit: true }, { verdict: 'pass', statesAbove: 4_000_000 }),
];

/** Counterexamples of check: a shortest trace to INV-ONE-DOWN, and a lasso breaking LIVE-RESTORE. */
export const CHECK_COUNTEREXAMPLES: readonly ScenarioOf<'check'>[] = [
  {
    id: 'check/claims-10-11/no-faults/MUT-PARALLEL-UPGRADE',
    tool: 'check',
    topology: 'claims-10-11',
    faults: [],
    mutant: 'MUT-PARALLEL-UPGRADE',
    properties: [],
    budget: {},
    expect: { verdict: 'violation', violates: ['INV-ONE-DOWN'] },
  },
  {
    id: 'check/claims-1-9/no-faults/MUT-NO-REOPEN/LIVE-RESTORE',
    tool: 'check',
    topology: 'claims-1-9',
    faults: [],
    mutant: 'MUT-NO-REOPEN',
    properties: ['LIVE-RESTORE'],
    budget: {},
    expect: { verdict: 'violation', violates: ['LIVE-RESTORE'] },
  },
];
