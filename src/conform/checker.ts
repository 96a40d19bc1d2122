import { describeEvent } from '../model/event-kinds.js';
import type { System } from '../engine/system.js';
import { rehome } from '../model/components.js';
import type { EnvEvent } from '../model/env-event.js';
import { History } from './history.js';
import { TraceInputError } from './input-error.js';
import { inputsOf } from './log-inputs.js';
import { checkObservation, explainRename, renameEvent, sameShape } from './match.js';
import type { Edge, Match, ModelGraph, Node } from './model-graph.js';
import type { TraceRecord } from './parse-record.js';
import { Renaming } from './renaming.js';
import { viewOf } from './state-view.js';
import { formatRecord, type TraceEvent, type TraceObservation } from '../model/trace-event.js';
import type { SystemState } from '../model/state.js';
import { inModelOrder, isLogged, loggedBounds, mayLog, withLogged } from './causal-order.js';
import {
  DEFAULT_LIMITS,
  earliest,
  pending,
  signature,
  withExcuses,
  type Candidate,
  type CheckerLimits,
  type Ahead,
  type OpenStep,
  type Stamp,
  type FoundDivergence,
  type FoundInconclusive,
  type FoundViolation,
} from './candidate.js';

export { DEFAULT_LIMITS, type CheckerLimits, type FoundDivergence, type FoundViolation, type OpenObligation } from './candidate.js';

const NONE_OPEN: readonly OpenStep[] = [];

/** Called on every search the checker makes for a logged event at a step boundary (a diagnosis compares designs there). */
export type SearchObserver = (node: Node, logged: TraceEvent, sig: string, inputs: readonly EnvEvent[], matches: readonly Match[], anyOrder: boolean) => void;

/** Where a checker stands between two lines: enough to start another design's checker from there. */
export interface CheckerPoint {
  readonly frontier: readonly Candidate[];
  readonly events: number;
  readonly observations: number;
  readonly index: number;
}

/**
 * Replays a trace through the model, line by line, keeping every model state
 * that explains the lines so far (usually one). An event line is matched
 * either as an event of a step under way that the causal order lets come
 * next, or by a search over silent steps for a step that may show it first
 * (while another source's steps are still open, up to the window); an observation line
 * keeps the explanations whose state agrees. Each step's invariants are
 * checked by the monitors, and a violation is pinned on the record whose part
 * of the step broke it. It stops at the first line nothing explains, or when
 * every explanation breaks an invariant.
 */
export class Checker {
  readonly graph: ModelGraph;
  events = 0;
  observations = 0;
  divergence: FoundDivergence | null = null;
  violation: FoundViolation | null = null;
  inconclusive: FoundInconclusive | null = null;
  /** Told of every search at a step boundary. */
  onSearch: SearchObserver | null = null;
  private frontier: readonly Candidate[];
  private index = 0;

  readonly system: System;

  /** A checker on `graph`'s design, from the booted system or from where another design's checker stood. */
  constructor(
    graph: ModelGraph,
    private readonly limits: CheckerLimits = DEFAULT_LIMITS,
    from: CheckerPoint | null = null,
  ) {
    this.graph = graph;
    this.system = graph.system;
    if (!from) {
      this.frontier = [{ node: this.graph.root(), open: [], ren: Renaming.EMPTY, violation: null, excuses: [], history: History.EMPTY, steps: 0 }];
      return;
    }
    // Another design's explanations, carried over: each state becomes a node of this design's graph, in its machines.
    this.frontier = from.frontier.map((c) => ({ ...c, node: this.graph.node(rehome(this.system.components, c.node.state)) }));
    this.events = from.events;
    this.observations = from.observations;
    this.index = from.index;
  }

  /** Where the checker stands now (the frontier is shared, not copied: candidates are immutable). */
  point(): CheckerPoint {
    return { frontier: this.frontier, events: this.events, observations: this.observations, index: this.index };
  }

  /** Whether the verdict is known (a divergence or a violation): later lines are only read for errors. */
  get stopped(): boolean {
    return this.divergence !== null || (this.violation !== null && this.limits.stopAtViolation);
  }

