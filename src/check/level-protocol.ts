import type { CheckedModel } from './checked-model.js';
import type { StoreKind } from './visited.js';
import type { StateBatch } from './state-batches.js';

/**
 * What the coordinator and the workers of a parallel check say to each other
 * (see docs/parallel-check.md): the search runs one breadth-first level at a
 * time; each worker owns the states whose canonical hash modulo the number of
 * workers is its index.
 */

/** The search every worker runs its share of. */
export interface LevelSearchSetup extends CheckedModel {
  /** Keep every fault bit and monitor (CheckOptions.fullHistory). */
  readonly fullHistory: boolean;
  readonly store: StoreKind;
  /** The store's budget of this worker, in bytes (infinite: none). */
  readonly storeBytes: number;
  /** For an auto store: the bytes of whole vectors this worker keeps before compressing. */
  readonly compressAbove: number;
  /** Resident memory of the whole process past which the search stops (infinite: none). */
  readonly maxMemoryBytes: number;
  readonly audit: boolean;
  readonly index: number;
  readonly workers: number;
}

/** Slots of the shared control array. */
export const CONTROL = {
  /** Why every worker must stop its level now: 0 not at all, else a STOP code. */
  stop: 0,
  /** The lowest rank in the level of a state with a violating step found so far (no state of higher rank need be expanded). */
  bestRank: 1,
  /** First of one doorbell per worker, rung when a peer sent it something. */
  doorbells: 2,
} as const;

/** Stop codes in CONTROL.stop. */
export const STOP = { none: 0, seconds: 1, memory: 2, interrupted: 3 } as const;

/** Coordinator to worker. */
export type ToWorker =
  | { readonly type: 'expand'; readonly level: number; readonly levelStart: number }
  | { readonly type: 'commit'; readonly globals: Float64Array; readonly full: boolean }
  | { readonly type: 'count-below'; readonly key: number; readonly level: number }
  | { readonly type: 'locate'; readonly global: number }
  | { readonly type: 'ready?' }
  | { readonly type: 'gather' }
  | { readonly type: 'finish' };

/** A violating step a worker found: the key of the step (parent rank * KEY_SPAN + event index) and the invariant's index. */
export interface WorkerViolation {
  readonly key: number;
  readonly invariant: number;
}

/** Worker to coordinator, one answer per request. */
export type FromWorker =
  | {
      readonly type: 'expanded';
      /** New states of the next level, their keys sorted ascending. */
      readonly sortedKeys: Float64Array;
      readonly violation: WorkerViolation | null;
      readonly transitions: number;
      readonly deadlocks: number;
      /** New states met while the level could take none (--max-states). */
      readonly dropped: number;
      readonly memoryCut: string | null;
    }
  | { readonly type: 'ready' }
  /** Every stored state in this worker's ids, in its store's order (batches of GATHER_BATCH), with its one-worker index. */
  | { readonly type: 'gathered'; readonly batches: readonly StateBatch[]; readonly globals: Float64Array }
  | { readonly type: 'committed'; readonly memoryCut: string | null; readonly storeBytes: number }
  | { readonly type: 'counted'; readonly pending: number; readonly transitions: number; readonly deadlocks: number }
  | { readonly type: 'located'; readonly key: number | null }
  | {
      readonly type: 'finished';
      readonly storeBytes: number;
      readonly bytes: number;
      readonly states: number;
      readonly tree: boolean;
      readonly idBytes: number;
      readonly localKeys: Readonly<Record<string, readonly string[]>>;
      readonly cachedTransitions: number;
      readonly xstateCalls: number;
      /** Successors another worker owns: sent to it, and not sent again because this worker's sent cache held them. */
      readonly sent: number;
      readonly notResent: number;
    }
  | { readonly type: 'error'; readonly message: string; readonly stack: string };

/** States per batch when a worker hands its whole store to the coordinator. */
export const GATHER_BATCH = 65536;

/** A step's key: the rank of its source in the level times KEY_SPAN plus the index of its event in the enabled list. */
export const KEY_SPAN = 65536;

/** What workers send each other: a batch of states, or the end of one's level. */
export type PeerMessage = { readonly end: true } | StateBatch;
