import { TraceInputError } from '../conform/input-error.js';
import { closest } from '../conform/suggest.js';
import { EVENT_KINDS, eventSpec, isExtensionField, OBSERVATIONS, observationSpec, type FieldType } from '../conform/vocabulary.js';
import type { FieldValue } from '../model/trace-event.js';
import { fieldValue } from './field-value.js';
import { parseKeyValues } from './key-values.js';

/**
 * The tag a driver puts in front of its own trace lines. Anywhere a printk
 * message starts (after dev_info()'s "driver device: " or netdev_info()'s
 * prefix, or at the start of a pr_info()), `hotup:` followed by key=value
 * pairs is one trace record: `hotup: event=carrier.off netdev=eth0`.
 */
export const HOTUP_TAG = 'hotup:';

/** A record of the trace format without seq and ts: `{"event": "carrier.off", "netdev": "eth0"}`. */
export type TraceRecord = Readonly<Record<string, FieldValue>>;

const TAGGED = /(?:^|:\s)hotup:\s+(.*)$/;

/**
 * The key=value text after the `hotup:` tag of a printk message, or null when
 * the message carries no tag, or the tag is followed by prose rather than a
 * pair (a module named hotup printing a sentence is not a trace record).
 */
export function hotupPayload(message: string): string | null {
  const m = TAGGED.exec(message.trimEnd());
  if (!m) return null;
  const rest = m[1]!;
  return /^[A-Za-z][\w.-]*=/.test(rest) ? rest : null;
}

/** The fields a kind takes, the required ones, and how to name it in errors. */
function kindOf(first: { key: string; value: string }, where: string): { fields: Readonly<Record<string, FieldType>>; required: readonly string[]; key: string } {
  if (first.key === 'event') {
    const spec = eventSpec(first.value);
    if (spec) return { fields: spec.fields, required: spec.required, key: 'event' };
    const near = closest(first.value, EVENT_KINDS);
    throw new TraceInputError(where, 'event', `${JSON.stringify(first.value)} is no event of the trace format`, near ? `did you mean event=${near}?` : 'use an event of docs/trace-format.md, e.g. event=carrier.off');
  }
  if (first.key === 'observe') {
    const spec = observationSpec(first.value);
    if (spec) return { fields: spec.fields, required: spec.subject ? [spec.subject] : [], key: 'observe' };
    throw new TraceInputError(where, 'observe', `${JSON.stringify(first.value)} is no observation of the trace format`, `use one of ${OBSERVATIONS.map((o) => o.kind).join(', ')}`);
  }
  throw new TraceInputError(where, first.key, 'a hotup line must start with event=KIND or observe=KIND', `write hotup: event=<kind> ${first.key}=...`);
}

/**
 * The trace record of a hotup line's pairs (`event=subdev.probe child=C1
 * subdev=S1 result=ok`), checked against the trace format's vocabulary: a
 * known kind first, only that kind's fields (or `x-` fields of the driver's
 * own), every required field, values of the right type. Errors name `where`.
 */
export function hotupRecord(payload: string, where: string): TraceRecord {
  const pairs = parseKeyValues(payload, where);
  const first = pairs[0];
  if (!first) throw new TraceInputError(where, 'event', 'no pairs after the hotup: tag', 'write hotup: event=<kind> <field>=<value> ...');
  const kind = kindOf(first, where);
  const out: Record<string, FieldValue> = { [kind.key]: first.value };
  for (const { key, value } of pairs.slice(1)) {
    const type = kind.fields[key];
    if (type) out[key] = fieldValue(type, value, where, key);
    else if (isExtensionField(key)) out[key] = value;
    else {
      const near = closest(key, Object.keys(kind.fields));
      throw new TraceInputError(where, key, `not a field of ${first.value}`, near ? `did you mean ${near}=?` : `use ${Object.keys(kind.fields).join(', ') || 'no fields'}, or x-${key}= for a field of your own`);
    }
  }
  const missing = kind.required.find((r) => !(r in out));
  if (missing) throw new TraceInputError(where, missing, `missing: ${first.value} requires ${kind.required.join(', ')}`, `add ${missing}=<value>`);
  return out;
}
