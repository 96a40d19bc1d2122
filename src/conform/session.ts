import { describeState } from '../trace/trace.js';
import { designOf } from '../mutants.js';
import { createSystem } from '../engine/system.js';
import type { Topology } from '../topology/topology.js';
import { Checker, DEFAULT_LIMITS, type CheckerLimits, type OpenObligation } from './checker.js';
import { parseHeader, type TraceHeader } from './header.js';
import { TraceInputError } from './input-error.js';
import { parseRecord } from './parse-record.js';
import type { TraceEvent, TraceObservation } from '../model/trace-event.js';

/** How to check a trace. */
export interface CheckOptions {
  /** `--topology`: supplies the topology, or must agree with the header's. */
  readonly topology?: Topology | null;
  /** Replay against a broken design (MUT-*) instead of the correct one. */
  readonly mutant?: string | null;
  readonly limits?: Partial<CheckerLimits>;
  /** Read on after the verdict, so that a bad line anywhere makes the input unreadable (default true). */
  readonly readAll?: boolean;
  /** Read on past a broken invariant (a diagnosis wants to know whether the trace is explained at all). */
  readonly readPastViolation?: boolean;
}

/** Where the trace left the model, in readable form. */
export interface DivergenceReport {
  readonly where: string;
  readonly seq: number;
  readonly record: TraceEvent | TraceObservation;
  readonly reason: string;
  readonly allowed: readonly string[];
  readonly trace: readonly string[];
  readonly state: readonly string[];
  /** The ordinal of the line among the records read (header excluded). */
  readonly index: number;
}

/** An invariant the trace breaks, with the trace up to it. */
export interface ViolationReport {
  readonly id: string;
  readonly claims: readonly number[];
  readonly message: string;
  readonly where: string;
  readonly seq: number;
  readonly record: TraceEvent;
  readonly trace: readonly string[];
  readonly state: readonly string[];
  readonly index: number;
}

/** A broken design that explains the trace further than the correct one: what it then breaks. */
export interface Diagnosis {
  readonly mutant: string;
  readonly verdict: 'conforming' | 'violates' | 'diverges';
  readonly where: string | null;
  readonly violation: { readonly id: string; readonly message: string } | null;
  /** LIVE-* obligations it leaves open at the end of the trace (when it explains the whole trace). */
  readonly open: readonly string[];
}

/** The verdict on a trace, and what it rests on. */
export interface ConformResult {
  readonly verdict: 'conforming' | 'not-conforming';
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
  readonly open: readonly OpenObligation[];
  /** On a divergence from the correct design: the broken designs that explain the trace further. */
  readonly diagnosis: readonly Diagnosis[] | null;
  readonly seconds: number;
}

/**
 * One reading of a trace: the header sets up the model, each later line is
 * checked and fed to the checker. After the verdict is known it only checks
 * that the rest is readable (unless told not to read on).
 */
export class Session {
  private header: TraceHeader | null = null;
  private checker: Checker | null = null;
  private prevSeq = -1;
  private lines = 0;
  private readonly t0 = performance.now();

  constructor(private readonly options: CheckOptions = {}) {}

  /** Whether more lines are worth reading. */
  get wantsMore(): boolean {
    return this.options.readAll !== false || !this.checker?.stopped;
  }

  /** One line of JSON Lines text (1-based line number). */
  line(text: string, n: number): void {
    const t = n === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (t.length === 0 || (t.charCodeAt(0) <= 32 && t.trim() === '')) return;
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch (e) {
      throw new TraceInputError(`line ${n}`, '(line)', `not valid JSON (${(e as Error).message})`, 'write one JSON object per line');
    }
    this.value(`line ${n}`, value);
  }

  /** One parsed line or ITF record. */
  value(where: string, value: unknown): void {
    this.lines++;
    if (!this.header) {
      this.header = parseHeader(where, value, this.options.topology ?? null);
      const system = createSystem(this.header.topology, designOf(this.options.mutant ?? null));
      this.checker = new Checker(system, this.header.recorded, {
        ...DEFAULT_LIMITS,
        ...this.options.limits,
        ...(this.options.readPastViolation ? { stopAtViolation: false } : {}),
      });
      return;
    }
    const r = parseRecord(where, value, this.header, this.prevSeq);
    this.prevSeq = r.seq;
    this.checker!.feed(r);
  }

  /** The verdict once every line is read (or reading stopped). */
  result(): ConformResult {
    if (!this.header || !this.checker) throw new TraceInputError('line 1', 'format', 'the trace is empty', 'start it with the header line, see docs/trace-format.md');
    const c = this.checker;
    c.end('end of trace');
    const t = this.header.topology;
    const d = c.divergence;
    const v = c.violation;
    const verdict = d || v ? 'not-conforming' : 'conforming';
    return {
      verdict,
      topology: t.name,
      design: this.options.mutant ?? 'correct',
      source: this.header.source,
      lines: this.lines,
      events: c.events,
      observations: c.observations,
      modelSteps: c.modelSteps(),
      explanations: verdict === 'conforming' ? c.explanations() : 0,
      divergence: d && { where: d.where, seq: d.seq, record: d.record, reason: d.reason, allowed: d.allowed, trace: d.history.format(t), state: describeState(t, d.state), index: d.index },
      violation: v && {
        id: v.violation.id,
        claims: v.violation.claims,
        message: v.violation.message,
        where: v.where,
        seq: v.seq,
        record: v.record,
        trace: v.history.format(t),
        state: describeState(t, v.state),
        index: v.index,
      },
      open: verdict === 'conforming' ? c.openObligations() : [],
      diagnosis: null,
      seconds: (performance.now() - this.t0) / 1000,
    };
  }
}
