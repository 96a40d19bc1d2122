import { getHeapStatistics } from 'node:v8';
import type { TableSystem } from '../engine/table/table-system.js';
import { newVector, type StateVector } from '../engine/layout.js';
import type { Cut } from '../check/bfs.js';
import { Bitstate } from './bitstate.js';
import type { Strategy, SuccessorOrder } from './plan.js';
import { Rng } from './rng.js';
import { UnionSketch } from './union-sketch.js';
import { LocalKeys } from '../check/local-keys.js';

/** One member's search: its order, its seed, its bit array and its limits. */
export interface SwarmSearchOptions {
  readonly strategy: Strategy;
  readonly successors: SuccessorOrder;
  readonly seed: number;
  /** The bit array holds 2^bitstateBits bits. */
  readonly bitstateBits: number;
  readonly hashes: number;
  readonly maxStates?: number;
  readonly maxSeconds?: number;
  readonly maxMemoryBytes?: number;
  /** The user's interrupt, polled with the limits: true ends the search (cut 'interrupted'). */
  readonly stop?: () => boolean;
  /** Called with each state the first time it is reached (tests read the order from it). */
  readonly onNewState?: (v: StateVector) => void;
}

/** What a member's search saw. */
export interface SwarmSearchResult {
  /** States taken as new: each one is distinct (a bitstate search never counts a state twice). */
  readonly states: number;
  readonly transitions: number;
  /** Longest run from the initial state (depth-first: the deepest stack; breadth-first: the last level). */
  readonly depth: number;
  readonly deadlocks: number;
  readonly cut: Cut | null;
  readonly cutReason: string | null;
  /** The environment events (ids) from the initial state to the step that broke `invariant`. */
  readonly violation: { readonly events: readonly number[]; readonly invariant: number } | null;
  readonly seconds: number;
  readonly bitstate: Bitstate;
  /** The states taken as new, sketched so that members' sketches merge into their union's. */
  readonly sketch: UnionSketch;
}

/** Transitions between looks at the clock and the memory. */
const CHECK_EVERY = 0x3ff;
/** Transitions between looks at the process's memory (reading it costs more than the clock). */
const MEMORY_EVERY = 0x3fff;

/**
 * A bitstate search of one swarm member, depth-first or breadth-first, each
 * state's successors in the member's order, every invariant checked on every
 * transition; it stops at the first violation, at a limit, or when no state
 * it has not seen is left. It runs over the same table system, steps and
 * invariants as `hotup check` (src/check/bfs.ts), but keeps no states, only
 * their bits: a state whose bits are all set is not expanded again.
 */
export function swarmSearch(ts: TableSystem, o: SwarmSearchOptions): SwarmSearchResult {
  const s = new Search(ts, o);
  const t0 = performance.now();
  const r = o.strategy === 'dfs' ? s.dfs(t0) : s.bfs(t0);
  return { ...r, states: s.states, transitions: s.transitions, deadlocks: s.deadlocks, cut: s.cut, cutReason: s.cutReason, seconds: (performance.now() - t0) / 1000, bitstate: s.bits, sketch: s.sketch };
}

/** The search's state, shared by the two strategies. */
class Search {
  readonly bits: Bitstate;
  readonly sketch = new UnionSketch();
  private readonly keys: LocalKeys;
  states = 0;
  transitions = 0;
  deadlocks = 0;
  cut: Cut | null = null;
  cutReason: string | null = null;
  private readonly w: number;
  private readonly rng: Rng;
  private readonly maxStates: number;
  private readonly maxMemory: number;
  private env = new Int32Array(256);
  private msg = new Int32Array(256);
  private readonly perm: number[] = [];

  constructor(
    private readonly ts: TableSystem,
    private readonly o: SwarmSearchOptions,
  ) {
    this.w = ts.width;
    this.bits = new Bitstate(o.bitstateBits, o.hashes, o.seed);
    this.keys = new LocalKeys(ts);
    this.rng = new Rng(o.seed);
    this.maxStates = o.maxStates ?? Number.MAX_SAFE_INTEGER;
    this.maxMemory = o.maxMemoryBytes ?? Number.POSITIVE_INFINITY;
  }

  /** The enabled events of `v` in this member's order, appended to `envOut`/`msgOut` from `at`; returns their number. */
  private expand(v: StateVector, envOut: Grow, msgOut: Grow, at: number): number {
    let n = this.ts.enabled(v, this.env, this.msg);
    while (n > this.env.length - 64) {
      this.env = new Int32Array(this.env.length * 2);
      this.msg = new Int32Array(this.msg.length * 2);
      n = this.ts.enabled(v, this.env, this.msg);
    }
    if (n === 0) this.deadlocks++;
    const p = this.order(n);
    envOut.reserve(at + n);
    msgOut.reserve(at + n);
    for (let j = 0; j < n; j++) {
      envOut.a[at + j] = this.env[p[j]!]!;
      msgOut.a[at + j] = this.msg[p[j]!]!;
    }
    return n;
  }

