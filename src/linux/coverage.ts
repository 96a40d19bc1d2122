import { initialEnv, type BondEnv, type BondOp } from './bond-env.js';
import { opText, type StepVerdict } from './compare.js';
import type { BondScenario } from './scenarios.js';
import { DELAYS } from './scenarios.js';
import { BOND_TRANSITIONS, reachableTransitions, takeStep } from './transitions.js';

/** One scenario's verdicts, as a run of the harness gives them. */
export interface ScenarioResult {
  readonly name: string;
  readonly error: string | null;
  readonly steps: readonly StepVerdict[];
}

/** One step of a scenario as the bond machine took it, and whether the kernel was compared with it and agreed. */
export interface StepRecord {
  readonly scenario: BondScenario;
  /** 1 for the first operation (step 0 is the set-up bond). */
  readonly step: number;
  readonly op: BondOp;
  readonly before: BondEnv;
  readonly after: BondEnv;
  readonly taken: readonly string[];
  readonly agreed: boolean;
}

/** The delay a scenario runs with (its configurations have downdelay = updelay). */
export const delayOf = (s: BondScenario): number => s.config.downdelay;

/**
 * Every step of every scenario replayed through the bond machine, joined with
 * the run's verdicts: a step counts as compared only when the kernel's
 * observation of that very operation was there and matched the model.
 */
export function stepRecords(scenarios: readonly BondScenario[], results: readonly ScenarioResult[]): StepRecord[] {
  const byName = new Map(results.map((r) => [r.name, r]));
  return scenarios.flatMap((s) => {
    const r = byName.get(s.name);
    let env = initialEnv(s.config);
    return s.ops.map((op, n): StepRecord => {
      const { after, taken } = takeStep(env, op);
      const v = r?.steps.find((x) => x.step === n + 1);
      const agreed = r !== undefined && r.error === null && v !== undefined && v.op === opText(op) && v.divergences.length === 0;
      const rec = { scenario: s, step: n + 1, op, before: env, after, taken, agreed };
      env = after;
      return rec;
    });
  });
}

const required = new Map<number, Set<string>>();
/**
 * The transitions the bond machine can take at a delay: an exhaustive search
 * of the 2-slave bond in active-backup and in balance-xor (the link machine is
 * the same for every slave, so a third slave adds no transition).
 */
export function requiredTransitions(delay: number): Set<string> {
  let got = required.get(delay);
  if (!got) {
    const base = { slaves: 2, primary: null, primaryReselect: 'always' as const, downdelay: delay, updelay: delay };
    got = new Set([...reachableTransitions({ ...base, mode: 'active-backup' }), ...reachableTransitions({ ...base, mode: 'balance-xor' })]);
    required.set(delay, got);
  }
  return got;
}

/** One row of the coverage table: per delay, the compared steps that took the transition, or null when the machine cannot take it there. */
export interface CoverageRow {
  readonly id: string;
  readonly when: string;
  readonly steps: readonly (number | null)[];
}

/** How many compared (agreeing) steps took each transition of the bond machine, per delay (DELAYS). */
export function transitionCoverage(records: readonly StepRecord[]): CoverageRow[] {
  return BOND_TRANSITIONS.map(({ id, when }) => ({
    id,
    when,
    steps: DELAYS.map((d) =>
      requiredTransitions(d).has(id) ? records.filter((r) => r.agreed && delayOf(r.scenario) === d && r.taken.includes(id)).length : null,
    ),
  }));
}

/** The transitions the machine can take at some delay that no compared step took there: each one a claim without a comparison. */
export function uncompared(rows: readonly CoverageRow[]): string[] {
  return rows.flatMap((r) => r.steps.flatMap((n, i) => (n === 0 ? [`${r.id} at delay ${DELAYS[i]}`] : [])));
}
