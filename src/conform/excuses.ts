import { OUTAGE_EXCUSES, INV_BOND_UP } from '../../properties/inv-bond-up.js';
import { INV_NO_LOSS } from '../../properties/inv-no-loss.js';
import { LIVE_UPGRADE_DONE } from '../../properties/live-upgrade-done.js';
import { brokenBy, type Invariant, type Liveness, type StepView } from '../../properties/property.js';
import { faultsIn } from '../model/faults.js';
import type { SystemState } from '../model/state.js';
import type { Topology } from '../topology/topology.js';
import type { StepExcuse } from './candidate.js';

const ALL_FAULTS = ~0;

/**
 * The excuse rules of model.md ("Excuses (stated in code)"): a property and
 * the faults that waive it. A property is excused on a step when a waiving
 * fault has happened and, with those faults taken back, it would have broken.
 */
export const EXCUSE_RULES: readonly { readonly property: Invariant<any>; readonly waivedBy: number }[] = [
  { property: INV_BOND_UP, waivedBy: OUTAGE_EXCUSES },
  { property: INV_NO_LOSS, waivedBy: ALL_FAULTS },
];

/** The LIVE-* excuse rules: owed only with no fault (LIVE-REPORT is the converse, owed only with one, and so never waived). */
export const LIVE_EXCUSE_RULES: readonly { readonly property: Liveness; readonly waivedBy: number }[] = [{ property: LIVE_UPGRADE_DONE, waivedBy: ALL_FAULTS }];

/** The properties a monitored step would have broken but for the faults that excuse them. */
export function stepExcuses(topology: Topology, view: Omit<StepView, 'topology'>): StepExcuse[] {
  const out: StepExcuse[] = [];
  const faults = view.after.faults;
  if (faults === 0) return out;
  for (const { property, waivedBy } of EXCUSE_RULES) {
    if ((faults & waivedBy) === 0) continue;
    const after: SystemState = { ...view.after, faults: faults & ~waivedBy };
    const message = brokenBy(property, view.after.monitors[property.id] as never, { ...view, topology, after });
    if (message !== null) out.push({ id: property.id, faults: faultsIn(faults & waivedBy), message });
  }
  return out;
}

/** The LIVE-* obligations the faults of the trace's final state waive, which it would otherwise leave open. */
export function endExcuses(topology: Topology, s: SystemState): StepExcuse[] {
  const out: StepExcuse[] = [];
  for (const { property, waivedBy } of LIVE_EXCUSE_RULES) {
    if ((s.faults & waivedBy) === 0) continue;
    const message = property.check(topology, { ...s, faults: s.faults & ~waivedBy });
    if (message !== null) out.push({ id: property.id, faults: faultsIn(s.faults & waivedBy), message });
  }
  return out;
}
