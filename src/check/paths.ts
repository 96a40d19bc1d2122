import type { VisitedStates } from './visited.js';
import type { TableSystem } from '../engine/table/table-system.js';
import { newVector, type StateVector } from '../engine/layout.js';

/** Reusable buffers for enumerating the steps out of one state. */
export class StepBuffers {
  env = new Int32Array(512);
  msg = new Int32Array(512);
  readonly from: StateVector;
  readonly to: StateVector;

  constructor(width: number) {
    this.from = newVector(width);
    this.to = newVector(width);
  }
}

/**
 * Calls `visit(env, target)` for every enabled step of stored state `index`,
 * `target` being the stored index of its successor (-1 when it was not stored).
 * Returns false when `visit` asked to stop (by returning true). `only` picks the events to step.
 */
export function forEachStep(
  ts: TableSystem,
  store: VisitedStates,
  index: number,
  b: StepBuffers,
  visit: (env: number, target: number) => boolean | void,
  only: (env: number) => boolean = () => true,
): boolean {
  store.read(index, b.from);
  const n = ts.enabled(b.from, b.env, b.msg);
  const envs = b.env.slice(0, n);
  const msgs = b.msg.slice(0, n);
  for (let j = 0; j < n; j++) {
    if (!only(envs[j]!)) continue;
    ts.step(b.from, envs[j]!, msgs[j]!, b.to);
    if (visit(envs[j]!, store.find(b.to)) === true) return false;
  }
  return true;
}

/**
 * The environment events (ids) of a shortest path from the initial state to
 * stored state `index`: through the stored parents, or, for a store that
 * keeps none, through a predecessor found on each breadth-first level above.
 */
export function pathTo(ts: TableSystem, store: VisitedStates, index: number): number[] {
  const chain = store.parentOf ? parentChain(store.parentOf.bind(store), index) : predecessorChain(ts, store, index);
  const b = new StepBuffers(ts.width);
  const events: number[] = [];
  let from = 0;
  for (const target of chain) {
    let found = -1;
    forEachStep(ts, store, from, b, (env, t) => {
      if (t !== target) return false;
      found = env;
      return true;
    });
    if (found < 0) throw new Error(`no step leads from stored state ${from} to ${target}: the state store is inconsistent`);
    events.push(found);
    from = target;
  }
  return events;
}

/** The stored states from the initial one (excluded) down to `index`, through parents. */
function parentChain(parentOf: (i: number) => number, index: number): number[] {
  const chain: number[] = [];
  for (let s = index; s > 0; s = parentOf(s)) chain.push(s);
  return chain.reverse();
}

/** The level of stored state `index`: the last level starting at or before it. */
function levelOf(starts: readonly number[], index: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The same chain without parents: a state on level d was first reached from
 * one on level d - 1, so the first state of that level with a step to it is
 * a predecessor on a shortest path.
 */
function predecessorChain(ts: TableSystem, store: VisitedStates, index: number): number[] {
  const starts = store.levelStarts;
  const b = new StepBuffers(ts.width);
  const chain: number[] = [];
  let target = index;
  for (let d = levelOf(starts, index); d > 0; d--) {
    chain.push(target);
    let pred = -1;
    for (let p = starts[d - 1]!; p < starts[d]! && pred < 0; p++) {
      forEachStep(ts, store, p, b, (_, t) => {
        if (t !== target) return false;
        pred = p;
        return true;
      });
    }
    if (pred < 0) throw new Error(`no state on level ${d - 1} steps to stored state ${target}: the state store is inconsistent`);
    target = pred;
  }
  return chain.reverse();
}
