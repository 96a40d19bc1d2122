import { eventsOfStep } from '../../conform/step-events.js';
import { createSystem } from '../../engine/system.js';
import { canonicalJson } from '../../model/canonical.js';
import type { EnvEvent } from '../../model/env-event.js';
import { FAULTS } from '../../model/faults.js';
import type { SystemState } from '../../model/state.js';
import { designOf } from '../../mutants.js';
import type { Topology } from '../../topology/topology.js';
import type { TraceRecord } from './files.js';

/** A trace laid onto model steps: the events of the steps, and for each step the index of the record its first logged event is. */
export interface TraceWalk {
  readonly events: readonly EnvEvent[];
  /** Per step, the index in the records of the line it explains last (silent steps: the line before them). */
  readonly recordOfStep: readonly number[];
  /** The index of the first event record no model step explains, or null when every event record is explained. */
  readonly stuckAt: number | null;
  /** Whether the walk stopped at MAX_WALKED event lines with more to go. */
  readonly cut: boolean;
}

/** Silent model steps (steps that log nothing, such as an idle miimon pass) tried before a logged one. */
const SILENT_DEPTH = 2;

/** Event lines laid onto steps at most: the walk runs in the page, and a run of thousands of steps is not read by stepping. */
export const MAX_WALKED = 2000;

const key = (r: Readonly<Record<string, unknown>>): string => {
  const { seq: _s, ts: _t, ...rest } = r;
  return canonicalJson(rest);
};

/**
 * Lays a trace's event lines onto steps of the model, for stepping through
 * them in the page: from each state, the shortest sequence of at most
 * SILENT_DEPTH silent steps and one step whose logged events are exactly the
 * next lines. It takes the first match and does not backtrack: it is a
 * viewer's walk, while `conform` (whose verdict the page shows beside it)
 * searches every explanation. Observation lines are passed over.
 */
export function walkTrace(topology: Topology, mutant: string | null, records: readonly TraceRecord[]): TraceWalk {
  const system = createSystem(topology, designOf(mutant));
  const eventIdx = records.flatMap((r, i) => ('event' in r.value ? [i] : []));
  const wanted = eventIdx.map((i) => key(records[i]!.value));
  const events: EnvEvent[] = [];
  const recordOfStep: number[] = [];
  let s = system.initial();
  let at = 0;
  const logged = (before: SystemState, e: EnvEvent): { after: SystemState; keys: string[] } => {
    const r = system.step(before, e);
    return { after: r.state, keys: eventsOfStep(topology, before, e, r.log, r.state).map((x) => canonicalJson(x.event)) };
  };
  const matches = (keys: readonly string[]): boolean => keys.length > 0 && keys.every((k, j) => wanted[at + j] === k);
  const search = (from: SystemState, path: EnvEvent[], depth: number): { path: EnvEvent[]; after: SystemState; n: number } | null => {
    const next = system.enabled(from, FAULTS);
    const silent: { e: EnvEvent; after: SystemState }[] = [];
    for (const e of next) {
      const { after, keys } = logged(from, e);
      if (matches(keys)) return { path: [...path, e], after, n: keys.length };
      if (keys.length === 0 && depth > 0) silent.push({ e, after });
    }
    for (const x of silent) {
      const found = search(x.after, [...path, x.e], depth - 1);
      if (found) return found;
    }
    return null;
  };
  while (at < wanted.length && at < MAX_WALKED) {
    const found = search(s, [], SILENT_DEPTH);
    if (!found) break;
    found.path.forEach((e, j) => {
      events.push(e);
      recordOfStep.push(j === found.path.length - 1 ? eventIdx[at + found.n - 1]! : at === 0 ? -1 : eventIdx[at - 1]!);
    });
    s = found.after;
    at += found.n;
  }
  const cut = at >= MAX_WALKED && at < wanted.length;
  return { events, recordOfStep, stuckAt: at < wanted.length && !cut ? eventIdx[at]! : null, cut };
}
