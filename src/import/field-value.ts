import { TraceInputError } from '../conform/input-error.js';
import { closest } from '../conform/suggest.js';
import type { FieldType } from '../conform/vocabulary.js';
import type { FieldValue } from '../model/trace-event.js';

/** Words a hotup line may use for "none" in a field that allows it (bond0 has no active slave). */
const NONE = new Set(['none', 'null', '-']);

const integer = (value: string, where: string, key: string): number => {
  if (!/^[0-9]+$/.test(value)) throw new TraceInputError(where, key, `${JSON.stringify(value)} is not a whole number`, `write ${key}=<digits>`);
  return Number(value);
};

/** A value that is a number when it is all digits (a model version, a numbered MAC), else the implementation's string. */
const numberOrString = (value: string): string | number => (/^[0-9]+$/.test(value) ? Number(value) : value);

/** `S1:bound,S3:bound` as a map; the states are checked by the trace schema. */
function stateMap(value: string, where: string, key: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(',').filter((p) => p !== '')) {
    const colon = part.lastIndexOf(':');
    if (colon <= 0 || colon === part.length - 1) throw new TraceInputError(where, key, `${JSON.stringify(part)} is not NAME:STATE`, `write ${key}=eth0:up,eth1:down`);
    out[part.slice(0, colon)] = part.slice(colon + 1);
  }
  return out;
}

/**
 * The trace value of a hotup line's `key=value`, typed by the vocabulary:
 * whole numbers for ifindex, mtu, flow and counts; `none` for an absent
 * netdev; comma lists for netdev lists; NAME:STATE lists for maps; the
 * enumerations checked with a "did you mean". Names stay as written: the
 * trace header's `names` maps them.
 */
export function fieldValue(type: FieldType, value: string, where: string, key: string): FieldValue {
  if (typeof type === 'object') {
    if (type.enum.includes(value)) return value;
    const near = closest(value, type.enum);
    throw new TraceInputError(where, key, `${JSON.stringify(value)} is not one of ${type.enum.join(', ')}`, near ? `did you mean ${key}=${near}?` : `write one of ${type.enum.join(', ')}`);
  }
  switch (type) {
    case 'netdev-or-none':
    case 'child-or-none':
    case 'bond-value':
      return NONE.has(value) ? null : value;
    case 'netdev-list':
      return value.split(',').filter((p) => p !== '');
    case 'bool':
      if (value === 'true' || value === 'false') return value === 'true';
      throw new TraceInputError(where, key, `${JSON.stringify(value)} is not true or false`, `write ${key}=true or ${key}=false`);
    case 'ifindex':
    case 'mtu':
    case 'flow':
    case 'count':
      return integer(value, where, key);
    case 'version':
    case 'mac':
      return numberOrString(value);
    case 'subdev-states':
    case 'slave-states':
      return stateMap(value, where, key);
    default:
      if (value === '') throw new TraceInputError(where, key, 'empty', `give a value: ${key}=<name>`);
      return value;
  }
}
