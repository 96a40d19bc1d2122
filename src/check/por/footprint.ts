import type { ComponentKind } from '../../../machines/messages.js';
import type { Invariant, Observed } from '../../../properties/property.js';
import { EVENT_KINDS } from '../../model/event-kinds.js';
import type { EnvEvent, EnvKind } from '../../model/env-event.js';
import { childSlot, monitorSlot, netdevSlot, type Layout } from '../../engine/layout.js';
import type { Topology } from '../../topology/topology.js';

/**
 * A class of environment events that share one footprint: a kind, and for a
 * child's events the child and sub-device, for a user's netdev change the
 * netdev. Events of one class differ only in a value (a version, an MTU, a
 * flow, ok or failed), not in the slots they touch.
 */
export interface EventClass {
  readonly kind: EnvKind;
  readonly child?: number;
  readonly subdev?: number;
  readonly netdev?: number;
}

/** The slots a class of steps may read and may write, and those that decide whether it is enabled, as flags per slot. */
export interface Footprint {
  readonly reads: Uint8Array;
  readonly writes: Uint8Array;
  /**
   * What decides whether the step is offered (src/engine/table/enabled-events.ts):
   * a child's own slot, the parent and the traffic for a child's step; the
   * netdev or bond, the parent and the budget for a user's change; for a
   * step of the target group, everything its message reads (its guards may
   * read the message), and only its target's slot while the target's state
   * has no transition for it at all.
   */
  readonly enables: Uint8Array;
}

/** The class of an environment event. */
export function classOf(e: EnvEvent): EventClass {
  const group = EVENT_KINDS[e.kind].group;
  if (group === 'child' && 'child' in e) return 'subdev' in e ? { kind: e.kind, child: e.child, subdev: e.subdev } : { kind: e.kind, child: e.child };
  if (group === 'netdev-config' && 'netdev' in e && e.netdev !== null) return { kind: e.kind, netdev: e.netdev };
  return { kind: e.kind };
}

/** A string naming a class, equal for the events of one class. */
export const classKey = (c: EventClass): string => `${c.kind}|${c.child ?? ''}|${c.subdev ?? ''}|${c.netdev ?? ''}`;

/**
 * The slots of component kind `k` a step of class `c` can touch: the child's
 * own slot and its netdevs' for a child's step, the netdev's own slot and its
 * child's for a user's netdev change, every instance otherwise.
 */
function slotsOf(t: Topology, l: Layout, c: Partial<EventClass>, k: ComponentKind): number[] {
  const all = (n: number, slot: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => slot(i));
  if (k === 'child') {
    if (c.child !== undefined) return [childSlot(l, c.child)];
    if (c.netdev !== undefined) return [childSlot(l, t.binding[c.netdev]!)];
    return all(t.children, (i) => childSlot(l, i));
  }
  if (k === 'netdev') {
    if (c.netdev !== undefined) return [netdevSlot(l, c.netdev)];
    if (c.child !== undefined) return t.binding.flatMap((b, i) => (b === c.child ? [netdevSlot(l, i)] : []));
    return all(t.netdevs, (i) => netdevSlot(l, i));
  }
  return [l.base[k]];
}

/** The slots of the component kinds whose delivered messages a property reads. */
export const messageSlots = (t: Topology, l: Layout, inv: Pick<Invariant<unknown>, 'readsMessagesTo'>): number[] =>
  (inv.readsMessagesTo ?? []).flatMap((k) => slotsOf(t, l, {}, k));

/** The slots a property reads: its component kinds, the fault bits, its own monitor. */
export function observedSlots(t: Topology, l: Layout, inv: Pick<Invariant<unknown>, 'id' | 'observes'>): number[] {
  const out = inv.observes.flatMap((o: Observed) => (o === 'faults' ? [l.faults] : slotsOf(t, l, {}, o)));
  const j = l.monitorIds.indexOf(inv.id);
  return j >= 0 ? [...out, monitorSlot(l, j)] : out;
}

/**
 * The footprint of a class of steps, from the event-kind table: what its
 * kind reads and writes, refined to instances; the fault bits for a fault;
 * the budget slot for a user change or a rerun (the budget enables them);
 * and the slot of every monitor that observes something the step touches.
 */
export function footprintOf(t: Topology, l: Layout, c: EventClass, monitors: readonly Pick<Invariant<unknown>, 'id' | 'observes' | 'readsMessagesTo'>[]): Footprint {
  const k = EVENT_KINDS[c.kind];
  const reads = new Uint8Array(l.width);
  const writes = new Uint8Array(l.width);
  // A child's step may deliver to another child (a bind's cascade does), so it reads every child; it writes only its own.
  for (const kind of k.reads) for (const s of slotsOf(t, l, kind === 'child' ? { kind: c.kind } : c, kind)) reads[s] = 1;
  for (const kind of k.writes) for (const s of slotsOf(t, l, c, kind)) writes[s] = 1;
  // A probe is a kernel step, but its failure is FAULT-PROBE-FAIL: it may set a fault bit too.
  if (k.actor === 'fault' || c.kind === 'child.probe') writes[l.faults] = 1;
  if (k.group === 'netdev-config' || k.group === 'bond-options' || c.kind === 'tool.rerun') reads[l.userChanges] = writes[l.userChanges] = 1;
  // A monitor moves when what it observes changes, or a message it reads is delivered.
  for (const inv of monitors) {
    const j = l.monitorIds.indexOf(inv.id);
    if (j < 0) continue;
    const changes = observedSlots(t, l, inv).some((s) => s !== l.faults && writes[s]);
    const delivers = messageSlots(t, l, inv).some((s) => reads[s] || writes[s]);
    if (changes || delivers) writes[monitorSlot(l, j)] = reads[monitorSlot(l, j)] = 1;
  }
  const enables = new Uint8Array(l.width);
  const mark = (kinds: readonly ComponentKind[]): void => kinds.forEach((kind) => slotsOf(t, l, c, kind).forEach((s) => (enables[s] = 1)));
  // A child's step is offered on the child's own state; a drain also on the calls in flight, a bind on the parent being bound, a load's message on the modules present.
  if (c.kind === 'child.drain') mark(['child', 'traffic']);
  else if (c.kind === 'child.bind') mark(['child', 'parent']);
  else if (c.kind === 'child.load') enables.set(reads);
  else if (k.group === 'child') mark(['child']);
  else if (k.group === 'netdev-config') mark(['netdev', 'parent']);
  else if (k.group === 'bond-options') mark(['bond', 'parent']);
  else if (k.group === 'parent') mark(['parent']);
  else enables.set(reads);
  if (k.group === 'netdev-config' || k.group === 'bond-options' || c.kind === 'tool.rerun') enables[l.userChanges] = 1;
  return { reads, writes, enables };
}

/**
 * Whether two classes of steps can interfere: one writes what the other
 * reads or writes. The fault bits are only ever or-ed in, so two writers of
 * them commute; a reader of them (a property) is handled by visibility.
 */
export function dependent(a: Footprint, b: Footprint, faultsSlot: number): boolean {
  for (let s = 0; s < a.writes.length; s++) {
    if (s === faultsSlot) continue;
    if ((a.writes[s] && (b.reads[s] || b.writes[s])) || (b.writes[s] && a.reads[s])) return true;
  }
  return false;
}

/** Whether a step of footprint `b` writes one of the slots `enables` flags (what decides whether some step is offered). */
export const writesAny = (enables: Uint8Array, b: Footprint): boolean => enables.some((r, s) => r === 1 && b.writes[s] === 1);
