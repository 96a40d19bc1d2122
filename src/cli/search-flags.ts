import type { FaultId } from '../model/faults.js';
import type { Topology } from '../topology/topology.js';

/** The flags of `hotup check` that an exhaustive check and a swarm member both read, as commander parses them. */
export interface SearchFlags {
  topology: Topology;
  mutant?: string;
  faults: FaultId[];
  userChanges: number | 'unbounded';
  rounds: number | 'unbounded';
  property?: string[];
  maxStates?: number;
  maxSeconds?: number;
  maxMemory?: number;
  json?: boolean;
  out: string;
}
