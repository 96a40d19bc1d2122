import type { TraceStep } from '../trace/trace.js';
import type { SystemState } from '../model/state.js';
import type { Topology } from '../topology/topology.js';
import { TRACE_FORMAT_VERSION, walkRun, type ExportOptions } from './export.js';
import { shortQuote } from '../topology/quote.js';
import { TraceInputError } from './input-error.js';
import { viewOf, type StateView } from './state-view.js';
import { topologyDeclaration } from './topology-json.js';
import type { FieldValue, TraceEvent } from '../model/trace-event.js';
import { eventSpec, observationSpec, type FieldType } from './vocabulary.js';

/**
 * The Informal Trace Format (Apalache ADR-015, read by Quint and Apalache
 * tooling): a JSON document of states, each a record of variables. hotup's
 * mapping (docs/trace-format.md): the parameter `topology`; per state the
 * variables `events` (the kernel events of the step into it, as trace lines
 * carry them), `parent`, `netdevs`, `modules`, `bond`, `tool`, `traffic` (what
 * observation lines carry), and Quint's `mbt::actionTaken` / `mbt::nondetPicks`
 * naming the model step. Integers are `#bigint`, absent values Quint's `None`.
 */
export interface ItfTrace {
  readonly '#meta': Record<string, unknown>;
  readonly params: readonly string[];
  readonly vars: readonly string[];
  readonly states: readonly Record<string, unknown>[];
}

export const ITF_DESCRIPTION = 'https://apalache-mc.org/docs/adr/015adr-trace.html';
export const ITF_STATE_VARS = ['parent', 'netdevs', 'modules', 'bond', 'tool', 'traffic'] as const;
export const ITF_VARS = ['mbt::actionTaken', 'mbt::nondetPicks', 'events', ...ITF_STATE_VARS] as const;

const NONE = { tag: 'None', value: { '#tup': [] } };
const some = (v: unknown) => ({ tag: 'Some', value: v });

/** A plain JSON value as an ITF expression: integers as #bigint, objects whose keys are names as #map when `asMap`. */
export function encodeItf(v: unknown): unknown {
  if (v === null || v === undefined) return NONE;
  if (typeof v === 'number') return Number.isInteger(v) ? { '#bigint': String(v) } : v;
  if (Array.isArray(v)) return v.map(encodeItf);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encodeItf(x)]));
  return v;
}

const mapOf = (entries: [string, unknown][]) => ({ '#map': entries.map(([k, v]) => [k, v]) });
const NULLABLE_VIEW = new Set(['ifindex', 'version', 'active', 'child', 'report']);
const NULLABLE_TYPES = new Set<FieldType>(['netdev-or-none', 'child-or-none', 'bond-value']);

/** A record whose nullable fields are Options (Some/None), the rest plain. */
function recordOf(r: Readonly<Record<string, FieldValue>>, nullable: (k: string) => boolean, maps: readonly string[] = []): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(r).map(([k, v]) => {
      const enc = maps.includes(k) ? mapOf(Object.entries(v as Record<string, string>)) : encodeItf(v);
      return [k, nullable(k) ? (v === null ? NONE : some(enc)) : enc];
    }),
  );
}

function eventRecord(e: TraceEvent): Record<string, unknown> {
  const fields = eventSpec(e.event)?.fields ?? {};
  return recordOf(e, (k) => NULLABLE_TYPES.has(fields[k]!));
}

function stateVars(v: StateView): Record<string, unknown> {
  const nullable = (k: string) => NULLABLE_VIEW.has(k);
  const strip = (r: Readonly<Record<string, FieldValue>>, key: string) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== key));
  return {
    parent: recordOf(v.parent, nullable),
    netdevs: mapOf(v.netdevs.map((n) => [String(n.netdev), recordOf(strip(n, 'netdev'), nullable)])),
    modules: mapOf(v.modules.map((m) => [String(m.child), recordOf(strip(m, 'child'), nullable, ['subdevs'])])),
    bond: recordOf(v.bond, nullable, ['slaves']),
    tool: recordOf(v.tool, nullable),
    traffic: recordOf(v.traffic, nullable),
  };
}

