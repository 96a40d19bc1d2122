import type { LocalIds } from '../engine/layout.js';
import { StateStore } from './state-store.js';
import { TreeStore } from './tree-store.js';

/** How the search keeps visited states: whole vectors with their parents, or tree-compressed roots. */
export type StoreKind = 'vectors' | 'tree';

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
export function newVisited(kind: StoreKind, width: number, maxBytes = Number.POSITIVE_INFINITY): VisitedStates {
  return kind === 'tree' ? new TreeStore(width, 1 << 12, maxBytes) : new StateStore(width, 1 << 12, maxBytes);
}
