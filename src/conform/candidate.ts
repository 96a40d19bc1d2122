import type { Violation } from '../../properties/property.js';
import type { SystemState } from '../model/state.js';
import type { History } from './history.js';
import type { Edge, Node } from './model-graph.js';
import type { Renaming } from './renaming.js';
import type { TraceEvent, TraceObservation } from '../model/trace-event.js';
import type { EnvEvent } from '../model/env-event.js';
import { RENAMED_FIELDS } from './vocabulary.js';

/** How hard the checker searches, and how much ambiguity it tolerates. */
export interface CheckerLimits {
  /** Unlogged model steps allowed between two logged events (the model is finer-grained than a log). */
  readonly maxInternal: number;
  /** Model states that may explain the trace at once before it is declared too ambiguous to check. */
  readonly maxCandidates: number;
  /** Memo entries kept before the model graph forgets (bounds memory on long traces). */
  readonly cacheLimit: number;
  /** Stop as soon as every explanation breaks an invariant (false: read on, to see whether the trace is explained at all). */
  readonly stopAtViolation: boolean;
  /** Model steps an explanation may have begun and not finished logging at once (lines of other CPUs interleaved): the bound of the matching search. */
  readonly window: number;
  /** Seconds two merged files' clocks may disagree: lines of different files further apart than this keep their order. */
  readonly skew: number;
  /** The lines come from several merged files: within a step too, lines of different files within the skew may come in either order. */
  readonly merged: boolean;
}

/** The limits `hotup conform` uses unless told otherwise. */
export const DEFAULT_LIMITS: CheckerLimits = { maxInternal: 8, maxCandidates: 256, cacheLimit: 50_000, stopAtViolation: true, window: 4, skew: 0.01, merged: false };

/** An invariant the model breaks on the only explanations of the trace, at the record whose part of the step broke it. */
export interface FoundViolation {
  readonly violation: Violation;
  readonly where: string;
  readonly seq: number;
  readonly record: TraceEvent;
  readonly history: History;
  readonly state: SystemState;
  readonly index: number;
}

/** The first line the model cannot explain. */
export interface FoundDivergence {
  readonly where: string;
  readonly seq: number;
  readonly record: TraceEvent | TraceObservation;
  readonly reason: string;
  /** What the model could have shown there instead. */
  readonly allowed: readonly string[];
  readonly history: History;
  readonly state: SystemState;
  readonly index: number;
}

/** Why the trace cannot be judged: it logs no event, or it ends inside a model step. */
export interface FoundInconclusive {
  readonly reason: string;
  /** What the model still owed (the rest of the step under way), when the trace ends inside a step. */
  readonly owed: readonly string[];
  readonly history: History;
}

/** A property the model's excuse rules waived on the explanation: it would have broken but for a fault that happened. */
export interface Excuse {
  readonly id: string;
  /** The faults that excused it. */
  readonly faults: readonly string[];
  /** What the property would have said. */
  readonly message: string;
  /** The first line where it was excused ('end of trace' for a LIVE-*). */
  readonly where: string;
  readonly seq: number;
}

/** An excuse as a model step carries it, before a line is attached. */
export type StepExcuse = Omit<Excuse, 'where' | 'seq'>;

/** A LIVE-* obligation the trace leaves open at its end. */
export interface OpenObligation {
  readonly id: string;
  readonly message: string;
  /** Whether the model's own fair steps, from the trace's last state, would still discharge it. */
  readonly dischargedByModel: boolean;
}

/** A violation found inside a step, owed to the record at shown position `at` (the part of the step that broke it). */
export interface OwedViolation {
  readonly at: number;
  readonly violation: Violation;
  readonly state: SystemState;
}

/** Where a logged line came from, for the clock-skew bound between merged files. */
export interface Stamp {
  readonly file: number;
  readonly ts: number;
}

/** A shown event logged before some of its predecessors, from a line of `file` at `ts`. */
export interface Ahead {
  /** The predecessors not yet logged (a bitmask over the step's shown events). */
  readonly waits: number;
  readonly file: number;
  readonly ts: number;
}

/** A model step the trace has begun to log and not finished (or finished after a step still open before it). */
export interface OpenStep {
  readonly edge: Edge;
  /** Which of its shown events are logged: a bitmask, or, for a step too long to reorder, how many in the model's order. */
  readonly done: number;
  /** Shown events still owed. */
  readonly left: number;
  /** The sources (CPUs, files) that logged its lines. */
  readonly sources: readonly string[];
  readonly stamps: readonly Stamp[];
  /** Events logged ahead of some they must follow (merged files): what they still wait for, which must come from another file within the skew. */
  readonly ahead: readonly Ahead[];
  /** A violation of the step, reported when its breaking record is read. */
  readonly owed: OwedViolation | null;
}

/** One explanation of the trace so far: a model state, the steps being read off, the renaming, what it broke and what was excused. */
export interface Candidate {
  /** The state after every step begun (the open ones included). */
  readonly node: Node;
  /** The steps begun whose events are not all logged, oldest first (empty at a step boundary); at most `window`. */
  readonly open: readonly OpenStep[];
  readonly ren: Renaming;
  readonly violation: FoundViolation | null;
  /** The first excuse of each excused property, in the order found. */
  readonly excuses: readonly Excuse[];
  readonly history: History;
  readonly steps: number;
}

/** Whether the candidate is part-way through a step that still owes logged events. */
export const pending = (c: Candidate): boolean => c.open.length > 0;

/** The first-found violation among explanations that all break an invariant. */
export const earliest = (cs: readonly Candidate[]): FoundViolation => cs.map((c) => c.violation!).sort((a, b) => a.index - b.index)[0]!;

/** The excuses with a step's new ones added (the first of each property kept). */
export function withExcuses(had: readonly Excuse[], found: readonly StepExcuse[], where: string, seq: number): readonly Excuse[] {
  let out = had;
  for (const x of found) if (!out.some((e) => e.id === x.id)) out = [...out, { ...x, where, seq }];
  return out;
}

/** The memo key of a search for a logged event: the event without renamed fields, and the steps the log parameterises. */
export function signature(e: TraceEvent, inputs: readonly EnvEvent[]): string {
  let s = '';
  for (const k in e) {
    if (k in RENAMED_FIELDS) continue;
    const v = e[k];
    s += typeof v === 'string' ? `${k}="${v}";` : typeof v === 'object' && v !== null ? `${k}=${JSON.stringify(v)};` : `${k}=${String(v)};`;
  }
  return inputs.length ? `${s}|${JSON.stringify(inputs)}` : s;
}
