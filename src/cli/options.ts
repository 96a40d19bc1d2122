import { InvalidArgumentError } from 'commander';
import { PROPERTY_IDS } from '../../properties/index.js';
import { MUTANTS } from '../mutants.js';
import { parseFaults, type FaultId } from '../model/faults.js';
import { loadTopology, TopologyError } from '../topology/parse.js';
import type { Topology } from '../topology/topology.js';

/** A whole number flag within bounds, or an error naming the flag and its range. */
export const intOption =
  (flag: string, min: number, max: number) =>
  (value: string): number => {
    const n = Number(value);
    if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${flag} takes a whole number from ${min} to ${max}, got '${value}'.`);
    }
    return n;
  };

/** --topology: a preset name or a JSON file. */
export function topologyOption(value: string): Topology {
  try {
    return loadTopology(value);
  } catch (e) {
    if (e instanceof TopologyError) throw new InvalidArgumentError(e.message);
    throw e;
  }
}

/** --mutant: one of model.md's MUT-* ids. */
export function mutantOption(value: string): string {
  if (!MUTANTS.some((m) => m.id === value)) throw new InvalidArgumentError(`unknown mutant '${value}'; use one of ${MUTANTS.map((m) => m.id).join(', ')} (hotup list).`);
  return value;
}

/** --faults: all, none, or a comma-separated list of FAULT-* ids. */
export function faultsOption(value: string): FaultId[] {
  try {
    return parseFaults(value);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

/** --property: a comma-separated list of INV-* / LIVE-* ids. */
export function propertiesOption(value: string): string[] {
  const ids = value.split(',').map((s) => s.trim());
  for (const id of ids) {
    if (!PROPERTY_IDS.includes(id)) throw new InvalidArgumentError(`unknown property '${id}'; use ids from: ${PROPERTY_IDS.join(', ')}`);
  }
  return ids;
}
