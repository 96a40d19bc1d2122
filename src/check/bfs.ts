import { StoreFull } from './state-store.js';
import { compressed, newVisited, type StoreKind, type VisitedStates } from './visited.js';
import { TreeStore } from './tree-store.js';
import type { TableSystem } from '../engine/table/table-system.js';
import { newVector, type StateVector } from '../engine/layout.js';
import { getHeapStatistics } from 'node:v8';
import type { StubbornSets } from './por/stubborn-sets.js';

/** Where a breadth-first search stands, for a live progress line. */
export interface Progress {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly seconds: number;
  readonly bytes: number;
}

/** What cut a search short: a limit on stored states, seconds or memory, or the user's interrupt (`stop`). */
export type Cut = 'max-states' | 'max-seconds' | 'max-memory' | 'interrupted';

/** An invariant broken by the step `env` from stored state `from`. */
export interface FoundViolation {
  readonly from: number;
  readonly env: number;
  /** Index into the table system's invariants. */
  readonly invariant: number;
}

/** What a breadth-first search visited. */
export interface BfsResult {
  readonly store: VisitedStates;
  /** Every reachable state was expanded (no violation, no cut). */
  readonly complete: boolean;
  /** What cut the search short, if anything did. */
  readonly cut: Cut | null;
  /** Why the memory limit cut the search (what would have passed it), when it did. */
  readonly cutReason: string | null;
  readonly transitions: number;
  /** States a reduced search expanded in full because of the cycle proviso. */
  readonly fullExpansions: number;
  /** Breadth-first levels below the initial state that hold states. */
  readonly diameter: number;
  /** States with no enabled event at all. */
  readonly deadlocks: number;
  readonly violation: FoundViolation | null;
  readonly seconds: number;
}

/** Options of one search. */
export interface BfsOptions {
  readonly maxStates?: number;
  /** Stop the search (incomplete) after this many seconds. */
  readonly maxSeconds?: number;
  /** Stop the search (incomplete) before the state store would pass this many bytes, or when the process's resident memory has. */
  readonly maxMemoryBytes?: number;
  /** How visited states are kept (default: auto, see StoreKind). */
  readonly store?: StoreKind;
  /** For an auto store: the bytes of whole vectors kept before compressing (default AUTO_VECTOR_BYTES). */
  readonly compressAbove?: number;
  readonly onProgress?: (p: Progress) => void;
  /** A partial-order reduction: each state's steps are cut to a stubborn set, with the cycle proviso below. */
  readonly reduction?: StubbornSets;
  /** Called on the first states and then now and then, to compare the tables with the plain system. */
  readonly audit?: (index: number, v: StateVector) => void;
  /** Polled about once per 1,024 states expanded: true stops the search (incomplete, cut 'interrupted'). */
  readonly stop?: () => boolean;
}

/** States audited at the start of a search, then one in AUDIT_EVERY. */
export const AUDIT_FIRST = 20;
export const AUDIT_EVERY = 1 << 16;

/**
 * Breadth-first search of every state reachable from the initial one,
 * checking every invariant on every transition; it stops at the first
 * violation, which is then one of the shortest.
 */
