import type { LocalIds } from '../engine/layout.js';
import { StateStore } from './state-store.js';
import { TreeStore } from './tree-store.js';

/**
 * How the search keeps visited states: whole vectors with their parents
 * (fastest), tree-compressed roots (under 16 bytes per state), or auto: whole
 * vectors until they would pass their share (AUTO_VECTOR_BYTES unless the
 * caller gives one: `hotup check` gives a third of the memory available,
 * machine-memory.ts; at most half of --max-memory), then every state moved
 * into a tree store, keeping its index.
 */
export type StoreKind = 'auto' | 'vectors' | 'tree';

/** Bytes of whole vectors an auto store keeps before it compresses, unless told otherwise. */
export const AUTO_VECTOR_BYTES = 2 ** 30;

/** What the search and the path and cycle finders need of the visited set. */
export interface VisitedStates {
  readonly width: number;
  readonly size: number;
  /** Bytes per local-state id as stored. */
  readonly idBytes: number;
  /** Index of the first state of each breadth-first level (level 0 is the initial state). */
  readonly levelStarts: readonly number[];
  startLevel(index: number): void;
  find(v: LocalIds): number;
  add(v: LocalIds, parent: number): number;
  read(index: number, out: LocalIds): void;
  bytesPerState(): number;
  bytesAllocated(): number;
  /** The state each was first reached from, when the store keeps it. */
  parentOf?(index: number): number;
}

/** An empty visited set of the given kind (`maxBytes`: see StateStore). */
export function newVisited(kind: StoreKind, width: number, maxBytes = Number.POSITIVE_INFINITY, vectorBytes = AUTO_VECTOR_BYTES): VisitedStates {
  if (kind === 'tree') return new TreeStore(width, 1 << 12, maxBytes);
  return new StateStore(width, 1 << 12, kind === 'auto' ? Math.min(vectorBytes, maxBytes / 2) : maxBytes);
}

/** The same states, at the same indices and levels, in a tree store (parents are dropped). */
export function compressed(from: VisitedStates, maxBytes = Number.POSITIVE_INFINITY): TreeStore {
  const to = new TreeStore(from.width, Math.max(1 << 12, from.size), maxBytes);
  const v = new Uint32Array(from.width);
  for (let i = 0; i < from.size; i++) {
    from.read(i, v);
    to.add(v, -1);
  }
  for (const start of from.levelStarts.slice(1)) to.startLevel(start);
  return to;
}