  /** Reads one line. */
  feed(r: TraceRecord): void {
    if (this.stopped) return;
    this.index++;
    if ('event' in r.record) this.event(r, r.record as TraceEvent);
    else this.observe(r, r.record as TraceObservation);
  }

  private event(r: TraceRecord, logged: TraceEvent): void {
    this.events++;
    const next: Candidate[] = [];
    let renameNote: string | null = null;
    for (const c of this.frontier) {
      // The line as a later event of a step already begun.
      for (let k = 0; k < c.open.length; k++) {
        const s = c.open[k]!;
        if (s.left === 0 || !this.mayJoin(c.open, k, r)) continue;
        const n = s.edge.shown.length;
        for (let p = 0; p < n; p++) {
          if (!(mayLog(n, s.edge.preds, s.done, p) || this.mayLogAhead(s, p, r))) continue;
          if (!this.fitsAhead(s, p, r)) continue;
          const model = s.edge.shown[p]!.event;
          if (!sameShape(model, logged)) continue;
          const ren = renameEvent(model, logged, c.ren);
          if (!ren) {
            renameNote ??= explainRename(model, logged, c.ren);
            continue;
          }
          next.push(this.continueStep(c, k, p, r, ren));
        }
      }
      if (!this.mayOpen(c.open, r)) continue;
      // The line as the first logged event of a new step, after silent steps.
      const inputs = inputsOf(logged, c.node.state, c.ren);
      const sig = signature(logged, inputs);
      const anyOrder = this.limits.merged && r.ts !== null;
      const matches = this.graph.matches(c.node, logged, sig, inputs, anyOrder);
      this.onSearch?.(c.node, logged, sig, inputs, matches, anyOrder);
      for (const m of matches) {
        const model = m.edge.shown[m.at]!.event;
        const ren = renameEvent(model, logged, c.ren);
        if (!ren) {
          renameNote ??= explainRename(model, logged, c.ren);
          continue;
        }
        next.push(this.stepInto(c, r, m, ren));
      }
    }
    if (next.length === 0) {
      const reason = renameNote
        ? `the model shows this event here, but ${renameNote}`
        : this.frontier.some(pending)
          ? `no model step under way may log this event next (docs/trace-format.md, "Order within a step"), and no step from here shows it (after at most ${this.limits.maxInternal} unlogged steps)`
          : `no model step from here shows this event (after at most ${this.limits.maxInternal} unlogged steps)`;
      this.diverge(r, reason, this.allowed());
      return;
    }
    this.advance(r, next);
  }

  /**
   * Whether the line may be a later event of open step `k`: a source keeps
   * its order (none of its lines went to a later step), finishes the step it
   * began before it logs another, and lines of different files further apart
   * than the clock skew keep their order.
   */
  private mayJoin(open: readonly OpenStep[], k: number, r: TraceRecord): boolean {
    for (let j = 0; j < open.length; j++) {
      if (j === k) continue;
      const s = open[j]!;
      if (j > k ? s.sources.includes(r.source) : this.holds(s, r)) return false;
      if (j > k && r.ts !== null) for (const x of s.stamps) if (x.file !== r.file && x.ts < r.ts - this.limits.skew) return false;
    }
    return true;
  }

  /** Merged files: whether shown event `p` may be logged before some of its predecessors (they must then come from another file within the skew). */
  private mayLogAhead(s: OpenStep, p: number, r: TraceRecord): boolean {
    const n = s.edge.shown.length;
    return this.limits.merged && r.ts !== null && !inModelOrder(n) && !isLogged(n, s.done, p);
  }

  /** Whether logging shown event `p` from this line keeps the events logged ahead of it within the skew, from other files. */
  private fitsAhead(s: OpenStep, p: number, r: TraceRecord): boolean {
    for (const a of s.ahead) {
      if ((a.waits & (1 << p)) === 0) continue;
      if (r.ts === null || r.file === a.file || r.ts > a.ts + this.limits.skew) return false;
    }
    return true;
  }