/** A run as an ITF trace: state 0 is the booted system, state n the state after step n. */
export function toItf(topology: Topology, start: SystemState, steps: readonly TraceStep[], options: ExportOptions = {}): ItfTrace {
  const states: Record<string, unknown>[] = [
    {
      '#meta': { index: 0 },
      topology: encodeItf(topologyDeclaration(topology)),
      'mbt::actionTaken': 'init',
      'mbt::nondetPicks': {},
      events: [],
      ...stateVars(viewOf(start)),
    },
  ];
  for (const { step, after, events } of walkRun(topology, start, steps)) {
    const { kind, ...picks } = step.env;
    states.push({
      '#meta': { index: states.length },
      'mbt::actionTaken': kind,
      'mbt::nondetPicks': Object.fromEntries(Object.entries(picks).map(([k, v]) => [k, some(encodeItf(v))])),
      events: events.map(eventRecord),
      ...stateVars(viewOf(after)),
    });
  }
  return {
    '#meta': {
      format: 'ITF',
      'format-description': ITF_DESCRIPTION,
      source: 'hotup',
      description: options.source ?? `a run of the hotup model on ${topology.name}`,
      'hotup-trace-version': TRACE_FORMAT_VERSION,
    },
    params: ['topology'],
    vars: [...ITF_VARS],
    states,
  };
}

/** An ITF trace as text: the trace's fields one per line, each state on a line of its own (readable, and diffs per step). */
export function formatItf(t: ItfTrace): string {
  const head = (['#meta', 'params', 'vars'] as const).map((k) => ` ${JSON.stringify(k)}: ${JSON.stringify(t[k])},`);
  const states = t.states.map((s, i) => `  ${JSON.stringify(s)}${i < t.states.length - 1 ? ',' : ''}`);
  return ['{', ...head, ' "states": [', ...states, ' ]', '}', ''].join('\n');
}

/** An ITF expression as plain JSON: #bigint to numbers, #set and #tup to arrays, #map to objects, Some/None to a value or null. */
export function decodeItf(v: unknown, where: string): unknown {
  if (Array.isArray(v)) return v.map((x, i) => decodeItf(x, `${where}[${i}]`));
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if ('#bigint' in o) {
    const b = o['#bigint'];
    const n = typeof b === 'string' && /^-?[0-9]{1,16}$/.test(b) ? Number(b) : NaN;
    if (!Number.isSafeInteger(n)) throw new TraceInputError(where, '#bigint', `${shortQuote(b)} is not an integer hotup can hold`, 'write a whole number below 2^53');
    return n;
  }
  if ('#tup' in o) return decodeItf(o['#tup'], where);
  if ('#set' in o) return decodeItf(o['#set'], where);
  if ('#map' in o) {
    const pairs = o['#map'];
    if (!Array.isArray(pairs)) throw new TraceInputError(where, '#map', 'expected an array of [key, value] pairs', 'write {"#map": [["N1", ...], ...]}');
    return Object.fromEntries(
      pairs.map((p, i) => {
        if (!Array.isArray(p) || p.length !== 2) throw new TraceInputError(`${where}[${i}]`, '#map', `expected a [key, value] pair, got ${shortQuote(p)}`, 'write {"#map": [["N1", ...], ...]}');
        const k = decodeItf(p[0], `${where}[${i}]`);
        if (k === null || typeof k === 'object') throw new TraceInputError(`${where}[${i}]`, '#map', `a key must be a name or a number, got ${shortQuote(p[0])}`, 'write {"#map": [["N1", ...], ...]}');
        return [String(k), decodeItf(p[1], `${where}[${i}]`)];
      }),
    );
  }
  if ('#unserializable' in o) throw new TraceInputError(where, '#unserializable', 'the value was not written out', 'export the trace with every value serialised');
  const keys = Object.keys(o);
  if (keys.length === 2 && 'tag' in o && 'value' in o) {
    if (o.tag === 'None') return null;
    if (o.tag === 'Some') return decodeItf(o.value, where);
  }
  return Object.fromEntries(keys.filter((k) => !k.startsWith('#')).map((k) => [k, decodeItf(o[k], `${where}.${k}`)]));
}

