import { shortQuote } from '../topology/quote.js';
import { TraceInputError } from './input-error.js';
import type { TraceHeader } from './header.js';
import { validateRecord } from './schema.js';
import { indexOfName, type FieldValue, type TraceEvent, type TraceObservation } from '../model/trace-event.js';
import { meaningOf } from './meaning.js';
import { BOND_OPTIONS, eventSpec, isExtensionField, observationSpec, type FieldType } from './vocabulary.js';

/** One line after the header: an event or an observation in the model's names, with where it came from. */
export interface TraceRecord {
  readonly where: string;
  readonly seq: number;
  readonly record: TraceEvent | TraceObservation;
  /** The line as the implementation wrote it, its own names and values (seq, ts, cpu and x-* fields included: `asLogged` drops them): what reports show. */
  readonly raw: TraceEvent | TraceObservation;
  /** Who logged it: the file (when several are merged) and the line's `cpu`; lines of one source keep their order. */
  readonly source: string;
  /** The timestamp in seconds, when the line gives one (RFC 3339 text is read as seconds since the epoch). */
  readonly ts: number | null;
  /** Which of several merged files it came from (0 for a single file). */
  readonly file: number;
}

/** A line as logged, without the fields every line may carry (seq, ts, cpu, x-*): what a report shows of it. */
export function asLogged<R extends TraceEvent | TraceObservation>(raw: R): R {
  const out: Record<string, FieldValue> = {};
  for (const k in raw) if (k !== 'seq' && k !== 'ts' && k !== 'cpu' && !isExtensionField(k)) out[k] = raw[k]!;
  return out as R;
}

/** A line's `ts` in seconds, or null. */
export function secondsOf(ts: unknown): number | null {
  if (typeof ts === 'number') return ts;
  if (typeof ts !== 'string') return null;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? null : ms / 1000;
}

const RESELECT = ['always', 'better', 'failure'];
const namesOf = new WeakMap<TraceHeader, Names>();

/** Resolves names and checks them against the topology; a name seen once is not checked again. */
class Names {
  private readonly known = new Map<string, string>();
  where = '';

  constructor(private readonly header: TraceHeader) {}

  model(field: string, v: string, letter: 'N' | 'C' | 'S'): string {
    const hit = this.known.get(letter + v);
    if (hit !== undefined) return hit;
    const m = this.header.names.get(v) ?? v;
    const t = this.header.topology;
    const count = letter === 'C' ? t.children : t.netdevs;
    const i = indexOfName(m, letter);
    if (i === null || i >= count) {
      const what = letter === 'N' ? 'netdev' : letter === 'C' ? 'child' : 'sub-device';
      const mapped = m === v ? '' : ` (${v} is mapped to ${m})`;
      throw new TraceInputError(this.where, field, `${shortQuote(v)} is not a ${what} of ${t.name}${mapped}`, `use ${letter}1..${letter}${count}, or map the implementation's name in the header's "names"`);
    }
    this.known.set(letter + v, m);
    return m;
  }

  /** The model's name for an implementation's name or a model name, or null when it names nothing of the topology. */
  modelName(v: string): string | null {
    const m = this.header.names.get(v) ?? v;
    const letter = m[0];
    if (letter !== 'N' && letter !== 'C' && letter !== 'S') return null;
    const i = indexOfName(m, letter);
    const t = this.header.topology;
    return i !== null && i < (letter === 'C' ? t.children : t.netdevs) ? m : null;
  }

