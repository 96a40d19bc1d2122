import type { PropertyFilter } from '../engine/monitor.js';
import { createSystem } from '../engine/system.js';
import type { EnvEvent } from '../model/env-event.js';
import type { FaultId } from '../model/faults.js';
import { designOf } from '../mutants.js';
import type { Topology } from '../topology/topology.js';
import { TableRuns } from './table-runs.js';

/** How many models' tables one process keeps. */
const KEEP = 4;
const kept = new Map<string, TableRuns>();

/**
 * The table runs of one model (topology, design, faults, properties checked, rounds),
 * shared by the explorations of that model in one process: its memoised
 * tables only ever answer what XState and the properties would, so a warm
 * table changes how fast a run goes, never what it does. The last KEEP
 * models are kept.
 */
export function tableRunsFor(
  topology: Topology,
  mutant: string | null,
  faults: readonly FaultId[],
  only: PropertyFilter,
  rounds: number | null,
  family: (e: EnvEvent) => number,
): TableRuns {
  const key = JSON.stringify([topology, mutant, faults, only ? [...only].sort() : null, rounds]);
  let runs = kept.get(key);
  if (runs) kept.delete(key);
  else runs = new TableRuns(createSystem(topology, designOf(mutant)), faults, only, family, rounds);
  kept.set(key, runs);
  if (kept.size > KEEP) kept.delete(kept.keys().next().value!);
  return runs;
}