/** One record read from an ITF trace, with where it was, before the line checks. */
export interface ItfItem {
  readonly where: string;
  readonly value: Record<string, unknown>;
}

/** Observation lines for the state variables a state carries (null fields an observation cannot hold are left out). */
function observationsOf(state: Record<string, unknown>, i: number, vars: readonly string[]): ItfItem[] {
  const out: ItfItem[] = [];
  const add = (where: string, kind: string, fields: Record<string, unknown>): void => {
    const spec = observationSpec(kind)!;
    const kept = Object.entries(fields).filter(([k, v]) => v !== null || NULLABLE_TYPES.has(spec.fields[k]!) || spec.fields[k] === 'netdev-or-none');
    out.push({ where, value: { observe: kind, ...Object.fromEntries(kept) } });
  };
  for (const name of ITF_STATE_VARS) {
    if (!vars.includes(name) || !(name in state)) continue;
    const where = `states[${i}].${name}`;
    const v = decodeItf(state[name], where) as Record<string, unknown>;
    if (v === null || typeof v !== 'object') throw new TraceInputError(where, name, 'expected a record', 'see docs/trace-format.md, "ITF"');
    if (name === 'netdevs') for (const [n, r] of Object.entries(v)) add(`${where}.${n}`, 'netdev', { netdev: n, ...(r as object) });
    else if (name === 'modules') for (const [c, r] of Object.entries(v)) add(`${where}.${c}`, 'module', { child: c, ...(r as object) });
    else add(where, name, v);
  }
  return out;
}

/**
 * Reads an ITF trace as the header and the lines of a hotup trace: state 0's
 * variables are observations of the booted system; each later state's
 * `events` are its event lines, its variables observation lines after them;
 * the running count of items stands for the sequence number.
 */
export function itfItems(doc: unknown): { header: Record<string, unknown>; items: ItfItem[] } {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new TraceInputError('ITF trace', '(document)', 'expected a JSON object', 'see docs/trace-format.md, "ITF"');
  const d = doc as Record<string, unknown>;
  const states = d.states;
  const vars = d.vars;
  if (!Array.isArray(vars)) throw new TraceInputError('ITF trace', 'vars', 'missing or not an array', 'list the variables: ["events", "netdevs", ...]');
  if (!Array.isArray(states) || states.length === 0) throw new TraceInputError('ITF trace', 'states', 'missing or empty', 'give at least state 0');
  if (!vars.includes('events')) throw new TraceInputError('ITF trace', 'vars', 'has no "events"', 'add the variable "events": each state\'s kernel events');
  states.forEach((raw, i) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new TraceInputError(`states[${i}]`, '(state)', `expected an object, got ${shortQuote(raw)}`, 'write each state as a record of the variables');
  });
  if (!vars.every((v) => typeof v === 'string')) throw new TraceInputError('ITF trace', 'vars', 'every variable must be a name', 'list the variables: ["events", "netdevs", ...]');
  const s0 = states[0] as Record<string, unknown>;
  const topology = 'topology' in s0 ? decodeItf(s0.topology, 'states[0].topology') : undefined;
  const header = { format: 'hotup-trace', version: TRACE_FORMAT_VERSION, ...(topology === undefined ? {} : { topology }) };
  const items: ItfItem[] = [];
  let seq = 0;
  const push = (x: ItfItem): void => {
    items.push({ where: x.where, value: { seq: ++seq, ...x.value } });
  };
  states.forEach((raw, i) => {
    if (raw === null || typeof raw !== 'object') throw new TraceInputError(`states[${i}]`, '(state)', 'expected an object', 'write each state as a record of the variables');
    const state = raw as Record<string, unknown>;
    if (i > 0) {
      const events = decodeItf(state.events, `states[${i}].events`);
      if (!Array.isArray(events)) throw new TraceInputError(`states[${i}]`, 'events', 'missing or not a list', 'give the kernel events of the step into this state, [] for none');
      events.forEach((e, j) => push({ where: `states[${i}].events[${j}]`, value: e as Record<string, unknown> }));
    }
    observationsOf(state, i, vars as string[]).forEach(push);
  });
  return { header, items };
}
