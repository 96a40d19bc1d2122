import { growingTopology } from '../scenarios/topologies.js';
import { FAULTS, type FaultId } from '../src/model/faults.js';
import type { Topology } from '../src/topology/topology.js';

/** A fault set of the scale series: the faults, the bound on the user's changes, and its name in the tables. */
export interface SeriesFaultSet {
  readonly name: string;
  readonly faults: readonly FaultId[];
  /** FAULT-USER-CONFIG steps per run (null: the fault is off). */
  readonly userChanges: number | null;
}

/** Every fault, the user changing something once per run. */
export const EVERY_FAULT: SeriesFaultSet = { name: 'every fault, 1 user change', faults: [...FAULTS], userChanges: 1 };

/** The five faults of the environment alone: every fault but the user's changes. */
export const FIVE_FAULTS: SeriesFaultSet = { name: 'five faults (no user change)', faults: FAULTS.filter((f) => f !== 'FAULT-USER-CONFIG'), userChanges: null };

/** One search of the series: a topology, a fault set, the time limit of each run, and the aim when there is one. */
export interface SeriesRowSpec {
  readonly topology: Topology;
  readonly faultSet: SeriesFaultSet;
  /** Seconds each search of the row (hotup and SPIN) may take before it is cut. */
  readonly maxSeconds: number;
  /** Seconds to a verdict the design aims at on one worker, or null. */
  readonly aimSeconds: number | null;
}

/** The topologies cM-nN of the series (M children, netdev i bound by child i mod M), smallest first. */
export const SERIES_TOPOLOGIES = ['c2-n2', 'c2-n3', 'c3-n3', 'c2-n4', 'c3-n4', 'c4-n4', 'c4-n6'] as const;

/** The four-netdev searches with every fault aimed at a verdict within two minutes. */
const AIMED = new Set(['c2-n4', 'c3-n4']);

/** The time limit of one search of a row without an aim. */
export const ROW_SECONDS = 60;

/** The aim of the four-netdev rows with every fault: a verdict within this many seconds, which is also their time limit. */
export const AIM_SECONDS = 120;

/** cM-nN as its numbers. */
function sizeOf(name: string): { children: number; netdevs: number } {
  const m = /^c(\d+)-n(\d+)$/.exec(name);
  if (!m) throw new Error(`series topology '${name}' is not cM-nN`);
  return { children: Number(m[1]), netdevs: Number(m[2]) };
}

/** Every row of the series: each topology with every fault and one user change, then with the five faults. */
export function seriesRows(): SeriesRowSpec[] {
  return SERIES_TOPOLOGIES.flatMap((name) => {
    const { children, netdevs } = sizeOf(name);
    const topology = growingTopology(children, netdevs);
    return [EVERY_FAULT, FIVE_FAULTS].map((faultSet) => {
      const aimed = faultSet === EVERY_FAULT && AIMED.has(name);
      return { topology, faultSet, maxSeconds: aimed ? AIM_SECONDS : ROW_SECONDS, aimSeconds: aimed ? AIM_SECONDS : null };
    });
  });
}
