import { PRESETS } from '../topology/presets.js';
import { parseTopology, TopologyError } from '../topology/parse.js';
import type { Topology } from '../topology/topology.js';
import { TraceInputError } from './input-error.js';
import { validateHeader } from './schema.js';
import { closest } from './suggest.js';
import { sameTopology } from './topology-json.js';
import { indexOfName } from '../model/trace-event.js';
import { EVENT_KINDS } from './vocabulary.js';

/** What the header line declares: the topology, which event kinds the implementation logs, its names for the model's. */
export interface TraceHeader {
  readonly topology: Topology;
  /** The event kinds the implementation logs; events of other kinds happen unlogged. */
  readonly recorded: ReadonlySet<string>;
  /** The implementation's name -> the model's (eth0 -> N1). */
  readonly names: ReadonlyMap<string, string>;
  readonly source: string | null;
}

const HEADER_EXAMPLE = '{"format": "hotup-trace", "version": 1, "topology": "claims-10-11"}';

function topologyOf(where: string, declared: unknown, override: Topology | null): Topology {
  let t: Topology | null = null;
  if (typeof declared === 'string') {
    t = PRESETS[declared] ?? null;
    if (!t) throw new TraceInputError(where, 'topology', `no preset named ${JSON.stringify(declared)}`, `use one of ${Object.keys(PRESETS).join(', ')}, or a topology object`);
  } else if (declared !== undefined) {
    try {
      t = parseTopology(declared, 'trace');
    } catch (e) {
      if (e instanceof TopologyError) throw new TraceInputError(where, `topology.${e.field}`, e.problem, e.fix);
      throw e;
    }
  }
  if (t && override && !sameTopology(t, override)) {
    throw new TraceInputError(where, 'topology', `the trace declares ${t.name} but --topology gives ${override.name}`, 'drop --topology, or give the topology the trace was recorded on');
  }
  const topology = t ?? override;
  if (!topology) throw new TraceInputError(where, 'topology', 'missing', 'declare it in the header ("topology": "claims-10-11") or pass --topology');
  return topology;
}

function recordedOf(where: string, records: unknown): ReadonlySet<string> {
  if (records === undefined) return new Set(EVENT_KINDS);
  const out = new Set<string>();
  for (const [n, r] of (records as string[]).entries()) {
    const kinds = r.endsWith('.*') ? EVENT_KINDS.filter((k) => k.startsWith(r.slice(0, -1))) : EVENT_KINDS.filter((k) => k === r);
    if (kinds.length === 0) {
      const near = closest(r, EVENT_KINDS);
      throw new TraceInputError(where, `records[${n}]`, `${JSON.stringify(r)} names no event kind`, near ? `did you mean "${near}"?` : 'give event kinds (carrier.off) or prefixes (tool.*)');
    }
    for (const k of kinds) out.add(k);
  }
  return out;
}

function namesOf(where: string, names: unknown, t: Topology): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const [own, model] of Object.entries((names ?? {}) as Record<string, string>)) {
    const letter = model[0] as 'N' | 'C' | 'S';
    const i = indexOfName(model, letter);
    const count = letter === 'C' ? t.children : t.netdevs;
    if (i === null || i >= count) throw new TraceInputError(where, `names.${own}`, `${model} is not in ${t.name}`, `map it to ${letter}1..${letter}${count}`);
    out.set(own, model);
  }
  return out;
}

/**
 * Reads the first line. `override` is `hotup conform --topology`: it supplies
 * a topology the header leaves out, and must agree with one it declares.
 */
export function parseHeader(where: string, line: unknown, override: Topology | null): TraceHeader {
  if (line === null || typeof line !== 'object' || Array.isArray(line) || !('format' in line)) {
    throw new TraceInputError(where, 'format', 'the first line must be the header', `start the trace with ${HEADER_EXAMPLE}`);
  }
  const h = line as Record<string, unknown>;
  validateHeader(where, h);
  const topology = topologyOf(where, h.topology, override);
  return {
    topology,
    recorded: recordedOf(where, h.records),
    names: namesOf(where, h.names, topology),
    source: typeof h.source === 'string' ? h.source : null,
  };
}
