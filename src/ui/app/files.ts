import { eventsFileText, parseEventsFile, type EventsFile } from '../../check/events-file.js';
import { itfItems } from '../../conform/itf.js';
import { traceText } from '../../conform/writer.js';
import { parseTopology } from '../../topology/parse.js';
import { PRESETS } from '../../topology/presets.js';
import type { Topology } from '../../topology/topology.js';
import type { Run } from './run.js';

/** A file the page can load: a counterexample as events (`check --out`, or a run saved here), or a recorded trace. */
export type Loaded =
  | { readonly kind: 'events'; readonly file: EventsFile }
  | { readonly kind: 'trace'; readonly format: 'jsonl' | 'itf'; readonly text: string; readonly topology: Topology | null; readonly records: readonly TraceRecord[] };

/** One line of a trace (or one ITF item) as the page lists it. */
export interface TraceRecord {
  /** Where it is: `line 3`, `states[2].events[0]`. */
  readonly where: string;
  readonly value: Readonly<Record<string, unknown>>;
}

/** A file the page cannot use, with what is wrong and what to load instead. */
export class LoadError extends Error {}

function headerTopology(h: Record<string, unknown>): Topology | null {
  const t = h.topology;
  if (t === undefined) return null;
  if (typeof t === 'string') {
    const p = PRESETS[t];
    if (!p) throw new LoadError(`the trace names topology '${t}', which is not a preset; load a trace whose header carries the topology itself`);
    return p;
  }
  return parseTopology(t);
}

/** Reads a loaded file's text: an events file, a JSON Lines trace or an ITF trace. */
export function parseLoaded(text: string, name: string): Loaded {
  const trimmed = text.trimStart();
  let whole: unknown = undefined;
  try {
    whole = JSON.parse(trimmed);
  } catch {
    // Not one JSON document: JSON Lines.
  }
  if (whole !== null && typeof whole === 'object' && !Array.isArray(whole)) {
    const o = whole as Record<string, unknown>;
    if (o.format === 'hotup-events/1') return { kind: 'events', file: parseEventsFile(text, name) };
    if ('states' in o || 'vars' in o) {
      const { header, items } = itfItems(o);
      return { kind: 'trace', format: 'itf', text, topology: headerTopology(header), records: items };
    }
  }
  const lines = text.split('\n');
  const records: TraceRecord[] = [];
  let header: Record<string, unknown> | null = null;
  lines.forEach((l, n) => {
    if (l.trim() === '') return;
    let v: unknown;
    try {
      v = JSON.parse(l);
    } catch (e) {
      throw new LoadError(`${name}: line ${n + 1} is not JSON (${(e as Error).message}); load an events file (check --out), a JSON Lines trace or an ITF trace`);
    }
    if (header === null) header = v as Record<string, unknown>;
    else records.push({ where: `line ${n + 1}`, value: v as Record<string, unknown> });
  });
  if (header === null || (header as Record<string, unknown>).format !== 'hotup-trace') {
    throw new LoadError(`${name}: neither an events file ("format": "hotup-events/1") nor a trace (a first line with "format": "hotup-trace", or ITF)`);
  }
  return { kind: 'trace', format: 'jsonl', text, topology: headerTopology(header), records };
}

/** The run up to the cursor as an events file that `hotup replay-events` runs again. */
export function replayFileText(run: Run): string {
  const v = run.violation();
  return eventsFileText({
    topology: run.setup.topology,
    mutant: run.setup.mutant,
    faults: run.setup.faults,
    properties: null,
    violation: v ? v.id : null,
    events: run.taken().map((s) => s.env),
    loopStart: null,
  });
}

/** The run up to the cursor as a hotup trace (JSON Lines) or ITF, as `explore --trace-out` writes one. */
export function traceFileText(run: Run, format: 'jsonl' | 'itf'): string {
  return traceText(format, run.setup.topology, run.start, run.taken(), { source: 'hotup ui' });
}
