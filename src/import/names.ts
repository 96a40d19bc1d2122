import { TraceInputError } from '../conform/input-error.js';

/** The implementation's names for the model's (`eth0` -> `N1`), as the trace header's `names` holds them. */
export type NameMap = Readonly<Record<string, string>>;

const MODEL_NAME = /^[NCS][1-9]\d*$/;

/**
 * Reads `--names eth0=N1,eth1=N2,hotup_c1=C1`: comma-separated OWN=MODEL pairs,
 * MODEL a netdev N*i*, child C*k* or sub-device S*i*. Whether the model name
 * exists in the topology is checked with the header.
 */
export function parseNames(text: string): NameMap {
  const out: Record<string, string> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    const own = part.slice(0, eq);
    const model = part.slice(eq + 1);
    if (eq <= 0 || !MODEL_NAME.test(model)) {
      throw new TraceInputError('--names', part, 'not OWN=MODEL', 'write --names eth0=N1,eth1=N2,hotup_c1=C1 (netdevs N1.., children C1.., sub-devices S1..)');
    }
    if (own in out) throw new TraceInputError('--names', own, 'named twice', 'give each name once');
    out[own] = model;
  }
  return out;
}

/**
 * Whether a name seen in a kernel message (a bond's slave, a loaded module)
 * is one of the model's netdevs ('N') or children ('C'): a model name, or a
 * name `names` maps to one. When `names` maps no name of that kind, every
 * name is taken (there is nothing to tell the system's own apart).
 */
export function isModelName(names: NameMap, letter: 'N' | 'C', name: string): boolean {
  const mapped = Object.values(names).filter((m) => m.startsWith(letter));
  if (mapped.length === 0) return true;
  return new RegExp(`^${letter}[1-9]\\d*$`).test(name) || names[name]?.startsWith(letter) === true;
}
