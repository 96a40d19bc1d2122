import { toDirectedGraph } from '@xstate/graph';
import type { AnyStateMachine } from 'xstate';
import type { Message } from '../../machines/messages.js';
import type { Components } from '../model/components.js';
import { guardOutcomes, pairKey, possiblePairs } from './coverage-items.js';
import { deliveryOutcome, type DeliveryOutcome } from './delivery-outcome.js';
import { composePairs, type LocalEdge } from './pair-composition.js';

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

/**
 * One machine's coverage, each as [covered, all]: states and transitions out
 * of all toDirectedGraph lists, guard outcomes (true and false of every
 * guarded transition) and transition pairs out of those its graph allows.
 */
export interface MachineCoverage {
  readonly machine: string;
  readonly states: readonly [number, number];
  readonly transitions: readonly [number, number];
  readonly guards: readonly [number, number];
  readonly pairs: readonly [number, number];
}

/**
 * What runs (or a search) covered on one machine: state ids, transition keys
 * (`source:event->targets`), guard outcomes (`source:event[guard]->targets true`
 * or `... false`) and transition pairs (`t1 then t2`). Guards and pairs are
 * absent from results written before they were counted.
 */
export interface Visited {
  readonly states: readonly string[];
  readonly transitions: readonly string[];
  readonly guards?: readonly string[];
  readonly pairs?: readonly string[];
}

/** How often each transition, guard outcome and pair was taken, per machine (deliveries; a search counts each distinct one once). */
export interface CoverageCounts {
  readonly transitions: Readonly<Record<string, number>>;
  /** Per guard key: [times true, times false]. */
  readonly guards: Readonly<Record<string, readonly [number, number]>>;
  readonly pairs: Readonly<Record<string, number>>;
}

interface Tally {
  readonly states: Set<string>;
  readonly transitions: Map<string, number>;
  readonly guards: Map<string, [number, number]>;
  readonly pairs: Map<string, number>;
  readonly edges: LocalEdge[];
  readonly seeds: Map<number, Set<string>>;
}

const inc = (m: Map<string, number>, k: string): void => {
  m.set(k, (m.get(k) ?? 0) + 1);
};

/** A slot of the table system: the instance it holds and its local-state id at boot. */
export interface BootSlot {
  readonly kind: Kind;
  readonly instance: string;
  readonly local: number;
}

/** The name pair tracking knows one machine instance by. */
export const instanceOf = (kind: Kind, index: number): string => `${kind}#${index}`;

/**
 * Records what each component machine covers: states, transitions, guard
 * outcomes and transition pairs.
 *
 * Deliveries come two ways. Through the plain system (`record`, boot and
 * replays), in order, each with its instance, so pairs are counted as they
 * happen. Through the table system (`tableDelivery`): inside a run (after
 * `beginRun`) in order too; outside one (a complete search hands over each
 * distinct delivery once, in no order), pairs come from composing the
 * deliveries' local-state edges instead (pair-composition.ts), which yields
 * every pair some reachable path takes and possibly more: what it lacks is
 * unreachable.
 */
export class Coverage {
  private readonly tallies = new Map<Kind, Tally>();
  private last = new Map<string, string>();
  private bootLast: ReadonlyMap<string, string> = new Map();
  private inRun = false;
  private unordered = false;

  /** Records a delivery through the plain system (index: the target's instance, for pairs). */
  readonly record = (kind: Kind, machine: AnyStateMachine, before: unknown, event: Message['event'], index?: number): void => {
    this.apply(kind, index === undefined ? null : instanceOf(kind, index), deliveryOutcome(machine, before, event));
  };

  /** Records a delivery through the table system, to instance `instance`. */
  tableDelivery(kind: Kind, instance: string, o: DeliveryOutcome): void {
    if (!this.inRun) this.unordered = true;
    this.apply(kind, this.inRun ? instance : null, o);
  }

  /** Records, once per distinct delivery, the table's local-state edge it makes (for composing pairs). */
  tableEdge(kind: Kind, edge: LocalEdge): void {
    this.tally(kind).edges.push(edge);
  }

  /** Boot is over (recorded through `record`): each table slot's boot local state starts after its instance's last boot transition. */
  booted(slots: readonly BootSlot[]): void {
    this.bootLast = new Map(this.last);
    for (const s of slots) {
      const t = this.bootLast.get(s.instance);
      if (t === undefined) continue;
      const seeds = this.tally(s.kind).seeds;
      let set = seeds.get(s.local);
      if (!set) seeds.set(s.local, (set = new Set()));
      set.add(t);
    }
  }

  /** A run starts from the booted state: each instance's last transition is its last boot transition again. */
  beginRun(): void {
    this.inRun = true;
    this.last = new Map(this.bootLast);
  }

