import { LIVENESS } from '../../properties/index.js';
import { monitoredStep, withMonitors, type PropertyFilter } from '../engine/monitor.js';
import type { Violation } from '../../properties/property.js';
import { formatTrace, traceStep, type TraceStep } from '../trace/trace.js';
import { canonicalJson, stateKey } from '../model/canonical.js';
import type { EnvEvent } from '../model/env-event.js';
import type { FaultId } from '../model/faults.js';
import type { SystemState } from '../model/state.js';
import type { System } from '../engine/system.js';

/** A run of explicit environment events through the plain system, monitored as `explore` runs are. */
export interface Replayed {
  readonly start: SystemState;
  readonly steps: readonly TraceStep[];
  readonly states: readonly SystemState[];
  /** The broken invariant, or for a lasso the liveness property its loop never meets. */
  readonly violation: Violation | null;
  /** The readable trace, in `hotup explore`'s form. */
  readonly trace: string;
}

/** A replay that cannot go on: an event that is not enabled, or a loop that does not close. */
export class ReplayError extends Error {}

/**
 * Runs `events` from the booted state with `monitoredStep`, checking that each
 * is enabled. With `loop` (index of the loop's first event and the LIVE-* id),
 * also checks that the run returns to the state where the loop began and that
 * the property fails in every state of the loop.
 */
export function replayEvents(
  system: System,
  faults: readonly FaultId[],
  events: readonly EnvEvent[],
  only: PropertyFilter = null,
  loop: { readonly start: number; readonly property: string } | null = null,
): Replayed {
  const start = withMonitors(system, system.initial());
  const steps: TraceStep[] = [];
  const states: SystemState[] = [];
  let state = start;
  let violation: Violation | null = null;
  for (let n = 0; n < events.length && !violation; n++) {
    const e = events[n]!;
    const key = canonicalJson(e);
    if (!system.enabled(state, faults).some((x) => canonicalJson(x) === key)) {
      throw new ReplayError(`event ${n + 1} (${key}) is not enabled in the state the events before it lead to`);
    }
    const r = monitoredStep(system, state, e, only);
    steps.push(traceStep(e, r, loop !== null && n >= loop.start));
    states.push(r.state);
    state = r.state;
    violation = r.violation;
  }
  if (loop && !violation) violation = loopViolation(system, start, states, loop);
  const trace = markLoop(formatTrace(system.topology, start, steps, violation), loop?.start ?? null);
  return { start, steps, states, violation, trace };
}

function loopViolation(system: System, start: SystemState, states: readonly SystemState[], loop: { start: number; property: string }): Violation {
  const live = LIVENESS.find((p) => p.id === loop.property);
  if (!live) throw new ReplayError(`unknown liveness property '${loop.property}'`);
  const at = (n: number): SystemState => (n === 0 ? start : states[n - 1]!);
  const first = at(loop.start);
  if (states.length <= loop.start || stateKey(at(states.length)) !== stateKey(first)) {
    throw new ReplayError(`the loop from event ${loop.start + 1} does not return to the state it began in`);
  }
  let message: string | null = null;
  for (let n = loop.start; n < states.length; n++) {
    const m = live.check(system.topology, at(n));
    if (m === null) throw new ReplayError(`${live.id} holds in the loop's state after event ${n}, so the loop does not break it`);
    message ??= m;
  }
  return { id: live.id, claims: live.claims, message: `${message!} (forever: the loop repeats with every continuously enabled driver step taken)` };
}

/** Marks where a lasso's loop begins in a numbered trace. */
function markLoop(trace: string, loopStart: number | null): string {
  if (loopStart === null) return trace;
  const lines = trace.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`${String(loopStart + 1).padStart(3)}. `));
  if (at < 0) return trace;
  lines.splice(at, 0, '  -- loop: the steps below repeat forever --');
  return lines.join('\n');
}
