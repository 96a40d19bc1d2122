import { INVARIANTS, LIVENESS } from '../../properties/index.js';
import { brokenBy, type StepView, type Violation } from '../../properties/property.js';
import type { EnvEvent } from '../model/env-event.js';
import type { SystemState } from '../model/state.js';
import type { StepResult, System } from './system.js';

/** The booted state with every monitor's initial state attached. */
export function withMonitors(system: System, booted: SystemState): SystemState {
  const monitors: Record<string, unknown> = {};
  for (const inv of INVARIANTS) if (inv.init) monitors[inv.id] = inv.init(system.topology, booted);
  return { ...booted, monitors };
}

/** A step with every invariant observed and checked: the state carries the monitors' new states. */
export interface CheckedStep extends StepResult {
  /** Every invariant the step broke, in model.md's order. */
  readonly violations: readonly Violation[];
  /** The first of them, or null. */
  readonly violation: Violation | null;
}

/** Which properties to check: all, or only the ids in the set. */
export type PropertyFilter = ReadonlySet<string> | null;

/**
 * Updates the monitors after a step and checks every invariant. The monitors
 * only observe: they read the step and keep a state of their own, which the
 * system state carries so that checkers explore it too.
 */
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
  const violations: Violation[] = [];
  for (const inv of INVARIANTS) {
    if (only && !only.has(inv.id)) continue;
    const message = brokenBy(inv, monitors[inv.id] as never, view);
    if (message !== null) violations.push({ id: inv.id, claims: inv.claims, message });
  }
  return { state: after, log: result.log, violations, violation: violations[0] ?? null };
}

/** One step of the system, monitored. */
export function monitoredStep(system: System, before: SystemState, env: EnvEvent, only: PropertyFilter = null): CheckedStep {
  return checkStep(system, before, env, system.step(before, env), only);
}

/** Every LIVE-* property a settled state breaks. */
export function livenessViolations(system: System, settled: SystemState, only: PropertyFilter = null): Violation[] {
  const out: Violation[] = [];
  for (const live of LIVENESS) {
    if (only && !only.has(live.id)) continue;
    const message = live.check(system.topology, settled);
    if (message !== null) out.push({ id: live.id, claims: live.claims, message });
  }
  return out;
}

/** The first LIVE-* property a settled state breaks, or null. */
export const checkLiveness = (system: System, settled: SystemState, only: PropertyFilter = null): Violation | null =>
  livenessViolations(system, settled, only)[0] ?? null;
