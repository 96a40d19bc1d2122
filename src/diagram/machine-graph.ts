import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { guardText } from '../explore/guard-text.js';

export { guardText } from '../explore/guard-text.js';

/** One state node of a machine, as a diagram draws it. */
export interface StateInfo {
  /** The node's full id, e.g. `child.unloading.removing`. */
  readonly id: string;
  /** Its own key, e.g. `removing` (the machine id for the root). */
  readonly key: string;
  /** The child state a compound node starts in. */
  readonly initial: string | null;
  readonly children: readonly string[];
}

/** One transition of a machine: event-driven, or eventless (`always`). */
export interface TransitionInfo {
  readonly source: string;
  /** The event type; '' for an eventless (`always`) transition. */
  readonly event: string;
  /** The guard as written in the machine (named guards, combined with !, &&, ||), or null. */
  readonly guard: string | null;
  /** Target state ids; empty when the transition stays in its state (actions only). */
  readonly targets: readonly string[];
  /** The named actions it runs (xstate's built-ins such as assign are left out). */
  readonly actions: readonly string[];
  /**
   * The key `Coverage` records a taken transition under:
   * `source:event->targets`, the source standing in for the targets when there are none.
   * Eventless transitions get `source:always->targets`, which `Coverage` never records.
   */
  readonly key: string;
}

/** Every state and every transition of a machine, `always` transitions included. */
export interface MachineGraph {
  readonly id: string;
  readonly states: readonly StateInfo[];
  readonly transitions: readonly TransitionInfo[];
}

/** Event name of eventless transitions in coverage keys and labels. */
const ALWAYS = 'always';


function actionName(a: unknown): string | null {
  const name = typeof a === 'string' ? a : typeof a === 'object' && a !== null && 'type' in a ? String((a as { type: unknown }).type) : null;
  return name === null || name.startsWith('xstate.') ? null : name;
}

function transitionInfo(t: AnyTransitionDefinition, event: string): TransitionInfo {
  const targets = (t.target ?? []).map((n) => n.id);
  return {
    source: t.source.id,
    event,
    guard: guardText(t.guard),
    targets,
    actions: t.actions.map(actionName).filter((x): x is string => x !== null),
    key: `${t.source.id}:${event || ALWAYS}->${targets.length ? targets.join(',') : t.source.id}`,
  };
}

/**
 * Walks a machine's state nodes depth first, in the order the machine declares
 * them. Unlike `toDirectedGraph` it keeps guards, actions and the eventless
 * `always` transitions (the bond's carrier, the child's end of loading).
 */
export function machineGraph(machine: AnyStateMachine): MachineGraph {
  const states: StateInfo[] = [];
  const transitions: TransitionInfo[] = [];
  const walk = (n: AnyStateNode): void => {
    const children = Object.values(n.states) as AnyStateNode[];
    states.push({
      id: n.id,
      key: n.parent ? n.key : machine.id,
      initial: children.length ? (n.initial.target[0]?.id ?? null) : null,
      children: children.map((c) => c.id),
    });
    for (const [event, ts] of n.transitions) for (const t of ts) transitions.push(transitionInfo(t, event));
    for (const t of n.always ?? []) transitions.push(transitionInfo(t, ''));
    children.forEach(walk);
  };
  walk(machine.root);
  return { id: machine.id, states, transitions };
}

/** A transition's label: `event [guard] / actions`. */
export function transitionLabel(t: TransitionInfo): string {
  const parts = [t.event || ALWAYS];
  if (t.guard) parts.push(`[${t.guard}]`);
  if (t.actions.length) parts.push(`/ ${t.actions.join(', ')}`);
  return parts.join(' ');
}
