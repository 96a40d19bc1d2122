import type { Components } from './components.js';
import type { SystemState } from './state.js';
import { mapSnapshots, rehome } from './components.js';

/** A component snapshot reduced to what defines it: its state value and context. */
export interface SerialisedSnapshot {
  readonly value: unknown;
  readonly context: unknown;
}

/** The whole system state as plain JSON data: every snapshot reduced to its value and context. */
export type SerialisedState = {
  readonly [K in keyof SystemState]: SystemState[K] extends readonly unknown[] ? readonly SerialisedSnapshot[] : K extends 'faults' | 'monitors' ? SystemState[K] : SerialisedSnapshot;
};

/** The state as JSON data: every component's value and context, the faults, the monitors. */
export const serialise = (s: SystemState): SerialisedState => mapSnapshots(s, (_, x) => ({ value: x.value, context: x.context })) as unknown as SerialisedState;

/** Rebuilds a state from its serialised form, resolving every snapshot in the given machines. */
export function deserialise(c: Components, data: SerialisedState): SystemState {
  const raw = data as unknown as SystemState;
  return rehome(c, { ...raw, children: [...raw.children], netdevs: [...raw.netdevs] });
}

/** JSON with object keys sorted, so equal states give equal strings. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The canonical string of a state: equal exactly when the states are equal. */
export const stateKey = (s: SystemState): string => canonicalJson(serialise(s));

/** A 53-bit FNV-1a style hash of the canonical string, as a hex string. */
export function stateHash(s: SystemState): string {
  const str = stateKey(s);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return ((h2 >>> 0) & 0x1fffff).toString(16).padStart(6, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
