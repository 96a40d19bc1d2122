import type { ComponentKind, Message } from '../../machines/messages.js';
import { INVARIANTS } from '../../properties/index.js';
import type { Topology } from '../topology/topology.js';

/**
 * Where each part of a system state sits in its integer vector: one slot per
 * component (parent, children, netdevs, bond, tool, traffic), one for the
 * faults bitmask, one per invariant monitor that keeps a state of its own,
 * and last the count of user changes taken (kept only under a budget).
 */
export interface Layout {
  readonly width: number;
  readonly children: number;
  readonly netdevs: number;
  readonly bond: number;
  readonly tool: number;
  readonly traffic: number;
  readonly faults: number;
  /** Ids of the invariants with a monitor state, in INVARIANTS order; slot = faults + 1 + j. */
  readonly monitorIds: readonly string[];
  /** The slot counting FAULT-USER-CONFIG steps taken so far (always 0 without a budget). */
  readonly userChanges: number;
  /** The component kind of each slot below `faults`. */
  readonly kinds: readonly ComponentKind[];
}

/** The vector layout of a topology. */
export function layoutOf(t: Topology): Layout {
  const bond = 1 + t.children + t.netdevs;
  const monitorIds = INVARIANTS.filter((inv) => inv.init).map((inv) => inv.id);
  const kinds: ComponentKind[] = [
    'parent',
    ...Array.from({ length: t.children }, () => 'child' as const),
    ...Array.from({ length: t.netdevs }, () => 'netdev' as const),
    'bond',
    'tool',
    'traffic',
  ];
  const userChanges = bond + 4 + monitorIds.length;
  return { width: userChanges + 1, children: t.children, netdevs: t.netdevs, bond, tool: bond + 1, traffic: bond + 2, faults: bond + 3, monitorIds, userChanges, kinds };
}

/** The slot of child k. */
export const childSlot = (_: Layout, k: number): number => 1 + k;

/** The slot of netdev i. */
export const netdevSlot = (l: Layout, i: number): number => 1 + l.children + i;

/** The slot of monitor j. */
export const monitorSlot = (l: Layout, j: number): number => l.faults + 1 + j;

/** The slot a message is delivered to. */
export function slotOf(l: Layout, m: Message): number {
  switch (m.to) {
    case 'parent':
      return 0;
    case 'child':
      return childSlot(l, m.index);
    case 'netdev':
      return netdevSlot(l, m.index);
    case 'bond':
      return l.bond;
    case 'tool':
      return l.tool;
    case 'traffic':
      return l.traffic;
  }
}
