import type { Message } from '../../machines/messages.js';
import { checkStep, withMonitors } from '../engine/monitor.js';
import type { Violation } from '../../properties/property.js';
import { stateKey } from '../model/canonical.js';
import { faultOf } from '../model/event-kinds.js';
import { type EnvEvent } from '../model/env-event.js';
import { FAULTS, type FaultId } from '../model/faults.js';
import type { SystemState } from '../model/state.js';
import { LivelockError, type System } from '../engine/system.js';
import { sameShape } from './match.js';
import { replayLog } from '../engine/replay-log.js';
import { viewOf, type StateView } from './state-view.js';
import { eventsOfStep, type StepEvent } from './step-events.js';
import type { TraceEvent } from '../model/trace-event.js';
import type { StepExcuse } from './candidate.js';
import { stepExcuses } from './excuses.js';
import { inModelOrder, predecessors } from './causal-order.js';

/** A model state (monitors included), numbered once per distinct state. */
export interface Node {
  readonly id: number;
  readonly state: SystemState;
  /** Filled on demand, and dropped when the graph forgets (to keep memory bounded). */
  edges?: Edge[];
  extra?: Map<string, Edge | null>;
  matches?: Map<string, readonly Match[]>;
  view?: StateView;
}

/** One model step from a node: the environment event, what it delivered, the events it shows that the trace records. */
export interface Edge {
  readonly id: number;
  readonly from: Node;
  readonly env: EnvEvent;
  readonly fault: FaultId | null;
  readonly log: readonly Message[];
  readonly after: SystemState;
  /** The step's events of recorded kinds, in the model's order; none: the step is silent (unlogged). */
  readonly shown: readonly StepEvent[];
  /** For each shown event, the bitmask of the shown events a trace must log before it (src/conform/causal-order.ts). */
  readonly preds: readonly number[];
  target?: Node;
  violation?: Violation | null;
  /** Properties the step would have broken but for a fault that excuses them. */
  excuses?: readonly StepExcuse[];
  /** The shown event at which the step's violation appears (computed on demand). */
  breaksAt?: number;
}

/** A way to reach a logged event: silent steps, then the step that may show it first (its shown event `at`, which nothing in the step must precede). */
export interface Match {
  readonly path: readonly Edge[];
  readonly edge: Edge;
  readonly at: number;
}

/** How far the search for a logged event may go. */
export interface GraphLimits {
  /** Silent (unlogged, non-fault) model steps allowed before the step that shows a logged event. */
  readonly maxInternal: number;
  /** Nodes and cached searches kept before the graph forgets them all (memory stays bounded on long traces). */
  readonly cacheLimit: number;
}

let nextId = 0;
const NO_PREDS: readonly number[] = [0];

/**
 * The model's state graph, explored lazily and memoised: each distinct state
 * is one node, each node's steps are computed once, and so is the search from
 * a node for each distinct logged event. A trace that repeats a pattern
 * revisits the same nodes and costs a few look-ups per line.
 */
export class ModelGraph {
  private nodes = new Map<string, Node>();
  private cached = 0;

  constructor(
    readonly system: System,
    private readonly recorded: ReadonlySet<string>,
    private readonly limits: GraphLimits,
  ) {}

  /** The booted system, monitors attached: where every trace starts. */
  root(): Node {
    return this.node(withMonitors(this.system, this.system.initial()));
  }

  /** The node of a state, shared by every equal state. */
  node(state: SystemState): Node {
    const key = stateKey(state);
    let n = this.nodes.get(key);
    if (!n) {
      if (this.cached > this.limits.cacheLimit) this.forget();
      n = { id: nextId++, state };
      this.nodes.set(key, n);
      this.cached++;
    }
    return n;
  }

  /** Drops every cache; nodes still referenced work on, recomputing what they need. */
  private forget(): void {
    for (const n of this.nodes.values()) {
      delete n.edges;
      delete n.extra;
      delete n.matches;
      delete n.view;
    }
    this.nodes = new Map();
    this.cached = 0;
  }

  private edge(from: Node, env: EnvEvent): Edge | null {
    let res;
    try {
      res = this.system.step(from.state, env);
    } catch (e) {
      if (e instanceof LivelockError) return null;
      throw e;
    }
    const all = eventsOfStep(this.system.topology, from.state, env, res.log, res.state);
    const kept: number[] = [];
    all.forEach((x, i) => {
      if (this.recorded.has(x.event.event)) kept.push(i);
    });
    const shown = kept.map((i) => all[i]!);
    const preds = shown.length <= 1 ? NO_PREDS : predecessors(all.map((x) => x.event), kept);
    return { id: nextId++, from, env, fault: faultOf(env), log: res.log, after: res.state, shown, preds };
  }

  /** Every step enabled in the node, faults included (a fault must show a recorded event to be taken). */
  edgesOf(n: Node): readonly Edge[] {
    if (!n.edges) {
      n.edges = this.system
        .enabled(n.state, FAULTS)
        .map((e) => this.edge(n, e))
        .filter((e): e is Edge => e !== null);
      this.cached++;
    }
    return n.edges;
  }

