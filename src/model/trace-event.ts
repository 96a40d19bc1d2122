/** A field's value on a trace line, once names are the model's (N1, C1, S1). */
export type FieldValue = string | number | boolean | null | readonly string[] | Readonly<Record<string, string>>;

/** An event in the kernel's terms: its kind and its fields, as a trace line carries it (without seq and ts). */
export interface TraceEvent {
  readonly event: string;
  readonly [field: string]: FieldValue;
}

/** An observation: what the implementation saw, to be compared with the model's state. */
export interface TraceObservation {
  readonly observe: string;
  readonly [field: string]: FieldValue;
}

/** "S1" for netdev index 0: the sub-device that belongs to N1. */
export const subdevLabel = (i: number): string => `S${i + 1}`;

/** The index a model name stands for ("N2" -> 1), or null when it is not of that letter. */
export function indexOfName(name: string, letter: 'N' | 'C' | 'S'): number | null {
  if (name.length < 2 || name[0] !== letter) return null;
  const rest = name.slice(1);
  if (!/^[1-9][0-9]*$/.test(rest)) return null;
  return Number(rest) - 1;
}

const show = (v: FieldValue): string => {
  if (v === null) return 'none';
  if (Array.isArray(v)) return v.join(',');
  if (typeof v === 'object') return Object.entries(v as Record<string, string>).map(([k, x]) => `${k}:${x}`).join(',');
  return String(v);
};

/** One line of text for an event or observation: its kind, then field=value pairs in the order given. */
export function formatRecord(r: TraceEvent | TraceObservation): string {
  const kind = 'event' in r ? String(r.event) : `observe ${String(r.observe)}`;
  const fields = Object.entries(r)
    .filter(([k]) => k !== 'event' && k !== 'observe')
    .map(([k, v]) => `${k}=${show(v)}`);
  return fields.length ? `${kind} ${fields.join(' ')}` : kind;
}
