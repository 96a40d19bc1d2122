import { toDirectedGraph } from '@xstate/graph';
import type { AnyStateMachine, StateValue } from 'xstate';
import type { Message } from '../../machines/messages.js';
import type { Components } from '../model/components.js';

type Kind = Message['to'];

interface Graph {
  readonly states: readonly string[];
  readonly transitions: readonly string[];
}

type DNode = ReturnType<typeof toDirectedGraph>;

/** Every state node and every transition (source:event->targets) that toDirectedGraph lists for a machine. */
export function graphOf(machine: AnyStateMachine): Graph {
  const states: string[] = [];
  const transitions = new Set<string>();
  const walk = (n: DNode): void => {
    states.push(n.id);
    for (const e of n.edges) transitions.add(`${e.source.id}:${e.label.text}->${e.target.id}`);
    n.children.forEach(walk);
  };
  walk(toDirectedGraph(machine));
  return { states, transitions: [...transitions] };
}

function stateIds(root: string, v: StateValue, out: string[]): void {
  if (typeof v === 'string') {
    out.push(`${root}.${v}`);
    return;
  }
  for (const [k, sub] of Object.entries(v)) {
    out.push(`${root}.${k}`);
    stateIds(`${root}.${k}`, sub as StateValue, out);
  }
}

/** One machine's coverage: states and transitions visited out of all its graph lists. */
export interface MachineCoverage {
  readonly machine: string;
  readonly states: readonly [number, number];
  readonly transitions: readonly [number, number];
}

/** The state ids and transition keys (`source:event->targets`) a run visited on one machine. */
export interface Visited {
  readonly states: readonly string[];
  readonly transitions: readonly string[];
}

/** Records the states and transitions of each component machine that runs visit. */
export class Coverage {
  private readonly states = new Map<Kind, Set<string>>();
  private readonly transitions = new Map<Kind, Set<string>>();

  /** Records a delivery: the transitions the event takes from `before`, and the states around it. */
  readonly record = (kind: Kind, machine: AnyStateMachine, before: unknown, event: Message['event']): void => {
    const snap = before as { value: StateValue };
    let st = this.states.get(kind);
    if (!st) this.states.set(kind, (st = new Set()));
    const ids: string[] = [machine.id];
    stateIds(machine.id, snap.value, ids);
    for (const id of ids) st.add(id);
    let tr = this.transitions.get(kind);
    if (!tr) this.transitions.set(kind, (tr = new Set()));
    for (const t of machine.getTransitionData(before as never, event as never)) {
      const targets = t.target?.map((n) => n.id).join(',') ?? t.source.id;
      tr.add(`${t.source.id}:${t.eventType}->${targets}`);
      for (const n of t.target ?? []) {
        st.add(n.id);
        for (const c of Object.values(n.states)) if (n.initial?.target.includes(c)) st.add(c.id);
      }
    }
  };

  /** What runs visited, per machine kind, sorted (for marking diagrams). */
  visited(): Partial<Record<Kind, Visited>> {
    const out: Partial<Record<Kind, Visited>> = {};
    for (const [kind, st] of this.states) out[kind] = { states: [...st].sort(), transitions: [...(this.transitions.get(kind) ?? [])].sort() };
    return out;
  }

  /** Visited/total per machine, against toDirectedGraph. */
  summary(components: Components): MachineCoverage[] {
    return (Object.entries(components) as [Kind, AnyStateMachine][]).map(([kind, m]) => {
      const g = graphOf(m);
      const st = this.states.get(kind) ?? new Set();
      const tr = this.transitions.get(kind) ?? new Set();
      return {
        machine: m.id,
        states: [g.states.filter((s) => st.has(s)).length, g.states.length],
        transitions: [g.transitions.filter((t) => tr.has(t)).length, g.transitions.length],
      };
    });
  }
}

/** A machine state or transition of toDirectedGraph's listing that a run or search did not take. */
export interface Uncovered {
  readonly machine: Kind;
  readonly kind: 'state' | 'transition';
  readonly id: string;
}

/** Every state and transition of each machine's graph that `visited` lacks, in graph order. */
export function uncovered(components: Components, visited: Partial<Record<Kind, Visited>>): Uncovered[] {
  return (Object.entries(components) as [Kind, AnyStateMachine][]).flatMap(([kind, m]) => {
    const g = graphOf(m);
    const v = visited[kind];
    const st = new Set(v?.states ?? []);
    const tr = new Set(v?.transitions ?? []);
    return [
      ...g.states.filter((s) => !st.has(s)).map((id): Uncovered => ({ machine: kind, kind: 'state', id })),
      ...g.transitions.filter((t) => !tr.has(t)).map((id): Uncovered => ({ machine: kind, kind: 'transition', id })),
    ];
  });
}
