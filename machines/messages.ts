import type { BondEvent } from './bond.js';
import type { ChildEvent } from './child.js';
import type { NetdevEvent } from './netdev.js';
import type { ParentEvent } from './parent.js';
import type { ToolEvent } from './tool.js';
import type { TrafficEvent } from './traffic.js';

/** Names of the system's components, as messages and traces address them. */
export type ComponentKind = 'parent' | 'child' | 'netdev' | 'bond' | 'tool' | 'traffic';

/**
 * What one machine hands to another during a step. Machines never call each
 * other: an action's params are the messages it sends, and the system delivers
 * them in FIFO order until none is left (run-to-completion).
 */
export type Message =
  | { readonly to: 'parent'; readonly event: ParentEvent }
  | { readonly to: 'child'; readonly index: number; readonly event: ChildEvent }
  | { readonly to: 'netdev'; readonly index: number; readonly event: NetdevEvent }
  | { readonly to: 'bond'; readonly event: BondEvent }
  | { readonly to: 'tool'; readonly event: ToolEvent }
  | { readonly to: 'traffic'; readonly event: TrafficEvent };

/** A user-visible netdev configuration: MTU, MAC (an index into a small set) and admin state. */
export interface NetdevConfig {
  readonly mtu: number;
  readonly mac: number;
  readonly adminUp: boolean;
}

/** What a freshly created netdev carries before any user configuration. */
export const DEFAULT_CONFIG: NetdevConfig = { mtu: 1500, mac: 0, adminUp: true };

/** Who serves a netdev's ndo/ethtool calls: the parent's tables, or child k's. */
export type OpsHolder = 'parent' | number;

/** Why a packet handed to the bond was not processed. */
export type DropReason = 'no-slave' | 'carrier-off' | 'not-running' | 'no-netdev' | 'parent-holds';

/** The user/kernel channel the upgrade-finished notification travels on (claim 7). */
export type NotifyChannel = 'netlink' | 'chardev';

/** Collects the messages in an action's params (a message or a list of them). */
export function messagesOf(params: unknown): readonly Message[] {
  if (Array.isArray(params)) return params as Message[];
  if (params !== null && typeof params === 'object' && 'to' in params) return [params as Message];
  return [];
}