export function bfs(ts: TableSystem, o: BfsOptions = {}): BfsResult {
  const w = ts.width;
  const maxMemory = o.maxMemoryBytes ?? Number.POSITIVE_INFINITY;
  const kind = o.store ?? 'auto';
  let store = newVisited(kind, w, maxMemory, o.compressAbove);
  const maxStates = o.maxStates ?? Number.MAX_SAFE_INTEGER;
  const cur = newVector(w);
  const next = newVector(w);
  const key = next;
  key.set(ts.initial);
  store.add(key, -1);
  let envs = new Int32Array(256);
  let msgs = new Int32Array(256);
  let transitions = 0;
  let deadlocks = 0;
  let fullExpansions = 0;
  const red = o.reduction;
  let depth = 0;
  let levelEnd = 1;
  let cut: Cut | null = null;
  let cutReason: string | null = null;
  const t0 = performance.now();
  let lastReport = t0;
  for (let index = 0; index < store.size; index++) {
    if (index === levelEnd) {
      depth++;
      levelEnd = store.size;
      store.startLevel(index);
    }
    store.read(index, cur);
    if (o.audit && (index < AUDIT_FIRST || index % AUDIT_EVERY === 0)) o.audit(index, cur);
    const n = ts.enabled(cur, envs, msgs);
    if (n > envs.length - 64) {
      envs = new Int32Array(envs.length * 2);
      msgs = new Int32Array(msgs.length * 2);
      index--;
      continue;
    }
    if (n === 0) deadlocks++;
    const reduced = red ? red.reduce(cur, envs, msgs, n) : n;
    let expand = reduced;
    for (let j = 0; j < expand; j++) {
      if (red) red.beforeStep();
      ts.step(cur, envs[j]!, msgs[j]!, next);
      if (red) red.audit(cur, next, envs[j]!);
      transitions++;
      const found = store.find(key);
      // The cycle proviso: a reduced step back into the stored states could close a cycle that postpones the rest for ever.
      if (found >= 0 && expand < n) {
        expand = n;
        fullExpansions++;
      }
      // The initial state was never checked as the target of a step.
      const bad = ts.violation(found > 0);
      if (bad >= 0) {
        return { store, complete: false, cut, cutReason, transitions, fullExpansions, diameter: depth + 1, deadlocks, violation: { from: index, env: envs[j]!, invariant: bad }, seconds: (performance.now() - t0) / 1000 };
      }
      if (found < 0) {
        if (store.size >= maxStates) cut = 'max-states';
        else if ((cutReason = tryAdd(store, key, index)) !== null) {
          if (kind === 'auto' && !(store instanceof TreeStore)) {
            const moved = compressOrNull(store, maxMemory);
            if (moved) {
              store = moved;
              cutReason = tryAdd(store, key, index);
            } else cutReason = `the ${store.size.toLocaleString('en-US')} states stored did not fit a tree store within ${Math.floor(maxMemory / 2 ** 20)} MB`;
          }
          if (cutReason !== null) {
            cut = 'max-memory';
            break;
          }
        }
      }
    }
    if (cut === 'max-memory') break;
    if ((index & 0x3ff) === 0) {
      const now = performance.now();
      if (o.maxSeconds !== undefined && now - t0 > o.maxSeconds * 1000) {
        cut = 'max-seconds';
        break;
      }
      if (o.stop?.()) {
        cut = 'interrupted';
        break;
      }
      if ((index & 0x3fff) === 0 && (cutReason = memoryShort(maxMemory)) !== null) {
        cut = 'max-memory';
        break;
      }
      if (o.onProgress && now - lastReport > 1000) {
        lastReport = now;
        o.onProgress({ states: store.size, transitions, depth, seconds: (now - t0) / 1000, bytes: store.bytesAllocated() });
      }
    }
  }
  return { store, complete: cut === null, cut, cutReason, transitions, fullExpansions, diameter: depth, deadlocks, violation: null, seconds: (performance.now() - t0) / 1000 };
}

/** The store moved into a tree store, or null when that does not fit either. */
export function compressOrNull(store: VisitedStates, maxBytes: number): TreeStore | null {
  try {
    return compressed(store, maxBytes);
  } catch (e) {
    if (!(e instanceof StoreFull)) throw e;
    return null;
  }
}

/** Adds a new state; null, or why the store may not grow. */
export function tryAdd(store: VisitedStates, v: StateVector, parent: number): string | null {
  try {
    store.add(v, parent);
    return null;
  } catch (e) {
    if (!(e instanceof StoreFull)) throw e;
    return e.message;
  }
}

/**
 * Share of V8's heap limit past which a search stops: the interned local
 * states and memo tables live there, and running out of it kills the process
 * with no verdict.
 */
const HEAP_SHARE = 0.9;

/** Why memory is too short to go on (resident memory past `maxBytes`, or the JavaScript heap nearly full), or null. */
export function memoryShort(maxBytes: number): string | null {
  // In the browser (hotup ui's worker) there is no process to measure: the tab's own limit applies.
  if (typeof process === 'undefined' || typeof process.memoryUsage !== 'function') return null;
  const m = process.memoryUsage();
  if (m.rss > maxBytes) return `the process's resident memory passed ${Math.floor(maxBytes / 2 ** 20)} MB`;
  const limit = getHeapStatistics().heap_size_limit;
  if (m.heapUsed > HEAP_SHARE * limit) return `the JavaScript heap (interned local states, memo tables) reached ${Math.round(m.heapUsed / 2 ** 20)} MB of its ${Math.round(limit / 2 ** 20)} MB limit (raise it with NODE_OPTIONS=--max-old-space-size=MB)`;
  return null;
}
