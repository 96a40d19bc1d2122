import { LIVENESS } from '../../properties/index.js';
import type { Violation } from '../../properties/property.js';
import { monitoredStep, type PropertyFilter } from '../engine/monitor.js';
import type { System } from '../engine/system.js';
import { canonicalJson } from '../model/canonical.js';
import type { EnvEvent } from '../model/env-event.js';
import type { FaultId } from '../model/faults.js';
import type { SystemState } from '../model/state.js';
import { traceStep, type TraceStep } from '../trace/trace.js';
import { settle } from './settle.js';

/** A counterexample as `explore` prints it: its steps and the property they break. */
export interface Shortened {
  readonly steps: readonly TraceStep[];
  readonly violation: Violation;
}

/** Passes over the steps; each pass tries to drop every step once, last first. */
const MAX_PASSES = 3;

const isLiveness = (id: string): boolean => LIVENESS.some((p) => p.id === id);

/**
 * Runs `events` from `start` on the plain system, each enabled under `faults`.
 * For an INV-* the run must break `id` (it stops at the first broken
 * invariant, which may come sooner: a shorter run). For a LIVE-* no
 * invariant may break on the way; then the fair completion runs and must
 * end with `id` broken. Null when the run does not reproduce `id`.
 */
function reproduce(system: System, start: SystemState, events: readonly EnvEvent[], faults: readonly FaultId[], id: string, only: PropertyFilter): Shortened | null {
  const steps: TraceStep[] = [];
  let s = start;
  for (const e of events) {
    const key = canonicalJson(e);
    if (!system.enabled(s, faults).some((x) => canonicalJson(x) === key)) return null;
    const r = monitoredStep(system, s, e, only);
    steps.push(traceStep(e, r));
    s = r.state;
    if (r.violation) return r.violation.id === id && !isLiveness(id) ? { steps, violation: r.violation } : null;
  }
  if (!isLiveness(id)) return null;
  const fair = settle(system, s, only);
  return fair.violation?.id === id ? { steps: [...steps, ...fair.steps], violation: fair.violation } : null;
}

/**
 * Shortens a shrunk counterexample further: fast-check shrinks the commands
 * it drew, but a command that picked an idle step (a miimon pass that changes
 * nothing, a tool step with nothing to do) often survives because dropping it
 * shifts what later picks choose. Here each step is dropped in turn and the
 * rest replayed on the plain system; the drop stays when the same property
 * still breaks. For a LIVE-* only the steps chosen before the fair completion
 * are candidates, and the fair completion is run again after each drop. The
 * result carries `fair` only on a liveness counterexample's fair completion:
 * on an INV-* the split between chosen and fair steps means nothing.
 */
export function dropNeedlessSteps(system: System, start: SystemState, cx: Shortened, faults: readonly FaultId[], only: PropertyFilter): Shortened {
  const id = cx.violation.id;
  const live = isLiveness(id);
  let best: Shortened = cx;
  const chosenSteps = (x: Shortened): readonly TraceStep[] => (live ? x.steps.filter((s) => !s.fair) : x.steps);
  const chosen = (x: Shortened): number => chosenSteps(x).length;
  let events = chosenSteps(cx).map((s) => s.env);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let dropped = false;
    for (let i = events.length - 1; i >= 0; i--) {
      const shorter = [...events.slice(0, i), ...events.slice(i + 1)];
      const r = reproduce(system, start, shorter, faults, id, only);
      if (!r || !(r.steps.length < best.steps.length || (r.steps.length === best.steps.length && chosen(r) < chosen(best)))) continue;
      best = r;
      events = chosenSteps(r).map((s) => s.env);
      i = Math.min(i, events.length);
      dropped = true;
    }
    if (!dropped) break;
  }
  if (live) return best;
  return { steps: best.steps.map((s) => (s.fair ? traceStep(s.env, s) : s)), violation: best.violation };
}
