import type { EnvEvent } from '../../model/env-event.js';
import { describeEvent, faultOf, kindOf } from '../../model/event-kinds.js';
import type { SystemState } from '../../model/state.js';
import type { Topology } from '../../topology/topology.js';

/** The button groups of the enabled events, in the order the page shows them. */
export const EVENT_GROUPS = ['tool', 'kernel', 'traffic', 'faults', 'user'] as const;
export type EventGroup = (typeof EVENT_GROUPS)[number];

/**
 * The group of an enabled event, from the event-kind table's actor: user
 * space's configuration changes (MTU, MAC, admin state, bond options) are
 * `user` although the model counts them as a fault (FAULT-USER-CONFIG);
 * operators' and the PCI core's faults are `faults`.
 */
export function groupOf(e: EnvEvent): EventGroup {
  if (faultOf(e) === 'FAULT-USER-CONFIG') return 'user';
  const actor = kindOf(e).actor;
  if (actor === 'tool' || actor === 'kernel' || actor === 'traffic' || actor === 'user') return actor;
  return 'faults';
}

/** One button: the event, its words, and the fault it injects. */
export interface EventButton {
  readonly event: EnvEvent;
  readonly label: string;
  readonly fault: string | null;
  /** Position in the system's list of enabled events (the order random runs and the checker use). */
  readonly index: number;
}

/** The enabled events of `s`, grouped and labelled; every group present, empty ones included. */
export function groupEvents(t: Topology, s: SystemState, enabled: readonly EnvEvent[]): Record<EventGroup, EventButton[]> {
  const out = Object.fromEntries(EVENT_GROUPS.map((g) => [g, [] as EventButton[]])) as Record<EventGroup, EventButton[]>;
  enabled.forEach((event, index) => out[groupOf(event)].push({ event, label: describeEvent(t, event, s), fault: faultOf(event), index }));
  return out;
}
