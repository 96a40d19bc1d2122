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

/** What --rounds means, for the help of check and explore. */
export const ROUNDS_HELP =
  "at most n runs of the upgrade tool in one boot: the first to version 2, each later one (started once the last is done or stopped) to version 1, 2 or 3: a downgrade, the same again, the next; or 'unbounded'";

/** --rounds: how many times the tool runs in one boot, or 'unbounded' (a round targets one of three versions, so the space stays finite). */
export function roundsOption(v: string): number | 'unbounded' {
  if (v === 'unbounded') return v;
  if (!/^[0-9]{1,3}$/.test(v) || Number(v) < 1) throw new InvalidArgumentError(`--rounds takes a whole number from 1 to 999 or 'unbounded', got '${v}'.`);
  return Number(v);
}
