import { FAULTS, type FaultId } from '../src/model/faults.js';
import { SMALL_FAULTS } from './exhaustive.js';
import { faultsSlug, type ScenarioOf } from './scenario.js';

/** The suffix of a scenario id for a bound on the tool's rounds. */
const roundsTag = (rounds: number | null): string => (rounds === null ? '/unbounded-rounds' : `/${rounds}-rounds`);

const upgrade = (topology: string, name: string, versions: readonly number[]): ScenarioOf<'upgrade'> => ({
  id: `upgrade/${topology}/no-faults/correct/${name}`,
  tool: 'upgrade',
  topology,
  faults: [],
  mutant: null,
  properties: [],
  budget: { versions },
  expect: { verdict: 'pass' },
});

/**
 * Rolling upgrades of more than one round in one boot, taken in the system's
 * own fixed order with a packet between steps (src/check/rounds.test.ts):
 * two rolling upgrades, the same version installed again (every child
 * reloaded), and a downgrade. Every INV-* holds at every step and every LIVE-*
 * at the end, each child on the last round's version.
 */
export const ROUND_UPGRADES: readonly ScenarioOf<'upgrade'>[] = [
  upgrade('claims-10-11', 'v1-v2-v3', [2, 3]),
  upgrade('claims-10-11', 'v1-v2-v2', [2, 2]),
  upgrade('claims-10-11', 'v1-v2-v1', [2, 1]),
  upgrade('claim-12', 'v1-v2-v3-v1', [2, 3, 1]),
];

const checkRounds = (topology: string, faults: readonly FaultId[], rounds: number | null, statesAbove: number): ScenarioOf<'check'> => ({
  id: `check/${topology}/${faultsSlug(faults)}/correct${roundsTag(rounds)}`,
  tool: 'check',
  topology,
  faults,
  mutant: null,
  properties: [],
  budget: { rounds },
  expect: { verdict: 'pass', statesAbove },
});

/** The correct design searched exhaustively over more than one round of the tool, small enough for the unit tests (src/check/rounds.test.ts). */
export const CHECK_ROUNDS: readonly ScenarioOf<'check'>[] = [
  checkRounds('claims-1-9', [], 2, 66),
  checkRounds('claims-1-9', [], null, 264),
  checkRounds('claims-10-11', [], 3, 100),
  checkRounds('claims-1-9', SMALL_FAULTS, 2, 1000),
];

/** Random runs of several rounds with every fault (src/check/rounds.test.ts): no INV-* or LIVE-* broken. */
export const EXPLORE_ROUNDS: readonly ScenarioOf<'explore'>[] = [
  {
    id: `explore/claims-10-11/${faultsSlug(FAULTS)}/correct${roundsTag(3)}`,
    tool: 'explore',
    topology: 'claims-10-11',
    faults: FAULTS,
    mutant: null,
    properties: [],
    budget: { runs: 150, steps: 80, seed: 42, rounds: 3 },
    expect: { verdict: 'pass' },
  },
];