  /** A step the log itself parameterises (a user's MTU, a flow), when the model accepts it and it is not among the enabled ones. */
  extraEdge(n: Node, env: EnvEvent): Edge | null {
    const key = JSON.stringify(env);
    n.extra ??= new Map();
    if (!n.extra.has(key)) {
      const known = this.edgesOf(n).find((e) => JSON.stringify(e.env) === key);
      n.extra.set(key, known ?? (this.system.accepts(n.state, env) ? this.edge(n, env) : null));
      this.cached++;
    }
    return n.extra.get(key)!;
  }

  /** The state after a step, with its monitors, and the invariant it breaks (checked once). */
  follow(e: Edge): Node {
    if (!e.target) {
      const checked = checkStep(this.system, e.from.state, e.env, { state: e.after, log: e.log });
      e.violation = checked.violation;
      e.excuses = stepExcuses(this.system.topology, { before: e.from.state, env: e.env, log: e.log, after: checked.state });
      e.target = this.node(checked.state);
    }
    return e.target;
  }

  /**
   * Which of a violating step's shown events broke the invariant: the first
   * whose part of the step, replayed alone, already breaks it (the last one
   * when only the whole step does). Computed once per step.
   */
  breaksAt(e: Edge): number {
    if (e.breaksAt === undefined) {
      const id = this.follow(e) && e.violation?.id;
      let at = Math.max(0, e.shown.length - 1);
      for (let p = 0; id && p < e.shown.length - 1; p++) {
        const count = e.shown[p]!.at + 1;
        const partial = replayLog(e.from.state, e.env, e.log, count);
        const checked = checkStep(this.system, e.from.state, e.env, { state: partial, log: e.log.slice(0, count) });
        if (checked.violations.some((v) => v.id === id)) {
          at = p;
          break;
        }
      }
      e.breaksAt = at;
    }
    return e.breaksAt;
  }

  /** The view of a node's state, computed once. */
  viewOf(n: Node): StateView {
    n.view ??= viewOf(n.state);
    return n.view;
  }

  /** The state part-way through a step: after the message at which its shown event `pos` is seen. */
  stateWithin(e: Edge, pos: number): SystemState {
    return replayLog(e.from.state, e.env, e.log, e.shown[pos]!.at + 1);
  }

  /** The state after the first `m` of a step's shown events (0: before the step; all: after it). */
  statePast(e: Edge, m: number): SystemState {
    if (m <= 0) return e.from.state;
    if (m >= e.shown.length) return e.after;
    return this.stateWithin(e, m - 1);
  }

  private steps(n: Node, extra: readonly EnvEvent[]): readonly Edge[] {
    if (extra.length === 0) return this.edgesOf(n);
    const more = extra.map((env) => this.extraEdge(n, env)).filter((e): e is Edge => e !== null && !this.edgesOf(n).includes(e));
    return [...this.edgesOf(n), ...more];
  }

  /**
   * Breadth-first over silent steps (at most `maxInternal`, no faults) from
   * `n`, every step that may show `logged` first (renamed fields aside): one
   * of its shown events that the causal order lets come first (`anyOrder`:
   * any of them, for lines of merged files whose clocks may disagree).
   * `sig` names the search for the memo: the logged event without its renamed
   * fields, and the log-parameterised steps.
   */
  matches(n: Node, logged: TraceEvent, sig: string, extra: readonly EnvEvent[], anyOrder = false): readonly Match[] {
    const key = anyOrder ? `${sig}\u0001any` : sig;
    const hit = n.matches?.get(key);
    if (hit) return hit;
    const out: Match[] = [];
    this.search(n, extra, (path, e) => {
      const free = anyOrder && !inModelOrder(e.shown.length);
      for (let at = 0; at < e.shown.length; at++) if ((free || e.preds[at] === 0) && sameShape(e.shown[at]!.event, logged)) out.push({ path, edge: e, at });
    });
    n.matches ??= new Map();
    n.matches.set(key, out);
    this.cached++;
    return out;
  }

  /** Every step that shows an event next from `n`, after silent steps: what the model allowed there. */
  allowed(n: Node): Match[] {
    const out: Match[] = [];
    this.search(n, [], (path, e) => {
      for (let at = 0; at < e.shown.length; at++) if (e.preds[at] === 0) out.push({ path, edge: e, at });
    });
    return out;
  }

  private search(n: Node, extra: readonly EnvEvent[], visit: (path: readonly Edge[], e: Edge) => void): void {
    const seen = new Set<number>([n.id]);
    let layer: { node: Node; path: Edge[] }[] = [{ node: n, path: [] }];
    for (let depth = 0; layer.length > 0; depth++) {
      const next: typeof layer = [];
      for (const { node, path } of layer) {
        for (const e of this.steps(node, extra)) {
          if (e.shown.length > 0) {
            visit(path, e);
          } else if (e.fault === null && depth < this.limits.maxInternal) {
            const t = this.follow(e);
            if (!seen.has(t.id)) {
              seen.add(t.id);
              next.push({ node: t, path: [...path, e] });
            }
          }
        }
      }
      layer = next;
    }
  }
}
