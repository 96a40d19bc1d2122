import { PROPERTY_IDS } from '../../properties/index.js';
import { explore } from '../explore/explore.js';
import { expectedBreaks, MUTANTS } from '../mutants.js';
import { FAULTS } from '../model/faults.js';
import type { Topology } from '../topology/topology.js';

/** How hard each check explores: fast-check runs, random steps per run, and the seed. */
export interface CheckBudget {
  readonly runs: number;
  readonly steps: number;
  readonly seed: number;
}

/** What random exploration of the correct design found for one property. */
export interface PropertyStatus {
  readonly id: string;
  /** Null when it held in every run; else the violation's message. */
  readonly violation: string | null;
  /** Steps (LIVE-*: runs) of the first exploration in which its premise held; 0: not exercised. */
  readonly exercised: number;
}

/** Whether exploring a mutant found a violation of a property model.md expects it to break. */
export interface MutantCatch {
  readonly mutant: string;
  readonly property: string;
  readonly caught: boolean;
  /** Steps of the shrunk counterexample when caught. */
  readonly counterexampleSteps: number | null;
}

export { expectedBreaks };

/** Every mutant against every property it is expected to break. */
const ALL_MUTANT_CHECKS: readonly { readonly mutant: string; readonly property: string }[] = MUTANTS.flatMap((m) => expectedBreaks(m).map((property) => ({ mutant: m.id, property })));

/** Every check of one topology. */
export interface TopologyChecks {
  readonly topology: string;
  readonly budget: CheckBudget;
  readonly properties: readonly PropertyStatus[];
  readonly mutants: readonly MutantCatch[];
}

/**
 * Explores the correct design with every fault against every INV-* and LIVE-*,
 * and each mutant of `mutants` against its property (by default every mutant
 * against each property model.md expects it to break). A run stops at the
 * first violation, so the correct design is explored again without a broken
 * property until the rest all hold. Mutants can be left out where the
 * patent's own example topologies already catch them.
 */
export function checkTopology(topology: Topology, budget: CheckBudget, mutants: readonly { readonly mutant: string; readonly property: string }[] = ALL_MUTANT_CHECKS): TopologyChecks {
  const base = { topology, runs: budget.runs, steps: budget.steps, seed: budget.seed, faults: [...FAULTS] };
  const violated = new Map<string, string>();
  let exercised: Readonly<Record<string, number>> | null = null;
  for (let left = [...PROPERTY_IDS]; left.length > 0; ) {
    const r = explore({ ...base, mutant: null, properties: left });
    exercised ??= r.exercised;
    const cx = r.counterexample;
    if (!cx) break;
    violated.set(cx.violation.id, cx.violation.message);
    left = left.filter((id) => id !== cx.violation.id);
  }
  const caught = mutants.map(({ mutant, property }): MutantCatch => {
    const cx = explore({ ...base, mutant, properties: [property] }).counterexample;
    return { mutant, property, caught: cx !== null, counterexampleSteps: cx ? cx.steps.length : null };
  });
  return {
    topology: topology.name,
    budget,
    properties: PROPERTY_IDS.map((id) => ({ id, violation: violated.get(id) ?? null, exercised: exercised?.[id] ?? 0 })),
    mutants: caught,
  };
}