  /** The events logged ahead, once shown event `p` is logged (a new one when `p` itself comes before a predecessor). */
  private static aheadAfter(s: { readonly ahead: readonly Ahead[]; readonly done: number; readonly edge: Edge }, p: number, r: TraceRecord): readonly Ahead[] {
    const bit = 1 << p;
    let out = s.ahead.some((a) => a.waits & bit) ? s.ahead.map((a) => ({ ...a, waits: a.waits & ~bit })).filter((a) => a.waits !== 0) : s.ahead;
    const waits = s.edge.preds[p]! & ~s.done;
    if (waits !== 0) out = [...out, { waits, file: r.file, ts: r.ts! }];
    return out;
  }

  /**
   * Whether an open step keeps the line's source from logging a later step:
   * a source finishes the step it began first, unless all the step still
   * owes waits behind events this line's file logged ahead (merged files),
   * which only another file can log.
   */
  private holds(s: OpenStep, r: TraceRecord): boolean {
    if (s.left === 0 || !s.sources.includes(r.source)) return false;
    if (s.ahead.length === 0) return true;
    let waited = 0;
    for (const a of s.ahead) if (a.file === r.file) waited |= a.waits;
    const owed = ((1 << s.edge.shown.length) - 1) & ~s.done;
    return (owed & ~waited) !== 0;
  }

  /** Whether the line may begin a new step: the window has room, and its source has no step it began still open. */
  private mayOpen(open: readonly OpenStep[], r: TraceRecord): boolean {
    if (open.length === 0) return true;
    let begun = 0;
    for (const s of open) {
      if (s.left === 0) continue;
      if (this.holds(s, r)) return false;
      begun++;
    }
    return begun < this.limits.window;
  }

  private stamped(s: readonly Stamp[], r: TraceRecord): readonly Stamp[] {
    return !this.limits.merged || r.ts === null ? s : [...s, { file: r.file, ts: r.ts }];
  }

  /**
   * The open steps with the leading finished ones closed, and runs of
   * finished ones (steps of other sources logged while an earlier step is
   * open) kept as one: only their sources and stamps still matter.
   */
  private static trimmed(open: readonly OpenStep[]): readonly OpenStep[] {
    if (open.length === 1) return open[0]!.left === 0 ? NONE_OPEN : open;
    let i = 0;
    while (i < open.length && open[i]!.left === 0) i++;
    const out: OpenStep[] = [];
    for (; i < open.length; i++) {
      const s = open[i]!;
      const prev = out.at(-1);
      if (s.left === 0 && prev && prev.left === 0) {
        out[out.length - 1] = { ...prev, edge: s.edge, sources: [...new Set([...prev.sources, ...s.sources])], stamps: [...prev.stamps, ...s.stamps] };
      } else out.push(s);
    }
    return out;
  }

  /** A candidate that logs shown event `p` of its open step `k`. */
  private continueStep(c: Candidate, k: number, p: number, r: TraceRecord, ren: Renaming): Candidate {
    const s = c.open[k]!;
    const history = c.history.add({ where: r.where, seq: r.seq, record: r.raw, steps: [], firstStep: c.steps + 1 });
    const due = s.owed !== null && s.owed.at === p;
    const violation = due && !c.violation ? { violation: s.owed!.violation, where: r.where, seq: r.seq, record: r.raw as TraceEvent, history, state: s.owed!.state, index: this.index } : c.violation;
    const step: OpenStep = {
      edge: s.edge,
      done: withLogged(s.edge.shown.length, s.done, p),
      left: s.left - 1,
      sources: s.sources.includes(r.source) ? s.sources : [...s.sources, r.source],
      stamps: this.stamped(s.stamps, r),
      ahead: inModelOrder(s.edge.shown.length) ? s.ahead : Checker.aheadAfter(s, p, r),
      owed: due ? null : s.owed,
    };
    let open: readonly OpenStep[];
    if (c.open.length === 1) open = step.left === 0 ? NONE_OPEN : [step];
    else {
      const copy = [...c.open];
      copy[k] = step;
      open = step.left === 0 ? Checker.trimmed(copy) : copy;
    }
    return { ...c, open, ren, history, violation };
  }

