import { checkLiveness, monitoredStep, type PropertyFilter } from '../engine/monitor.js';
import type { Violation } from '../../properties/property.js';
import { isDriverStep } from '../model/event-kinds.js';
import { bondSettled, type SystemState } from '../model/state.js';
import type { System } from '../engine/system.js';
import type { Topology } from '../topology/topology.js';
import { traceStep, type TraceStep } from '../trace/trace.js';

/**
 * Rounds of fair steps (10 + 8 per child and per netdev) a liveness property gets once the environment stops
 * injecting: in each round every enabled driver step (probe, remove, drain,
 * free, miimon, the tool's own steps, transmit end) is taken once, in a fixed
 * order, so every continuously enabled one is taken (weak fairness).
 */
export const livenessRounds = (t: Topology): number => 10 + 8 * (t.children + t.netdevs);

/** What the fair completion of a run reached. */
export interface Settled {
  readonly state: SystemState;
  readonly steps: readonly TraceStep[];
  readonly violation: Violation | null;
}

/** Runs the system's own fair steps for `rounds` rounds, checking invariants, then the LIVE-* properties. */
export function settle(system: System, start: SystemState, only: PropertyFilter = null, rounds = livenessRounds(system.topology)): Settled {
  let state = start;
  const steps: TraceStep[] = [];
  for (let r = 0; r < rounds; r++) {
    const kinds = system.enabled(state, []).filter(isDriverStep);
    for (const e of kinds) {
      if (!system.accepts(state, e)) continue;
      const res = monitoredStep(system, state, e, only);
      steps.push(traceStep(e, res, true));
      state = res.state;
      if (res.violation) return { state, steps, violation: res.violation };
    }
    // At rest: nothing left to do but poll a bond that has caught up.
    const next = system.enabled(state, []).filter(isDriverStep);
    if (next.every((e) => e.kind === 'bond.miimon') && bondSettled(state)) break;
  }
  return { state, steps, violation: checkLiveness(system, state, only) };
}