  /** A permutation of 0..n-1 for the member's successor order. */
  private order(n: number): number[] {
    const p = this.perm;
    p.length = n;
    const rev = this.o.successors === 'reverse';
    for (let j = 0; j < n; j++) p[j] = rev ? n - 1 - j : j;
    if (this.o.successors === 'shuffle') {
      for (let j = n - 1; j > 0; j--) {
        const r = this.rng.below(j + 1);
        const t = p[j]!;
        p[j] = p[r]!;
        p[r] = t;
      }
    }
    return p;
  }

  /** Marks a reached state; true when it is new. Sets `cut` when the limit on states is reached. */
  private fresh(v: StateVector): boolean {
    if (this.bits.testAndSet(v)) return false;
    this.states++;
    this.sketch.add(this.keys.stateHash(v));
    this.o.onNewState?.(v);
    return true;
  }

  /**
   * Whether the invariants were checked on `v` before (those that read only
   * the state may then be skipped): a state taken as visited, except the
   * initial one, which no step had led to when its bits were set (as in
   * src/check/bfs.ts).
   */
  private checkedBefore(isNew: boolean, v: StateVector): boolean {
    if (isNew) return false;
    const init = this.ts.initial;
    for (let i = 0; i < v.length; i++) if (v[i] !== init[i]) return true;
    return false;
  }

  /** Sets `cut` when a limit is reached; called every CHECK_EVERY transitions. */
  private overLimit(t0: number, heldBytes: number): boolean {
    if (this.o.maxSeconds !== undefined && performance.now() - t0 > this.o.maxSeconds * 1000) this.cut = 'max-seconds';
    else if ((this.transitions & MEMORY_EVERY) === 0 && (this.cutReason = memoryShort(this.maxMemory, heldBytes)) !== null) this.cut = 'max-memory';
    else if (this.o.stop?.()) this.cut = 'interrupted';
    return this.cut !== null;
  }

  /** Depth-first: a stack of states, each with its ordered successors and the next one to try. */
  dfs(t0: number): { depth: number; violation: SwarmSearchResult['violation'] } {
    const { ts, w } = this;
    const vecs = new Grow32(w * 64);
    const envs = new Grow(1024);
    const msgs = new Grow(1024);
    const start: number[] = [];
    const count: number[] = [];
    const pos: number[] = [];
    const taken: number[] = [];
    const next = newVector(w);
    let cur = newVector(w);
    let curDepth = -1;
    let maxDepth = 0;
    const push = (v: StateVector): void => {
      const d = start.length;
      vecs.reserve((d + 1) * w);
      vecs.a.set(v, d * w);
      const at = d === 0 ? 0 : start[d - 1]! + count[d - 1]!;
      start.push(at);
      count.push(this.expand(v, envs, msgs, at));
      pos.push(0);
      if (d > maxDepth) maxDepth = d;
    };
    cur.set(ts.initial);
    this.fresh(cur);
    push(cur);
    while (start.length > 0) {
      const d = start.length - 1;
      if (pos[d] === count[d]) {
        start.pop();
        count.pop();
        pos.pop();
        taken.pop();
        continue;
      }
      const j = start[d]! + pos[d]!++;
      // A view of the top of the stack, made again only when the top moves or the stack grows.
      if (curDepth !== d || cur.buffer !== vecs.a.buffer) {
        cur = vecs.a.subarray(d * w, (d + 1) * w);
        curDepth = d;
      }
      ts.step(cur, envs.a[j]!, msgs.a[j]!, next);
      this.transitions++;
      const isNew = this.fresh(next);
      const bad = ts.violation(this.checkedBefore(isNew, next));
      if (bad >= 0) return { depth: Math.max(maxDepth, d + 1), violation: { events: [...taken, envs.a[j]!], invariant: bad } };
      if (isNew) {
        taken.push(envs.a[j]!);
        push(next);
        if (this.states >= this.maxStates) {
          this.cut = 'max-states';
          break;
        }
      }
      if ((this.transitions & CHECK_EVERY) === 0 && this.overLimit(t0, this.bits.bytes + vecs.bytes + envs.bytes * 2)) break;
    }
    return { depth: maxDepth, violation: null };
  }