  private tally(kind: Kind): Tally {
    let t = this.tallies.get(kind);
    if (!t) this.tallies.set(kind, (t = { states: new Set(), transitions: new Map(), guards: new Map(), pairs: new Map(), edges: [], seeds: new Map() }));
    return t;
  }

  private apply(kind: Kind, instance: string | null, o: DeliveryOutcome): void {
    const t = this.tally(kind);
    for (const s of o.states) t.states.add(s);
    for (const tr of o.transitions) inc(t.transitions, tr);
    for (const [g, outcome] of o.guards) {
      let c = t.guards.get(g);
      if (!c) t.guards.set(g, (c = [0, 0]));
      c[outcome ? 0 : 1]++;
    }
    if (instance === null) return;
    for (const tr of o.transitions) {
      const p = this.last.get(instance);
      if (p !== undefined) inc(t.pairs, pairKey(p, tr));
      this.last.set(instance, tr);
    }
  }

  private pairsOf(t: Tally): string[] {
    const seen = new Set(t.pairs.keys());
    if (this.unordered) for (const p of composePairs(t.edges, t.seeds)) seen.add(p);
    return [...seen].sort();
  }

  /** What was covered, per machine kind, sorted. */
  visited(): Partial<Record<Kind, Visited>> {
    const out: Partial<Record<Kind, Visited>> = {};
    for (const [kind, t] of this.tallies) {
      out[kind] = {
        states: [...t.states].sort(),
        transitions: [...t.transitions.keys()].sort(),
        guards: [...t.guards].flatMap(([g, [yes, no]]) => [...(yes ? [`${g} true`] : []), ...(no ? [`${g} false`] : [])]).sort(),
        pairs: this.pairsOf(t),
      };
    }
    return out;
  }

  /** How often each transition, guard outcome and pair was taken, per machine kind. */
  counts(): Partial<Record<Kind, CoverageCounts>> {
    const out: Partial<Record<Kind, CoverageCounts>> = {};
    for (const [kind, t] of this.tallies) {
      out[kind] = { transitions: Object.fromEntries(t.transitions), guards: Object.fromEntries([...t.guards].map(([g, c]) => [g, [c[0], c[1]] as const])), pairs: Object.fromEntries(t.pairs) };
    }
    return out;
  }

  /** Covered/all per machine. */
  summary(components: Components): MachineCoverage[] {
    const v = this.visited();
    return (Object.entries(components) as [Kind, AnyStateMachine][]).map(([kind, m]) => summaryOf(m, v[kind]));
  }
}

const count = (all: readonly string[], covered: readonly string[] | undefined): [number, number] => {
  const c = new Set(covered ?? []);
  return [all.filter((x) => c.has(x)).length, all.length];
};

/** One machine's covered/all counts from what was visited on it. */
export function summaryOf(m: AnyStateMachine, v: Visited | undefined): MachineCoverage {
  const g = graphOf(m);
  return {
    machine: m.id,
    states: count(g.states, v?.states),
    transitions: count(g.transitions, v?.transitions),
    guards: count(guardOutcomes(m), v?.guards),
    pairs: count(possiblePairs(m), v?.pairs),
  };
}

/** What coverage lists: machine states, transitions, guard outcomes, transition pairs. */
export type CoverageItem = 'state' | 'transition' | 'guard' | 'pair';

/** A machine state, transition, guard outcome or transition pair that a run or search did not take. */
export interface Uncovered {
  readonly machine: Kind;
  readonly kind: CoverageItem;
  /** A state id, a transition key, a guard outcome (`source:event[guard]->targets false`) or a pair (`t1 then t2`). */
  readonly id: string;
}

/**
 * Every item of each machine that `visited` lacks, in graph order: states and
 * transitions unless `items` names more (guard outcomes, pairs among those
 * the graph allows).
 */
export function uncovered(components: Components, visited: Partial<Record<Kind, Visited>>, items: readonly CoverageItem[] = ['state', 'transition']): Uncovered[] {
  return (Object.entries(components) as [Kind, AnyStateMachine][]).flatMap(([kind, m]) => {
    const g = graphOf(m);
    const v = visited[kind];
    const all: Record<CoverageItem, readonly string[]> = { state: g.states, transition: g.transitions, guard: items.includes('guard') ? guardOutcomes(m) : [], pair: items.includes('pair') ? possiblePairs(m) : [] };
    const have: Record<CoverageItem, Set<string>> = { state: new Set(v?.states), transition: new Set(v?.transitions), guard: new Set(v?.guards), pair: new Set(v?.pairs) };
    return items.flatMap((item) => all[item].filter((id) => !have[item].has(id)).map((id): Uncovered => ({ machine: kind, kind: item, id })));
  });
}
