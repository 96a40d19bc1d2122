import type { TraceStep } from '../trace/trace.js';
import type { SystemState } from '../model/state.js';
import type { Topology } from '../topology/topology.js';
import { viewOf, type StateView } from './state-view.js';
import { eventsOfStep } from './step-events.js';
import { topologyDeclaration } from './topology-json.js';
import type { FieldValue, TraceEvent, TraceObservation } from '../model/trace-event.js';

/** The version of the trace format this code writes and reads. */
export const TRACE_FORMAT_VERSION = 1;

/** What an exported trace says about itself, and whether it carries observation lines. */
export interface ExportOptions {
  /** Free text: where the trace came from (e.g. the replay command of a counterexample). */
  readonly source?: string;
  /** 'changes': after each step, one observation line per netdev, module, bond, tool or traffic whose view changed. */
  readonly observe?: 'none' | 'changes';
}

/** The header line of a trace over this topology. */
export function traceHeader(topology: Topology, options: ExportOptions = {}): Record<string, unknown> {
  return {
    format: 'hotup-trace',
    version: TRACE_FORMAT_VERSION,
    topology: topologyDeclaration(topology),
    start: 'booted',
    ...(options.source ? { source: options.source } : {}),
  };
}

const same = (a: FieldValue | undefined, b: FieldValue | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

function changed(kind: string, subject: string | null, a: Readonly<Record<string, FieldValue>>, b: Readonly<Record<string, FieldValue>>): TraceObservation | null {
  const fields = Object.entries(b).filter(([k, v]) => k !== subject && !same(a[k], v) && v !== null);
  if (fields.length === 0) return null;
  return { observe: kind, ...(subject ? { [subject]: b[subject]! } : {}), ...Object.fromEntries(fields) };
}

/** Observation lines for what differs between two views of the state. */
export function observationsOfChange(a: StateView, b: StateView): TraceObservation[] {
  const out: (TraceObservation | null)[] = [
    changed('parent', null, a.parent, b.parent),
    ...b.netdevs.map((n, i) => changed('netdev', 'netdev', a.netdevs[i]!, n)),
    ...b.modules.map((m, k) => changed('module', 'child', a.modules[k]!, m)),
    changed('bond', null, a.bond, b.bond),
    changed('tool', null, a.tool, b.tool),
    changed('traffic', null, a.traffic, b.traffic),
  ];
  return out.filter((x): x is TraceObservation => x !== null);
}

/** One observation line per part of the state (every netdev, module, bond0), each with every field it has: a full snapshot. */
export function observationsOfState(v: StateView): TraceObservation[] {
  const full = (kind: string, r: Readonly<Record<string, FieldValue>>): TraceObservation => ({
    observe: kind,
    ...Object.fromEntries(Object.entries(r).filter(([, x]) => x !== null)),
  });
  return [...v.netdevs.map((n) => full('netdev', n)), ...v.modules.map((m) => full('module', m)), full('bond', v.bond)];
}

/** Each step of a run with the states around it and the events it shows: the one walk export and ITF share. */
export function* walkRun(topology: Topology, start: SystemState, steps: readonly TraceStep[]) {
  let before = start;
  for (const step of steps) {
    const after = step.state;
    yield { step, before, after, events: eventsOfStep(topology, before, step.env, step.log, after).map((e) => e.event) };
    before = after;
  }
}

/**
 * A run as trace lines (JSON Lines, without newlines): the header, then each
 * event its steps show, numbered from 1. Each step carries the state its
 * own design reached, so a counterexample of a mutant exports as what that
 * broken driver would have logged.
 */
export function toTraceLines(topology: Topology, start: SystemState, steps: readonly TraceStep[], options: ExportOptions = {}): string[] {
  const lines = [JSON.stringify(traceHeader(topology, options))];
  let seq = 0;
  const emit = (r: TraceEvent | TraceObservation): void => {
    lines.push(JSON.stringify({ seq: ++seq, ...r }));
  };
  for (const { before, after, events } of walkRun(topology, start, steps)) {
    for (const e of events) emit(e);
    if (options.observe === 'changes') for (const o of observationsOfChange(viewOf(before), viewOf(after))) emit(o);
  }
  return lines;
}