  /**
   * Breadth-first: a queue of states, each with the index of its trail entry
   * (the state it was first reached from, and the event), so a violation's
   * run is found by following trail entries back to the initial state.
   */
  bfs(t0: number): { depth: number; violation: SwarmSearchResult['violation'] } {
    const { ts, w } = this;
    const queue = new VectorQueue(w);
    const parent = new Grow(1024);
    const via = new Grow(1024);
    const envs = new Grow(256);
    const msgs = new Grow(256);
    const cur = newVector(w);
    const next = newVector(w);
    const trailOf = (t: number, last: number): number[] => {
      const events = [last];
      for (let i = t; i > 0; i = parent.a[i]!) events.push(via.a[i]!);
      return events.reverse();
    };
    cur.set(ts.initial);
    this.fresh(cur);
    parent.reserve(1);
    parent.a[0] = -1;
    let trails = 1;
    queue.push(cur, 0, 0);
    let depth = 0;
    while (queue.size > 0) {
      const { trail, level } = queue.shift(cur);
      if (level > depth) depth = level;
      const n = this.expand(cur, envs, msgs, 0);
      for (let j = 0; j < n; j++) {
        ts.step(cur, envs.a[j]!, msgs.a[j]!, next);
        this.transitions++;
        const isNew = this.fresh(next);
        const bad = ts.violation(this.checkedBefore(isNew, next));
        if (bad >= 0) return { depth: Math.max(depth, level + 1), violation: { events: trailOf(trail, envs.a[j]!), invariant: bad } };
        if (isNew) {
          parent.reserve(trails + 1);
          via.reserve(trails + 1);
          parent.a[trails] = trail;
          via.a[trails] = envs.a[j]!;
          queue.push(next, trails++, level + 1);
          if (this.states >= this.maxStates) {
            this.cut = 'max-states';
            return { depth: Math.max(depth, level + 1), violation: null };
          }
        }
        if ((this.transitions & CHECK_EVERY) === 0 && this.overLimit(t0, this.bits.bytes + queue.bytes + parent.bytes * 2)) return { depth, violation: null };
      }
    }
    return { depth, violation: null };
  }
}

/** A growable Int32Array. */
class Grow {
  a: Int32Array;
  constructor(n: number) {
    this.a = new Int32Array(n);
  }
  reserve(n: number): void {
    if (n <= this.a.length) return;
    const b = new Int32Array(Math.max(n, this.a.length * 2));
    b.set(this.a);
    this.a = b;
  }
  get bytes(): number {
    return this.a.byteLength;
  }
}

/** A growable Uint32Array (the depth-first stack's vectors). */
class Grow32 {
  a: Uint32Array;
  constructor(n: number) {
    this.a = new Uint32Array(n);
  }
  reserve(n: number): void {
    if (n <= this.a.length) return;
    const b = new Uint32Array(Math.max(n, this.a.length * 2));
    b.set(this.a);
    this.a = b;
  }
  get bytes(): number {
    return this.a.byteLength;
  }
}

/** States per chunk of the breadth-first queue: a drained chunk is dropped whole. */
const CHUNK = 4096;

/** A FIFO of state vectors with their trail index and level, in chunks. */
class VectorQueue {
  private readonly chunks: { v: Uint32Array; t: Int32Array; l: Int32Array }[] = [];
  private head = 0;
  private tail = CHUNK;
  size = 0;
  constructor(private readonly w: number) {}

  push(v: StateVector, trail: number, level: number): void {
    if (this.tail === CHUNK) {
      this.chunks.push({ v: new Uint32Array(CHUNK * this.w), t: new Int32Array(CHUNK), l: new Int32Array(CHUNK) });
      this.tail = 0;
    }
    const c = this.chunks[this.chunks.length - 1]!;
    c.v.set(v, this.tail * this.w);
    c.t[this.tail] = trail;
    c.l[this.tail++] = level;
    this.size++;
  }

  shift(out: StateVector): { trail: number; level: number } {
    const c = this.chunks[0]!;
    const i = this.head++;
    out.set(c.v.subarray(i * this.w, (i + 1) * this.w));
    const r = { trail: c.t[i]!, level: c.l[i]! };
    if (this.head === CHUNK) {
      this.chunks.shift();
      this.head = 0;
    }
    this.size--;
    return r;
  }

  get bytes(): number {
    return this.chunks.length * CHUNK * (this.w + 2) * 4;
  }
}

/** Share of V8's heap limit past which a member stops (the interned local states and memo tables live there). */
const HEAP_SHARE = 0.9;

/** Why memory is too short to go on (held structures or resident memory past `maxBytes`, or the heap nearly full), or null. */
function memoryShort(maxBytes: number, heldBytes: number): string | null {
  if (heldBytes > maxBytes) return `the bit array, stack and queue reached ${Math.round(heldBytes / 2 ** 20)} MB`;
  const m = process.memoryUsage();
  if (m.rss > maxBytes) return `the process's resident memory passed ${Math.floor(maxBytes / 2 ** 20)} MB`;
  const limit = getHeapStatistics().heap_size_limit;
  if (m.heapUsed > HEAP_SHARE * limit) return `the JavaScript heap (interned local states, memo tables) reached ${Math.round(m.heapUsed / 2 ** 20)} MB of its ${Math.round(limit / 2 ** 20)} MB limit (raise it with NODE_OPTIONS=--max-old-space-size=MB)`;
  return null;
}