  /** A candidate that takes silent steps, then the step that shows the line first. */
  private stepInto(c: Candidate, r: TraceRecord, m: Match, ren: Renaming): Candidate {
    const steps = [...m.path, m.edge];
    const history = c.history.add({ where: r.where, seq: r.seq, record: r.raw, steps, firstStep: c.steps + 1 });
    let { violation, excuses } = c;
    let owed = null;
    let node = c.node;
    for (const e of steps) {
      node = this.graph.follow(e);
      if (e.excuses!.length) excuses = withExcuses(excuses, e.excuses!, r.where, r.seq);
      if (violation || owed || !e.violation) continue;
      // A silent step's violation shows at this line; the logged step's at the record whose part of the step broke it.
      const at = e === m.edge ? this.graph.breaksAt(e) : m.at;
      if (at === m.at) violation = { violation: e.violation, where: r.where, seq: r.seq, record: r.raw as TraceEvent, history, state: node.state, index: this.index };
      else owed = { at, violation: e.violation, state: node.state };
    }
    const n = m.edge.shown.length;
    const ahead = m.edge.preds[m.at] === 0 ? [] : Checker.aheadAfter({ ahead: [], done: 0, edge: m.edge }, m.at, r);
    const step: OpenStep = { edge: m.edge, done: withLogged(n, 0, m.at), left: n - 1, sources: [r.source], stamps: this.stamped([], r), ahead, owed };
    const open = n === 1 && c.open.length === 0 ? c.open : Checker.trimmed([...c.open, step]);
    return { node, open, ren, violation, excuses, history, steps: c.steps + steps.length };
  }

  /**
   * The states an observation may have been made in: at a step boundary the
   * state; inside open steps, each state the model passes through between
   * the events logged so far (a step's events may be logged out of the
   * model's order, so the exact point is known only up to that).
   */
  private statesOf(c: Candidate): SystemState[] {
    if (c.open.length === 0) return [c.node.state];
    const out: SystemState[] = [];
    c.open.forEach((s, k) => {
      const n = s.edge.shown.length;
      if (s.left === 0) {
        out.push(s.edge.after);
        return;
      }
      const { lo, hi } = loggedBounds(n, s.done);
      const from = k === 0 ? lo : 0;
      const to = k === c.open.length - 1 ? hi : n;
      for (let m = from; m <= to; m++) out.push(this.graph.statePast(s.edge, m));
    });
    return out;
  }

  private observe(r: TraceRecord, o: TraceObservation): void {
    this.observations++;
    const next: Candidate[] = [];
    let mismatch = '';
    for (const c of this.frontier) {
      const views = c.open.length === 0 ? [this.graph.viewOf(c.node)] : this.statesOf(c).map(viewOf);
      for (const view of views) {
        const res = checkObservation(view, o, c.ren);
        if ('ren' in res) {
          next.push({ ...c, ren: res.ren, history: c.history.add({ where: r.where, seq: r.seq, record: r.raw, steps: [], firstStep: c.steps + 1 }) });
          break;
        }
        mismatch ||= res.mismatch;
      }
    }
    if (next.length === 0) {
      this.diverge(r, `the observation disagrees with the model: ${mismatch}`, []);
      return;
    }
    this.frontier = next;
  }

  private advance(r: TraceRecord, next: Candidate[]): void {
    if (next.length === 1 && !next[0]!.violation) {
      this.frontier = next;
      return;
    }
    const byKey = new Map<string, Candidate>();
    for (const c of next) {
      const key = `${c.node.id}/${c.open.map((s) => `${s.left === 0 ? '-' : `${s.edge.id}:${s.done}:${s.ahead.length}`}:${s.sources.join(',')}`).join('|')}/${c.ren.id}`;
      const had = byKey.get(key);
      if (!had || (had.violation && !c.violation)) byKey.set(key, c);
    }
    const kept = [...byKey.values()];
    if (this.limits.stopAtViolation && kept.every((c) => c.violation)) {
      this.frontier = kept;
      this.violation = earliest(kept);
      return;
    }
    if (kept.length > this.limits.maxCandidates) {
      throw new TraceInputError(
        r.where,
        '(trace)',
        `${kept.length} model states explain the trace up to here, more than ${this.limits.maxCandidates}`,
        "log more kinds of events (the header's records), add observation lines, or raise --max-candidates",
      );
    }
    this.frontier = kept;
  }

