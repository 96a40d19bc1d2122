import type { ComponentKind, Message } from '../../machines/messages.js';
import { INVARIANTS } from '../../properties/index.js';
import { COMPONENT_KINDS, COMPONENTS } from '../model/components.js';
import type { Topology } from '../topology/topology.js';

/**
 * Where each part of a system state sits in its integer vector: one slot per
 * component in COMPONENT_KINDS order (parent, children, netdevs, bond, tool,
 * traffic), one for the faults bitmask, one per invariant monitor that keeps
 * a state of its own, the count of user changes taken (kept only under a
 * budget), and last the count of later rounds of the tool started (kept only
 * under a bound on rounds).
 */
export interface Layout {
  readonly width: number;
  readonly children: number;
  readonly netdevs: number;
  /** The first slot of each component kind. */
  readonly base: Readonly<Record<ComponentKind, number>>;
  readonly bond: number;
  readonly tool: number;
  readonly traffic: number;
  readonly faults: number;
  /** Ids of the invariants with a monitor state, in INVARIANTS order; slot = faults + 1 + j. */
  readonly monitorIds: readonly string[];
  /**
   * The budget slot: the FAULT-USER-CONFIG steps taken so far, plus the
   * tool's runs after the first (`tool.rerun` steps) times one more than the
   * user-change bound (the table system packs and unpacks it). One slot, not
   * two: each slot widens every stored vector, and both counters stay 0
   * without their bound.
   */
  readonly userChanges: number;
  /** The component kind of each slot below `faults`. */
  readonly kinds: readonly ComponentKind[];
  /** The index within its kind of each slot below `faults`. */
  readonly indices: readonly number[];
}

/**
 * A state vector: one local-state id per slot. 32-bit ids, so no machine's
 * number of distinct local states caps a search (the bond machine passes
 * 65,535 on five netdevs with every fault).
 */
export type StateVector = Uint32Array;

/** Any vector of local-state ids the table system reads or writes (the symmetry reduction works on 16-bit ones). */
export type LocalIds = Uint16Array | Uint32Array;

/** A zeroed state vector of `width` slots. */
export const newVector = (width: number): StateVector => new Uint32Array(width);

/** The vector layout of a topology. */
export function layoutOf(t: Topology): Layout {
  const kinds: ComponentKind[] = [];
  const indices: number[] = [];
  const base = {} as Record<ComponentKind, number>;
  for (const kind of COMPONENT_KINDS) {
    base[kind] = kinds.length;
    for (let i = 0; i < COMPONENTS[kind].count(t); i++) {
      kinds.push(kind);
      indices.push(i);
    }
  }
  const faults = kinds.length;
  const monitorIds = INVARIANTS.filter((inv) => inv.init).map((inv) => inv.id);
  const userChanges = faults + 1 + monitorIds.length;
  return { width: userChanges + 1, children: t.children, netdevs: t.netdevs, base, bond: base.bond, tool: base.tool, traffic: base.traffic, faults, monitorIds, userChanges, kinds, indices };
}

/** The slot of child k. */
export const childSlot = (l: Layout, k: number): number => l.base.child + k;

/** The slot of netdev i. */
export const netdevSlot = (l: Layout, i: number): number => l.base.netdev + i;

/** The slot of monitor j. */
export const monitorSlot = (l: Layout, j: number): number => l.faults + 1 + j;

/** The slot a message is delivered to. */
export const slotOf = (l: Layout, m: Message): number => l.base[m.to] + ('index' in m ? m.index : 0);
