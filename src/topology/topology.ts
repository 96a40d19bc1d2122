import type { BondMode, PrimaryReselect } from '../../machines/bond-logic.js';
import type { NotifyChannel } from '../../machines/messages.js';

/**
 * A topology: M children, N netdevs (one sub-device each), the binding map,
 * one bond over all netdevs, and the notification channel. Indices are 0-based;
 * names are N1..NN and C1..CM.
 */
export interface Topology {
  readonly name: string;
  readonly children: number;
  readonly netdevs: number;
  /** binding[i] = the child whose driver binds sub-device S_i of netdev N_i. */
  readonly binding: readonly number[];
  readonly bond: {
    readonly mode: BondMode;
    readonly primary: number | null;
    readonly primaryReselect: PrimaryReselect;
    /** In miimon ticks. */
    readonly downdelay: number;
    /** In miimon ticks. */
    readonly updelay: number;
  };
  readonly channel: NotifyChannel;
  /** Transmits that may be in flight at once. */
  readonly maxInFlight: number;
  /** Distinct flows the traffic source sends (they hash onto slaves in balance-xor). */
  readonly flows: number;
  /** The JSON file it was read from (absent for a preset): what a replay command passes to --topology. */
  readonly file?: string;
}

/** Netdev indices whose sub-device child k binds. */
export const netdevsOf = (t: Topology, child: number): number[] =>
  t.binding.flatMap((k, i) => (k === child ? [i] : []));

/** "N1", "C2": the names the design and traces use. */
export const netdevName = (i: number): string => `N${i + 1}`;
export const childName = (k: number): string => `C${k + 1}`;
