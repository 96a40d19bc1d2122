import type { StateStore } from './state-store.js';
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
  store: StateStore,
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

/** The environment events (ids) of the breadth-first path from the initial state to stored state `index`. */
export function pathTo(ts: TableSystem, store: StateStore, index: number): number[] {
  const chain: number[] = [];
  for (let s = index; s > 0; s = store.parentOf(s)) chain.push(s);
  chain.reverse();
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
