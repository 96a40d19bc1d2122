import type { Renaming } from './renaming.js';
import type { StateView } from './state-view.js';
import { indexOfName, type FieldValue, type TraceEvent, type TraceObservation } from '../model/trace-event.js';
import { sameMeaning } from './meaning.js';
import { RENAMED_FIELDS, TEXT_FIELDS } from './vocabulary.js';

const equal = (a: FieldValue | undefined, b: FieldValue | undefined): boolean =>
  a === b || (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && JSON.stringify(a) === JSON.stringify(b));

/** The renaming scope of a renamed field: MAC addresses are per netdev. */
const scopeOf = (field: string, r: Readonly<Record<string, FieldValue>>): string => (field === 'mac' ? `mac:${String(r.netdev)}` : RENAMED_FIELDS[field]!);

/**
 * Whether a logged event is the model's event, renamed fields aside: same
 * kind, and every field the line gives equal to the model's. A field the line
 * leaves out matches anything (a log that does not know the flow, or the child).
 */
export function sameShape(model: TraceEvent, logged: TraceEvent): boolean {
  if (model.event !== logged.event) return false;
  for (const k in logged) {
    if (k === 'event' || k in RENAMED_FIELDS) continue;
    if (TEXT_FIELDS.has(k) ? !sameText(model[k], logged[k]) : !equal(model[k], logged[k])) return false;
  }
  return true;
}

/** A model sentence against a logged text's meaning (parse-record reduced it). */
const sameText = (model: FieldValue | undefined, logged: FieldValue | undefined): boolean =>
  typeof model === 'string' && typeof logged === 'string' && sameMeaning(model, logged);

/** The renaming under which the logged event's renamed fields (ifindex, version, mac) are the model's, or null. */
export function renameEvent(model: TraceEvent, logged: TraceEvent, ren: Renaming): Renaming | null {
  let r: Renaming | null = ren;
  for (const k in logged) {
    if (!(k in RENAMED_FIELDS)) continue;
    const m = model[k];
    if (m === undefined) return null;
    r = r.match(scopeOf(k, logged), logged[k]!, m);
    if (!r) return null;
  }
  return r;
}

/** The part of a state view an observation speaks about. */
export function viewPart(view: StateView, o: TraceObservation): Readonly<Record<string, FieldValue>> {
  switch (o.observe) {
    case 'netdev':
      return view.netdevs[indexOfName(String(o.netdev), 'N')!]!;
    case 'module':
      return view.modules[indexOfName(String(o.child), 'C')!]!;
    case 'parent':
      return view.parent;
    case 'bond':
      return view.bond;
    case 'tool':
      return view.tool;
    default:
      return view.traffic;
  }
}

/** An observation held against the model: the renaming it agrees under, or the fields it contradicts. */
export type ObservationCheck = { readonly ren: Renaming } | { readonly mismatch: string };

const show = (v: FieldValue | undefined): string => (v === undefined || v === null ? 'none' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * Compares what the implementation saw with the model's state. Maps (a
 * module's sub-devices, the bond's slaves) are compared on the keys given.
 */
export function checkObservation(view: StateView, o: TraceObservation, ren: Renaming): ObservationCheck {
  const part = viewPart(view, o);
  let r: Renaming | null = ren;
  const wrong: string[] = [];
  for (const k in o) {
    if (k === 'observe') continue;
    const seen = o[k]!;
    const model = part[k];
    if (k in RENAMED_FIELDS) {
      const next: Renaming | null = r.match(scopeOf(k, part), seen, model ?? null);
      if (next) r = next;
      else wrong.push(`${k}: ${r.explain(scopeOf(k, part), seen, model ?? null)}`);
    } else if (TEXT_FIELDS.has(k)) {
      if (!sameText(model, seen)) wrong.push(`${k}: the implementation's words (${show(seen)}) do not say what the model's do (${show(model)})`);
    } else if (typeof seen === 'object' && seen !== null && !Array.isArray(seen)) {
      const m = (model ?? {}) as Readonly<Record<string, string>>;
      for (const [key, v] of Object.entries(seen)) if (m[key] !== v) wrong.push(`${k}.${key}: the implementation saw ${v}, the model has ${show(m[key])}`);
    } else if (!equal(seen, model)) {
      wrong.push(`${k}: the implementation saw ${show(seen)}, the model has ${show(model)}`);
    }
  }
  return wrong.length ? { mismatch: wrong.join('; ') } : { ren: r };
}

/** Why a logged event of the model's shape still does not match: the renamed field that contradicts what was learned. */
export function explainRename(model: TraceEvent, logged: TraceEvent, ren: Renaming): string | null {
  let r: Renaming = ren;
  for (const k in logged) {
    if (!(k in RENAMED_FIELDS)) continue;
    const m = model[k];
    if (m === undefined) return `${k}: the model's event has none`;
    const next = r.match(scopeOf(k, logged), logged[k]!, m);
    if (!next) return `${k}: ${r.explain(scopeOf(k, logged), logged[k]!, m)}`;
    r = next;
  }
  return null;
}
