import { readFileSync, statSync } from 'node:fs';
import { JsonTextError, parseJsonText } from './json-text.js';
import { PRESETS } from './presets.js';
import { clip, quotePath, shortQuote } from './quote.js';
import { schemaProblem } from './schema-check.js';
import type { Topology } from './topology.js';

/** A topology that cannot be used, with the field at fault and how to fix it. */
export class TopologyError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`topology field '${clip(field, 80)}': ${clip(problem)}; ${clip(fix)}`);
    this.name = 'TopologyError';
  }
}

const MODES = ['active-backup', 'balance-xor'] as const;
const RESELECT = ['always', 'better', 'failure'] as const;
const CHANNELS = ['netlink', 'chardev'] as const;
const KNOWN = ['name', 'children', 'binding', 'bond', 'channel', 'max_in_flight', 'flows'];
const KNOWN_BOND = ['mode', 'primary', 'primary_reselect', 'downdelay', 'updelay'];

function smallInt(v: unknown, field: string, min: number, max: number, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new TopologyError(field, `expected a whole number from ${min} to ${max}, got ${shortQuote(v)}`, `set it to a value in ${min}..${max}`);
  }
  return v;
}

function oneOf<T extends string>(v: unknown, field: string, allowed: readonly T[], fallback: T): T {
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new TopologyError(field, `unknown value ${shortQuote(v)}`, `use one of: ${allowed.join(', ')}`);
  }
  return v as T;
}

function noUnknownKeys(o: Record<string, unknown>, known: string[], prefix: string): void {
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) throw new TopologyError(`${prefix}${k}`, 'unknown field', `remove it; known fields are ${known.join(', ')}`);
  }
}

const indexOf = (name: string, letter: 'N' | 'C'): number | null => {
  const m = new RegExp(`^${letter}([1-9][0-9]*)$`).exec(name);
  return m ? Number(m[1]) - 1 : null;
};

/**
 * Validates a topology given as JSON data against the topology schema
 * (topology-schema.ts), then the rules a schema cannot say:
 * `{ "name", "children": 2, "binding": {"N1": "C1", "N2": "C2"}, "bond": {"mode", "primary", "primary_reselect", "downdelay", "updelay"}, "channel", "max_in_flight", "flows" }`.
 */
