import { MAX_JSON_DEPTH, tooDeep } from '../topology/json-text.js';
import { describeState } from '../trace/trace.js';
import { designOf } from '../mutants.js';
import { createSystem } from '../engine/system.js';
import type { Topology } from '../topology/topology.js';
import { DEFAULT_LIMITS, withExcuses, type CheckerLimits } from './candidate.js';
import { Checker } from './checker.js';
import { OnePassDiagnosis } from './diagnosis.js';
import { endExcuses } from './excuses.js';
import { parseHeader, type TraceHeader } from './header.js';
import { TraceInputError } from './input-error.js';
import { ModelGraph } from './model-graph.js';
import { openObligations } from './obligations.js';
import { asLogged, parseRecord, type TraceRecord } from './parse-record.js';
import type { BrokenProperty, ConformResult, Diagnosis } from './result.js';
import type { FoundViolation } from './candidate.js';
import { LIVENESS } from '../../properties/index.js';
import { LogWords } from './log-words.js';

export type { BrokenProperty, ConformResult, Diagnosis, DivergenceReport, InconclusiveReport, ViolationReport } from './result.js';

/** How to check a trace. */
export interface CheckOptions {
  /** `--topology`: supplies the topology, or must agree with the header's. */
  readonly topology?: Topology | null;
  /** Replay against a broken design (MUT-*) instead of the correct one. */
  readonly mutant?: string | null;
  readonly limits?: Partial<CheckerLimits>;
  /** Read on after the verdict, so that a bad line anywhere makes the input unreadable (default true). */
  readonly readAll?: boolean;
  /** Read on past a broken invariant (to know whether the trace is explained at all). */
  readonly readPastViolation?: boolean;
  /** On a divergence from the correct design, say which broken designs explain the trace further (default true; checked in the same pass). */
  readonly diagnose?: boolean;
}

/**
 * What a non-conforming verdict rests on: the invariant the design checked
 * broke; else the first broken design that explains the trace further and
 * breaks an INV-* (even if it leaves the trace later), or explains it whole
 * with a LIVE-* left open for good.
 */
function brokenOf(v: FoundViolation | null, diagnosis: readonly Diagnosis[] | null, design: string): BrokenProperty | null {
  if (v) return { id: v.violation.id, where: v.where, message: v.violation.message, design };
  for (const g of diagnosis ?? []) {
    if (g.violation) return { id: g.violation.id, where: g.where!, message: g.violation.message, design: g.mutant };
  }
  for (const g of diagnosis ?? []) {
    const live = LIVENESS.find((l) => g.open.includes(l.id));
    if (g.verdict === 'conforming' && live) return { id: live.id, where: 'end of trace', message: `left open at the end of the trace: ${live.description}`, design: g.mutant };
  }
  return null;
}

/**
 * One reading of a trace: the header sets up the model, each later line is
 * parsed once and fed to the correct design's checker and, for a diagnosis,
 * to every broken design still in the running. After the verdict is known it
 * only checks that the rest is readable (unless told not to read on).
 */
export class Session {
  private header: TraceHeader | null = null;
  private checker: Checker | null = null;
  private diagnosis: OnePassDiagnosis | null = null;
  private prevSeq = -1;
  private lines = 0;
  private readonly t0 = performance.now();

  constructor(private readonly options: CheckOptions = {}) {}

  /** Whether more lines are worth reading. */
  get wantsMore(): boolean {
    return this.options.readAll !== false || !this.checker?.stopped || (this.diagnosis?.active ?? false);
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
    if (tooDeep(value)) throw new TraceInputError(`line ${n}`, '(line)', `nested deeper than ${MAX_JSON_DEPTH} levels`, 'a trace record is a flat object; check the line');
    this.value(`line ${n}`, value);
  }

  /** One parsed line or ITF record. */
  value(where: string, value: unknown): void {
    if (!this.header) {
      this.begin(parseHeader(where, value, this.options.topology ?? null));
      return;
    }
    const r = parseRecord(where, value, this.header, this.prevSeq);
    this.prevSeq = r.seq;
    this.record(r);
  }

