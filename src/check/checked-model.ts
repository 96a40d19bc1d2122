import type { FaultId } from '../model/faults.js';
import type { Topology } from '../topology/topology.js';

/**
 * What a search checks, as a worker, a swarm member and its result file
 * name it: the topology, the design (a mutant, or null for the correct one),
 * the faults that may happen, the bounds on user changes and on rounds, and
 * the properties.
 */
export interface CheckedModel {
  readonly topology: Topology;
  readonly mutant: string | null;
  readonly faults: readonly FaultId[];
  /** At most this many FAULT-USER-CONFIG steps per run; null: unbounded. */
  readonly userChanges: number | null;
  /** At most this many rounds of the tool in one boot; null: unbounded. */
  readonly rounds: number | null;
  /** Check only these property ids (all INV-* when null). */
  readonly properties: readonly string[] | null;
}