  private diverge(r: TraceRecord, reason: string, allowed: string[]): void {
    const c = this.frontier[0]!;
    // Part-way through a step, the state is the one after its logged events, not after the whole step.
    const state = this.statesOf(c)[0]!;
    this.divergence = { where: r.where, seq: r.seq, record: r.raw, reason, allowed, history: c.history, state, index: this.index };
    // Read on past a violation: what every explanation broke before the divergence is still the design's verdict.
    if (!this.violation && this.frontier.every((x) => x.violation)) this.violation = earliest(this.frontier);
  }

  /** The events open steps may log next, or (all: true) every event they still owe, each with its step. */
  private underWay(c: Candidate, all: boolean): string[] {
    const t = this.system.topology;
    const out: string[] = [];
    for (const s of c.open) {
      const n = s.edge.shown.length;
      for (let p = 0; p < n; p++) {
        if (all ? isLogged(n, s.done, p) : !mayLog(n, s.edge.preds, s.done, p)) continue;
        out.push(`${formatRecord(s.edge.shown[p]!.event)}  (${all ? 'owed by' : 'next in'} the step under way: ${describeEvent(t, s.edge.env, s.edge.from.state)})`);
      }
    }
    return out;
  }

  /** What the model could have logged next, from every explanation: the rest of a step under way, or the first event of any step. */
  private allowed(): string[] {
    const t = this.system.topology;
    const out = new Set<string>();
    for (const c of this.frontier) {
      if (pending(c)) {
        for (const x of this.underWay(c, false)) out.add(x);
        continue;
      }
      for (const m of this.graph.allowed(c.node)) {
        const fault = m.edge.fault ? ` [${m.edge.fault}]` : '';
        const after = m.path.length ? `, after ${m.path.length} unlogged step${m.path.length > 1 ? 's' : ''}` : '';
        out.add(`${formatRecord(m.edge.shown[m.at]!.event)}  (${describeEvent(t, m.edge.env, m.edge.from.state)}${fault}${after})`);
      }
    }
    return [...out];
  }

  /**
   * Closes the trace. When every remaining explanation broke an invariant,
   * that is the verdict. An explanation whose step under way still owes
   * logged events does not explain it (a log ends between steps); when no
   * other does, the trace is inconclusive: it was cut inside a step.
   */
  end(): void {
    if (this.stopped) return;
    if (this.frontier.every((c) => c.violation)) {
      this.violation = earliest(this.frontier);
      return;
    }
    const whole = this.frontier.filter((c) => !pending(c));
    if (whole.length === 0) {
      this.inconclusive = { reason: 'the trace ends inside a model step that still owes logged events', owed: this.underWay(this.frontier[0]!, true), history: this.frontier[0]!.history };
      return;
    }
    this.frontier = whole;
    if (whole.every((c) => c.violation)) this.violation = earliest(whole);
  }

  /** The explanations that explain the whole trace without breaking an invariant. */
  clean(): readonly Candidate[] {
    return this.frontier.filter((c) => !c.violation);
  }

  /** The explanation a report follows: a violating one when the verdict is a violation, else the first. */
  followed(): Candidate | null {
    if (this.violation) return this.frontier.find((c) => c.violation === this.violation) ?? this.frontier[0] ?? null;
    return this.clean()[0] ?? this.frontier[0] ?? null;
  }

  /** The renaming of the explanation a report follows: how the log's values stand for the model's. */
  renaming(): Renaming {
    return (this.divergence ? this.frontier[0]?.ren : this.followed()?.ren) ?? Renaming.EMPTY;
  }

  /** Model steps taken by the first explanation. */
  modelSteps(): number {
    return this.frontier[0]?.steps ?? 0;
  }
}