  /** One line already parsed (several files merged: each parsed against its own header). */
  record(r: TraceRecord): void {
    this.lines++;
    if (this.diagnosis) this.diagnosis.feed(r);
    else this.checker!.feed(r);
  }

  /** Sets the model up from the header (of one file, or several files' combined: `lines` headers). */
  begin(header: TraceHeader, lines = 1): void {
    this.lines += lines;
    this.header = header;
    const o = this.options;
    const limits = { ...DEFAULT_LIMITS, ...o.limits, ...(o.readPastViolation ? { stopAtViolation: false } : {}) };
    const graph = new ModelGraph(createSystem(header.topology, designOf(o.mutant ?? null)), header.recorded, limits);
    this.checker = new Checker(graph, limits);
    if (!o.mutant && o.diagnose !== false) this.diagnosis = new OnePassDiagnosis(this.checker, header.topology, header.recorded, { ...limits, stopAtViolation: false });
  }

  /** The verdict once every line is read (or reading stopped). */
  result(): ConformResult {
    if (!this.header || !this.checker) throw new TraceInputError('line 1', 'format', 'the trace is empty', 'start it with the header line, see docs/trace-format.md');
    const c = this.checker;
    c.end();
    const t = this.header.topology;
    const d = c.divergence;
    const v = c.violation;
    const noEvent = !d && !v && c.events === 0;
    const inc = noEvent ? { reason: 'the trace logs no event: there is nothing to check it against', owed: [], history: null } : c.inconclusive;
    const verdict = d || v ? 'not-conforming' : inc ? 'inconclusive' : 'conforming';
    const followed = c.followed();
    const clean = verdict === 'conforming' ? c.clean().map((x) => x.node.state) : [];
    let excuses = followed?.excuses ?? [];
    if (verdict === 'conforming') {
      excuses = withExcuses(excuses, endExcuses(t, followed!.node.state), 'end of trace', -1);
      // Several explanations: an excuse is the model's only when every one of them needed it.
      const all = c.clean().map((x) => new Set([...x.excuses.map((e) => e.id), ...endExcuses(t, x.node.state).map((e) => e.id)]));
      excuses = excuses.filter((e) => all.every((ids) => ids.has(e.id)));
    }
    // Every message in the log's own names and values, not the model's.
    const words = new LogWords(this.header.names, c.renaming());
    const w = (x: string): string => words.line(x);
    const diagnosis = ((d || c.inconclusive) && this.diagnosis ? this.diagnosis.result() : null)?.map((g) => (g.violation ? { ...g, violation: { ...g.violation, message: w(g.violation.message) } } : g)) ?? null;
    const broken = verdict === 'not-conforming' ? brokenOf(v, diagnosis, this.options.mutant ?? 'correct') : null;
    return {
      verdict,
      topology: t.name,
      design: this.options.mutant ?? 'correct',
      source: this.header.source,
      lines: this.lines,
      events: c.events,
      observations: c.observations,
      modelSteps: c.modelSteps(),
      explanations: clean.length,
      divergence: d && {
        where: d.where,
        seq: d.seq,
        record: asLogged(d.record),
        reason: w(d.reason),
        allowed: words.lines(d.allowed),
        trace: d.history.format(t, w),
        state: words.lines(describeState(t, d.state)),
        index: d.index,
      },
      violation: v && {
        id: v.violation.id,
        claims: v.violation.claims,
        message: w(v.violation.message),
        where: v.where,
        seq: v.seq,
        record: asLogged(v.record),
        trace: v.history.format(t, w),
        state: words.lines(describeState(t, v.state)),
        index: v.index,
      },
      inconclusive: inc && { reason: inc.reason, owed: words.lines(inc.owed), trace: inc.history?.format(t, w) ?? [] },
      open: openObligations(c.system, clean).map((o) => ({ ...o, message: w(o.message) })),
      excuses: excuses.map((x) => ({ ...x, message: w(x.message) })),
      diagnosis,
      broken,
      seconds: (performance.now() - this.t0) / 1000,
    };
  }
}