export function parseTopology(data: unknown, fallbackName = 'custom'): Topology {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new TopologyError('(top level)', 'expected a JSON object', 'write { "children": 2, "binding": { "N1": "C1", "N2": "C2" } }');
  }
  const broken = schemaProblem(data);
  if (broken) throw new TopologyError(broken.field, broken.problem, broken.fix);
  const o = data as Record<string, unknown>;
  noUnknownKeys(o, KNOWN, '');
  const name = o.name === undefined ? fallbackName : o.name;
  if (typeof name !== 'string' || name === '') throw new TopologyError('name', 'expected a non-empty string', 'name the topology, e.g. "four-netdevs"');
  const children = smallInt(o.children, 'children', 1, 8, NaN);
  if (Number.isNaN(children)) throw new TopologyError('children', 'missing', 'give the number of child drivers, e.g. "children": 2');
  const b = o.binding;
  if (b === null || typeof b !== 'object' || Array.isArray(b)) {
    throw new TopologyError('binding', 'expected an object mapping netdevs to children', 'write e.g. "binding": { "N1": "C1", "N2": "C2" }');
  }
  const entries = Object.entries(b as Record<string, unknown>);
  if (entries.length < 2 || entries.length > 8) throw new TopologyError('binding', `has ${entries.length} netdevs`, 'bind 2 to 8 netdevs, N1..N8 (a bond of one slave has nothing to fail over to)');
  const binding: number[] = new Array<number>(entries.length).fill(-1);
  for (const [nd, ch] of entries) {
    const i = indexOf(nd, 'N');
    if (i === null || i >= entries.length) {
      throw new TopologyError(`binding.${clip(nd, 40)}`, `netdevs must be named N1..N${entries.length}`, `rename ${shortQuote(nd)} so the netdevs are N1..N${entries.length}`);
    }
    const k = typeof ch === 'string' ? indexOf(ch, 'C') : null;
    if (k === null || k >= children) {
      throw new TopologyError(`binding.${nd}`, `${shortQuote(ch)} is not a child (children is ${children})`, `use one of C1..C${children}`);
    }
    binding[i] = k;
  }
  for (let k = 0; k < children; k++) {
    if (!binding.includes(k)) throw new TopologyError('children', `C${k + 1} binds no sub-device`, `bind a netdev to C${k + 1} in "binding" or lower "children"`);
  }
  const bondIn = o.bond === undefined ? {} : o.bond;
  if (bondIn === null || typeof bondIn !== 'object' || Array.isArray(bondIn)) {
    throw new TopologyError('bond', 'expected an object', 'write e.g. "bond": { "mode": "active-backup" }');
  }
  const bo = bondIn as Record<string, unknown>;
  noUnknownKeys(bo, KNOWN_BOND, 'bond.');
  let primary: number | null = null;
  if (bo.primary !== undefined && bo.primary !== null) {
    const p = typeof bo.primary === 'string' ? indexOf(bo.primary, 'N') : null;
    if (p === null || p >= binding.length) throw new TopologyError('bond.primary', `${shortQuote(bo.primary)} is not a netdev`, `use null or one of N1..N${binding.length}`);
    primary = p;
    if ((bo.mode ?? 'active-backup') !== 'active-backup') {
      throw new TopologyError('bond.primary', 'primary is an option of active-backup only', 'remove "primary" or use "mode": "active-backup"');
    }
  }
  return {
    name,
    children,
    netdevs: binding.length,
    binding,
    bond: {
      mode: oneOf(bo.mode, 'bond.mode', MODES, 'active-backup'),
      primary,
      primaryReselect: oneOf(bo.primary_reselect, 'bond.primary_reselect', RESELECT, 'always'),
      downdelay: smallInt(bo.downdelay, 'bond.downdelay', 0, 3, 0),
      updelay: smallInt(bo.updelay, 'bond.updelay', 0, 3, 0),
    },
    channel: oneOf(o.channel, 'channel', CHANNELS, 'netlink'),
    maxInFlight: smallInt(o.max_in_flight, 'max_in_flight', 1, 3, 1),
    flows: smallInt(o.flows, 'flows', 1, 4, 1),
  };
}

/** Topology files larger than this are refused before reading: a real one is a few hundred bytes. */
const MAX_FILE_BYTES = 1 << 20;

/**
 * A preset name or the path of a JSON topology file. A file's topology
 * remembers its path, so printed replay commands name the file, not its
 * "name" field (which may be anything, even a preset's name).
 */
export function loadTopology(nameOrFile: string): Topology {
  const preset = PRESETS[nameOrFile];
  if (preset) return preset;
  if (!nameOrFile.endsWith('.json')) {
    throw new TopologyError('--topology', `no preset named ${shortQuote(nameOrFile)}`, `use one of ${Object.keys(PRESETS).join(', ')} or a path to a .json file`);
  }
  let text: string;
  try {
    const st = statSync(nameOrFile);
    if (!st.isFile()) throw new TopologyError('--topology', `${quotePath(nameOrFile)} is not a regular file`, 'give the path of a JSON topology file');
    if (st.size > MAX_FILE_BYTES) throw new TopologyError('--topology', `${quotePath(nameOrFile)} has ${st.size.toLocaleString('en-US')} bytes`, `a topology file is a small JSON object; give one under ${MAX_FILE_BYTES.toLocaleString('en-US')} bytes`);
    text = readFileSync(nameOrFile, 'utf8');
  } catch (e) {
    if (e instanceof TopologyError) throw e;
    throw new TopologyError('--topology', `cannot read ${quotePath(nameOrFile)} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, 'check the path');
  }
  let data: unknown;
  try {
    data = parseJsonText(text);
  } catch (e) {
    if (e instanceof JsonTextError) throw new TopologyError(e.path ?? '(file)', `${quotePath(nameOrFile)}: ${e.problem}`, e.fix);
    throw new TopologyError('(file)', `${quotePath(nameOrFile)} is not valid JSON (${clip((e as Error).message, 120)})`, 'fix the JSON syntax');
  }
  return { ...parseTopology(data, nameOrFile.replace(/^.*\//, '').replace(/\.json$/, '') || 'custom'), file: nameOrFile };
}