  value(field: string, type: FieldType, v: unknown): FieldValue {
    if (typeof type === 'object') return v as FieldValue;
    switch (type) {
      case 'netdev':
        return this.model(field, v as string, 'N');
      case 'child':
        return this.model(field, v as string, 'C');
      case 'subdev':
        return this.model(field, v as string, 'S');
      case 'netdev-or-none':
        return v === null ? null : this.model(field, v as string, 'N');
      case 'child-or-none':
        return v === null ? null : this.model(field, v as string, 'C');
      case 'flow':
        if (typeof v === 'number' && v >= this.header.topology.flows) {
          throw new TraceInputError(this.where, field, `flow ${v} is not one of ${this.header.topology.name}'s ${this.header.topology.flows} flow${this.header.topology.flows === 1 ? '' : 's'}`, `use ${this.header.topology.flows === 1 ? 'flow 0' : `a flow from 0 to ${this.header.topology.flows - 1}`}, or declare more "flows" in the topology`);
        }
        return v as FieldValue;
      case 'holder':
        return v === 'parent' ? 'parent' : this.model(field, v as string, 'C');
      case 'netdev-list':
        return (v as string[]).map((x, n) => this.model(`${field}[${n}]`, x, 'N'));
      case 'subdev-states':
        return Object.fromEntries(Object.entries(v as Record<string, string>).map(([k, x]) => [this.model(`${field}.${k}`, k, 'S'), x]));
      case 'slave-states':
        return Object.fromEntries(Object.entries(v as Record<string, string>).map(([k, x]) => [this.model(`${field}.${k}`, k, 'N'), x]));
      default:
        return v as FieldValue;
    }
  }
}

/** user.bond's value depends on the option: a netdev for primary/active_slave, a policy for primary_reselect. */
function bondValue(where: string, names: Names, option: string, v: FieldValue): FieldValue {
  if (option === 'primary_reselect') {
    if (typeof v !== 'string' || !RESELECT.includes(v)) throw new TraceInputError(where, 'value', `${shortQuote(v)} is not a primary_reselect policy`, `use one of ${RESELECT.join(', ')}`);
    return v;
  }
  if (v === null) {
    if (option === 'active_slave') throw new TraceInputError(where, 'value', 'active_slave cannot be cleared', 'name the netdev to make active');
    return null;
  }
  return names.model('value', v as string, 'N');
}

/**
 * Reads one line after the header: schema-checks it, checks its sequence
 * number, resolves names, and keeps only the fields the model compares
 * (seq, ts and x-* fields dropped).
 */
export function parseRecord(where: string, line: unknown, header: TraceHeader, prevSeq: number, file = 0, fileLabel = ''): TraceRecord {
  if (line === null || typeof line !== 'object' || Array.isArray(line)) {
    throw new TraceInputError(where, '(line)', 'expected a JSON object', 'write one event or observation object per line');
  }
  const o = line as Record<string, unknown>;
  validateRecord(where, o);
  const seq = o.seq as number;
  if (seq <= prevSeq) throw new TraceInputError(where, 'seq', `${seq} does not follow ${prevSeq}`, 'sequence numbers must strictly increase, line after line');
  let names = namesOf.get(header);
  if (!names) {
    names = new Names(header);
    namesOf.set(header, names);
  }
  names.where = where;
  const isEvent = typeof o.event === 'string';
  const fields = isEvent ? eventSpec(o.event as string)!.fields : observationSpec(o.observe as string)!.fields;
  if (isEvent && !header.recorded.has(o.event as string)) {
    throw new TraceInputError(where, 'event', `${String(o.event)} is not among the kinds the header's "records" declares`, `add "${String(o.event)}" to "records", or drop "records" to declare every kind`);
  }
  const out: Record<string, FieldValue> = isEvent ? { event: o.event as string } : { observe: o.observe as string };
  for (const k in o) {
    if (k === 'seq' || k === 'ts' || k === 'cpu' || k === 'event' || k === 'observe' || isExtensionField(k)) continue;
    const type = fields[k]!;
    out[k] = type === 'text' ? meaningOf(String(o[k]), (v) => names!.modelName(v)) : names.value(k, type, o[k]);
  }
  if (isEvent && o.event === 'user.bond') {
    if (!BOND_OPTIONS.includes(o.option as (typeof BOND_OPTIONS)[number])) throw new TraceInputError(where, 'option', 'unknown option', `use one of ${BOND_OPTIONS.join(', ')}`);
    out.value = bondValue(where, names, o.option as string, o.value as FieldValue);
  }
  const cpu = o.cpu === undefined ? '' : String(o.cpu);
  return { where, seq, record: out as TraceEvent | TraceObservation, raw: o as TraceEvent | TraceObservation, source: fileLabel || cpu ? `${fileLabel}#${cpu}` : '', ts: secondsOf(o.ts), file };
}
