import { forEachStep, StepBuffers } from './paths.js';
import type { VisitedStates } from './visited.js';
import type { TableSystem } from '../engine/table/table-system.js';
import { newVector } from '../engine/layout.js';

/** A reachable cycle of driver steps in which a LIVE-* property is never met and weak fairness holds. */
export interface FairCycle {
  /** Index into the table system's liveness properties. */
  readonly property: number;
  /** The stored state where the loop begins (the one of its cycle found first by the breadth-first search). */
  readonly entry: number;
  /** The loop's events (ids), from `entry` back to it. */
  readonly loop: readonly number[];
}

/** The fair-cycle search was stopped by its `stop` poll before it had searched every state. */
export class FairCycleSearchStopped extends Error {}

interface Frame {
  readonly node: number;
  readonly succ: number[];
  pos: number;
}

/**
 * Searches the stored graph for a fair cycle breaking liveness property `j`:
 * the strongly connected components of the subgraph of states where the
 * property fails, linked by driver steps only (the environment has stopped),
 * in which every driver step enabled in all of the component's states is
 * taken inside it. For weak fairness the whole component is the best
 * candidate: a smaller cycle only enables more steps continuously and takes
 * fewer. Returns the cycle with the shortest prefix, or null. About once
 * per 1,024 states, `onProgress` is told how many states have been searched
 * from (every state below that index is done) and `stop` is polled: true
 * throws FairCycleSearchStopped.
 */
export function findFairCycle(ts: TableSystem, store: VisitedStates, j: number, stop: (() => boolean) | null = null, onProgress: ((done: number) => void) | null = null): FairCycle | null {
  const n = store.size;
  const b = new StepBuffers(ts.width);
  const failing = new Uint8Array(n);
  const view = newVector(ts.width);
  const driver = (env: number): boolean => ts.isDriver(env);
  const fails = (s: number): boolean => {
    if (failing[s] === 0) {
      store.read(s, view);
      failing[s] = ts.livenessFailure(j, view) === null ? 2 : 1;
    }
    return failing[s] === 1;
  };
  /** Driver steps out of s as [env, target] pairs, targets that fail the property only. */
  const driverSteps = (s: number, all: boolean): number[] => {
    const out: number[] = [];
    forEachStep(ts, store, s, b, (env, t) => {
      if (t < 0) throw new Error(`a driver step from stored state ${s} leaves the stored graph: liveness needs a complete search`);
      if (all || fails(t)) out.push(env, t);
    }, driver);
    return out;
  };
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  let counter = 0;
  let best: FairCycle | null = null;
  let root = 0;
  const poll = (k: number): void => {
    if ((k & 0x3ff) !== 0) return;
    onProgress?.(root);
    if (stop?.()) throw new FairCycleSearchStopped(`the fair-cycle search for ${ts.liveness[j]!.live.id} was stopped`);
  };
  for (; root < n; root++) {
    poll(root);
    if (index[root] !== -1 || !fails(root)) continue;
    const frames: Frame[] = [];
    const open = (s: number): void => {
      poll(counter);
      index[s] = low[s] = counter++;
      stack.push(s);
      onStack[s] = 1;
      frames.push({ node: s, succ: driverSteps(s, false), pos: 0 });
    };
    open(root);
    while (frames.length > 0) {
      const f = frames[frames.length - 1]!;
      if (f.pos < f.succ.length) {
        const t = f.succ[f.pos + 1]!;
        f.pos += 2;
        if (index[t] === -1) open(t);
        else if (onStack[t]) low[f.node] = Math.min(low[f.node]!, index[t]!);
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low[parent.node] = Math.min(low[parent.node]!, low[f.node]!);
      if (low[f.node] !== index[f.node]) continue;
      const members: number[] = [];
      let s: number;
      do {
        s = stack.pop()!;
        onStack[s] = 0;
        members.push(s);
      } while (s !== f.node);
      const entry = Math.min(...members);
      if (best !== null && best.entry <= entry) continue;
      const loop = fairLoop(members, entry, (x) => driverSteps(x, true));
      if (loop) best = { property: j, entry, loop };
    }
  }
  return best;
}

/**
 * The loop through `entry` that takes every driver step enabled in all the
 * component's states, or null when the component has no cycle or is unfair.
 */
function fairLoop(members: readonly number[], entry: number, stepsOf: (s: number) => number[]): number[] | null {
  const inside = new Set(members);
  const edges = new Map<number, number[]>();
  const enabledIn = new Map<number, number>();
  const taken = new Set<number>();
  let hasEdge = false;
  for (const s of members) {
    const all = stepsOf(s);
    const here = new Set<number>();
    const internal: number[] = [];
    for (let k = 0; k < all.length; k += 2) {
      here.add(all[k]!);
      if (inside.has(all[k + 1]!)) {
        internal.push(all[k]!, all[k + 1]!);
        taken.add(all[k]!);
        hasEdge = true;
      }
    }
    edges.set(s, internal);
    for (const e of here) enabledIn.set(e, (enabledIn.get(e) ?? 0) + 1);
  }
  const continuous = new Set([...enabledIn].filter(([, count]) => count === members.length).map(([e]) => e));
  // A state with no driver step at all stays there forever: a (stuttering) fair loop.
  if (members.length === 1 && continuous.size === 0 && !hasEdge) return [];
  if (!hasEdge) return null;
  for (const e of continuous) if (!taken.has(e)) return null;
  return tour(entry, edges, continuous);
}

/** A closed walk from `entry` inside the component that takes each required event at least once. */
function tour(entry: number, edges: ReadonlyMap<number, number[]>, required: ReadonlySet<number>): number[] {
  const todo = new Set(required);
  const walk: number[] = [];
  let at = entry;
  const goTo = (pick: (env: number, t: number) => boolean): void => {
    // Breadth-first inside the component to the nearest edge that `pick` accepts.
    const prev = new Map<number, readonly [number, number]>();
    prev.set(at, [-1, -1]);
    const queue = [at];
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q]!;
      const out = edges.get(s)!;
      for (let k = 0; k < out.length; k += 2) {
        const env = out[k]!;
        const t = out[k + 1]!;
        if (pick(env, t)) {
          const path: number[] = [env];
          for (let x = s; x !== at; x = prev.get(x)![1]) path.push(prev.get(x)![0]);
          path.reverse();
          for (const e of path) todo.delete(e);
          walk.push(...path);
          at = t;
          return;
        }
        if (!prev.has(t)) {
          prev.set(t, [env, s]);
          queue.push(t);
        }
      }
    }
    throw new Error('fair loop: the component is not strongly connected');
  };
  while (todo.size > 0) goTo((env) => todo.has(env));
  if (walk.length === 0 || at !== entry) goTo((_, t) => t === entry);
  return walk;
}
