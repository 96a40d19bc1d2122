import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { guardText } from './guard-text.js';

/** The event name eventless (`always`) transitions go by in coverage keys. */
export const ALWAYS = 'always';

/** The key a taken transition is counted under: `source:event->targets`, the source standing in for the targets when there are none. */
export function transitionKey(t: AnyTransitionDefinition): string {
  const targets = t.target?.length ? t.target.map((n) => n.id).join(',') : t.source.id;
  return `${t.source.id}:${t.eventType || ALWAYS}->${targets}`;
}

/** The key a guarded transition's outcomes are counted under: `source:event[guard]->targets` (two candidates of one event may share a target, never a guard). */
export function guardKey(t: AnyTransitionDefinition): string {
  const targets = t.target?.length ? t.target.map((n) => n.id).join(',') : t.source.id;
  return `${t.source.id}:${t.eventType || ALWAYS}[${guardText(t.guard)}]->${targets}`;
}

/** The key of a transition pair: t1, then t2 the next transition the same machine instance takes. */
export const pairKey = (t1: string, t2: string): string => `${t1} then ${t2}`;

/** Every state node of a machine, depth first in the order it declares them. */
function nodesOf(machine: AnyStateMachine): AnyStateNode[] {
  const out: AnyStateNode[] = [];
  const walk = (n: AnyStateNode): void => {
    out.push(n);
    (Object.values(n.states) as AnyStateNode[]).forEach(walk);
  };
  walk(machine.root);
  return out;
}

const eventTransitions = (n: AnyStateNode): AnyTransitionDefinition[] => [...n.transitions.values()].flat();

const guardsMemo = new WeakMap<AnyStateMachine, readonly string[]>();

/** Every guarded transition of a machine, eventless ones too, as guard keys in declaration order. */
export function guardedTransitions(machine: AnyStateMachine): readonly string[] {
  let g = guardsMemo.get(machine);
  if (!g) {
    g = nodesOf(machine).flatMap((n) => [...eventTransitions(n), ...(n.always ?? [])].filter((t) => t.guard !== undefined).map(guardKey));
    guardsMemo.set(machine, g);
  }
  return g;
}

/** Both outcomes of every guarded transition: `key true` and `key false`. */
export const guardOutcomes = (machine: AnyStateMachine): string[] => guardedTransitions(machine).flatMap((k) => [`${k} true`, `${k} false`]);

const ancestorsOrSelf = (n: AnyStateNode): AnyStateNode[] => (n.parent ? [n, ...ancestorsOrSelf(n.parent)] : [n]);
const descendants = (n: AnyStateNode): AnyStateNode[] => (Object.values(n.states) as AnyStateNode[]).flatMap((c) => [c, ...descendants(c)]);

/**
 * The state nodes that may be active right after `t`: its targets (its
 * source when it has none), their ancestors and descendants, and so on
 * through every eventless transition from any of them.
 */
function nodesAfter(machine: AnyStateMachine, t: AnyTransitionDefinition): Set<AnyStateNode> {
  const out = new Set<AnyStateNode>();
  const enter = (n: AnyStateNode): void => {
    if (out.has(n)) return;
    for (const x of [...ancestorsOrSelf(n), ...descendants(n)]) {
      if (out.has(x)) continue;
      out.add(x);
      for (const a of x.always ?? []) for (const target of a.target ?? []) enter(target);
    }
  };
  for (const n of t.target?.length ? t.target : [t.source]) enter(n);
  return out;
}

const pairsMemo = new WeakMap<AnyStateMachine, readonly string[]>();

/**
 * Every pair of event transitions (t1, t2) the machine's graph allows one
 * instance to take in a row: t2's source may be active after t1 (t1's target,
 * a state around it, or one its eventless transitions lead to). Eventless
 * transitions are steps inside a delivery, not members of pairs.
 */
export function possiblePairs(machine: AnyStateMachine): readonly string[] {
  let p = pairsMemo.get(machine);
  if (!p) {
    const ts = nodesOf(machine).flatMap(eventTransitions);
    const keyed = new Map<string, AnyTransitionDefinition>();
    for (const t of ts) if (!keyed.has(transitionKey(t))) keyed.set(transitionKey(t), t);
    const all = [...keyed.entries()];
    const out = new Set<string>();
    for (const [k1, t1] of all) {
      const after = nodesAfter(machine, t1);
      for (const [k2, t2] of all) if (after.has(t2.source)) out.add(pairKey(k1, k2));
    }
    p = [...out];
    pairsMemo.set(machine, p);
  }
  return p;
}
