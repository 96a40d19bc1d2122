import { parseHeader } from '../conform/header.js';
import { topologyDeclaration } from '../conform/topology-json.js';
import type { Topology } from '../topology/topology.js';
import type { NameMap } from './names.js';

/** What the importer knows for the header: the topology (if given), the names, the event kinds logged, where the log came from. */
export interface HeaderInput {
  readonly topology: Topology | null;
  readonly names: NameMap;
  readonly records: readonly string[];
  readonly source: string;
}

/**
 * The header line of an imported trace (docs/trace-format.md): version 1,
 * start "booted", the topology as a preset name or object, `records` (the
 * event kinds the log shows: the others happen unlogged) and `names`. With a
 * topology it is checked as `hotup conform` will read it, so a name mapped to
 * a netdev the topology lacks fails here, before anything is written.
 */
export function traceHeader(h: HeaderInput): Record<string, unknown> {
  const header: Record<string, unknown> = {
    format: 'hotup-trace',
    version: 1,
    ...(h.topology ? { topology: topologyDeclaration(h.topology) } : {}),
    start: 'booted',
    source: h.source,
    records: [...h.records],
    ...(Object.keys(h.names).length > 0 ? { names: h.names } : {}),
  };
  if (h.topology) parseHeader('--topology/--names', header, null);
  return header;
}
