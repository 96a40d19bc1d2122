import type { ConformResult } from '../../conform/result.js';
import type { EnvEvent } from '../../model/env-event.js';
import type { FaultId } from '../../model/faults.js';
import type { Topology } from '../../topology/topology.js';

/** What the page asks the worker: random exploration, the exhaustive check, or conform's verdict on a trace. */
export type WorkerRequest =
  | { readonly type: 'explore'; readonly topology: Topology; readonly mutant: string | null; readonly faults: readonly FaultId[]; readonly runs: number; readonly steps: number; readonly seed: number }
  | { readonly type: 'check'; readonly topology: Topology; readonly mutant: string | null; readonly faults: readonly FaultId[]; readonly maxStates: number; readonly maxSeconds: number }
  | { readonly type: 'conform'; readonly text: string; readonly format: 'jsonl' | 'itf'; readonly mutant: string | null };

/** A counterexample as the page replays it: the events, and where the fair part (a liveness check's completion or a lasso's loop) begins. */
export interface FoundRun {
  readonly events: readonly EnvEvent[];
  readonly fairFrom: number | null;
  readonly violation: string;
  readonly message: string;
}

/** What the worker answers: progress lines, then one result or an error. */
export type WorkerReply =
  | { readonly type: 'progress'; readonly text: string }
  | { readonly type: 'explored'; readonly summary: string; readonly found: FoundRun | null }
  | { readonly type: 'checked'; readonly summary: string; readonly found: FoundRun | null }
  | { readonly type: 'conformed'; readonly result: ConformResult }
  | { readonly type: 'error'; readonly message: string };
