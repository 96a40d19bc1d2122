import type { EnvEvent } from '../src/system/env-event.js';
import type { SystemState } from '../src/system/state.js';
import type { StepResult, System } from '../src/system/system.js';
import { INVARIANTS, LIVENESS } from './index.js';
import type { StepView, Violation } from './property.js';

/** The booted state with every monitor's initial state attached. */
export function withMonitors(system: System, booted: SystemState): SystemState {
  const monitors: Record<string, unknown> = {};
  for (const inv of INVARIANTS) if (inv.init) monitors[inv.id] = inv.init(system.topology, booted);
  return { ...booted, monitors };
}

/** A step with every invariant observed and checked: the state carries the monitors' new states. */
export interface CheckedStep extends StepResult {
  readonly violation: Violation | null;
}

/** Which properties to check: all, or only the ids in the set. */
export type PropertyFilter = ReadonlySet<string> | null;

/** Updates the monitors after a step and checks every invariant (in model.md's order; the first broken one is reported). */
export function checkStep(system: System, before: SystemState, env: EnvEvent, result: StepResult, only: PropertyFilter = null): CheckedStep {
  const monitors: Record<string, unknown> = {};
  const draft = { topology: system.topology, before, env, log: result.log, after: result.state };
  for (const inv of INVARIANTS) {
    if (!inv.init) continue;
    const m = before.monitors[inv.id];
    monitors[inv.id] = inv.observe ? inv.observe(m, draft) : m;
  }
  const after: SystemState = { ...result.state, monitors };
  const view: StepView = { ...draft, after };
  for (const inv of INVARIANTS) {
    if (only && !only.has(inv.id)) continue;
    const message = inv.check(monitors[inv.id] as never, view);
    if (message !== null) return { state: after, log: result.log, violation: { id: inv.id, claims: inv.claims, message } };
  }
  return { state: after, log: result.log, violation: null };
}

/** One step of the system, monitored. */
export function monitoredStep(system: System, before: SystemState, env: EnvEvent, only: PropertyFilter = null): CheckedStep {
  return checkStep(system, before, env, system.step(before, env), only);
}

/** The first LIVE-* property a settled state breaks, or null. */
export function checkLiveness(system: System, settled: SystemState, only: PropertyFilter = null): Violation | null {
  for (const live of LIVENESS) {
    if (only && !only.has(live.id)) continue;
    const message = live.check(system.topology, settled);
    if (message !== null) return { id: live.id, claims: live.claims, message };
  }
  return null;
}
