import type { TraceEvent, TraceObservation } from '../model/trace-event.js';
import type { Excuse, OpenObligation } from './candidate.js';

/** A line of the trace a verdict points at, with the trace up to it and the model's state there. */
interface AtRecord<R> {
  readonly where: string;
  readonly seq: number;
  readonly record: R;
  readonly trace: readonly string[];
  readonly state: readonly string[];
  /** The ordinal of the line among the records read (header excluded). */
  readonly index: number;
}

/** Where the trace left the model, in readable form. */
export interface DivergenceReport extends AtRecord<TraceEvent | TraceObservation> {
  readonly reason: string;
  readonly allowed: readonly string[];
}

/** An invariant the trace breaks, at the record whose part of the model step broke it, with the trace up to it. */
export interface ViolationReport extends AtRecord<TraceEvent> {
  readonly id: string;
  readonly claims: readonly number[];
  readonly message: string;
}

/** Why a trace could not be judged: it logs no event, or it ends inside a model step. */
export interface InconclusiveReport {
  readonly reason: string;
  /** What the model still owed: the rest of the step under way. */
  readonly owed: readonly string[];
  readonly trace: readonly string[];
}

/** A broken design that explains the trace further than the correct one: what it then breaks, and where it leaves the trace. */
export interface Diagnosis {
  readonly mutant: string;
  /** violates: it breaks an INV-* (it may still diverge later); conforming: it explains the whole trace; diverges: only up to a later line. */
  readonly verdict: 'violates' | 'conforming' | 'diverges';
  /** The line that broke its invariant, or where it diverges. */
  readonly where: string | null;
  readonly violation: { readonly id: string; readonly message: string } | null;
  /** The line where it leaves the trace in turn, if it does. */
  readonly divergesAt: string | null;
  /** LIVE-* obligations it leaves open at the end of the trace (when it explains the whole trace). */
  readonly open: readonly string[];
  /** What model.md says this broken design breaks (named even when the trace leaves it before it does). */
  readonly designBreaks: readonly string[];
}

/** The property a non-conforming verdict rests on: broken by the design checked, or by the broken design that explains the trace. */
export interface BrokenProperty {
  readonly id: string;
  /** The line that broke it ('end of trace' for a LIVE-* left open). */
  readonly where: string;
  readonly message: string;
  /** The design on which it breaks: 'correct', or a MUT-*. */
  readonly design: string;
}

/** The verdict on a trace, and what it rests on. */
export interface ConformResult {
  readonly verdict: 'conforming' | 'not-conforming' | 'inconclusive';
  readonly topology: string;
  readonly design: string;
  readonly source: string | null;
  /** Non-blank lines (or ITF records) read, the header included. */
  readonly lines: number;
  readonly events: number;
  readonly observations: number;
  readonly modelSteps: number;
  /** Model states that explain the whole trace at its end. */
  readonly explanations: number;
  readonly divergence: DivergenceReport | null;
  readonly violation: ViolationReport | null;
  readonly inconclusive: InconclusiveReport | null;
  readonly open: readonly OpenObligation[];
  /** Properties the model's excuse rules waived on the explanation followed (e.g. a forced unload excusing INV-BOND-UP). */
  readonly excuses: readonly Excuse[];
  /** On a divergence from the correct design: the broken designs that explain the trace further. */
  readonly diagnosis: readonly Diagnosis[] | null;
  /** For a non-conforming verdict, the INV-* or LIVE-* it rests on and the line that broke it, when some design says (null: none does). */
  readonly broken: BrokenProperty | null;
  readonly seconds: number;
}
