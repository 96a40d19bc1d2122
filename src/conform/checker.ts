import { LIVENESS } from '../../properties/index.js';
import type { Violation } from '../../properties/property.js';
import { settle } from '../explore/settle.js';
import { describeEvent } from '../model/event-kinds.js';
import type { SystemState } from '../model/state.js';
import type { System } from '../engine/system.js';
import { History } from './history.js';
import { TraceInputError } from './input-error.js';
import { inputsOf } from './log-inputs.js';
import { checkObservation, explainRename, renameEvent, sameShape } from './match.js';
import { ModelGraph, type Edge, type Node } from './model-graph.js';
import type { TraceRecord } from './parse-record.js';
import { Renaming } from './renaming.js';
import { viewOf } from './state-view.js';
import { formatRecord, type TraceEvent, type TraceObservation } from '../model/trace-event.js';
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
}

export const DEFAULT_LIMITS: CheckerLimits = { maxInternal: 8, maxCandidates: 256, cacheLimit: 50_000, stopAtViolation: true };

/** An invariant the model breaks on the only explanations of the trace. */
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

/** A LIVE-* obligation the trace leaves open at its end. */
export interface OpenObligation {
  readonly id: string;
  readonly message: string;
  /** Whether the model's own fair steps, from the trace's last state, would still discharge it. */
  readonly dischargedByModel: boolean;
}

/** One explanation of the trace so far: a model state, the step being read off, the renaming, what it broke. */
interface Candidate {
  readonly node: Node;
  /** The step whose events the trace is reading; null at a step boundary. */
  readonly edge: Edge | null;
  /** The next of `edge`'s shown events the trace must log. */
  readonly pos: number;
  readonly ren: Renaming;
  readonly violation: FoundViolation | null;
  readonly history: History;
  readonly steps: number;
}

const pending = (c: Candidate): boolean => c.edge !== null && c.pos < c.edge.shown.length;

/** The first-found violation among explanations that all break an invariant. */
const earliest = (cs: readonly Candidate[]): FoundViolation => cs.map((c) => c.violation!).sort((a, b) => a.index - b.index)[0]!;

/** The memo key of a search for a logged event: the event without renamed fields, and the steps the log parameterises. */
function signature(e: TraceEvent, inputs: readonly unknown[]): string {
  let s = '';
  for (const k in e) {
    if (k in RENAMED_FIELDS) continue;
    const v = e[k];
    s += typeof v === 'string' ? `${k}="${v}";` : typeof v === 'object' && v !== null ? `${k}=${JSON.stringify(v)};` : `${k}=${String(v)};`;
  }
  return inputs.length ? `${s}|${JSON.stringify(inputs)}` : s;
}

/**
 * Replays a trace through the model, line by line, keeping every model state
 * that explains the lines so far (usually one). An event line is matched
 * either as the next event of the step under way or, at a step boundary, by a
 * search over silent steps for a step that shows it first; an observation line
 * keeps the explanations whose state agrees. Each step's invariants are
 * checked by the monitors. It stops at the first line nothing explains, or
 * when every explanation breaks an invariant.
 */
export class Checker {
  readonly graph: ModelGraph;
  events = 0;
  observations = 0;
  divergence: FoundDivergence | null = null;
  violation: FoundViolation | null = null;
  private frontier: Candidate[];
  private index = 0;

  constructor(
    readonly system: System,
    recorded: ReadonlySet<string>,
    private readonly limits: CheckerLimits = DEFAULT_LIMITS,
  ) {
    this.graph = new ModelGraph(system, recorded, limits);
    this.frontier = [{ node: this.graph.root(), edge: null, pos: 0, ren: Renaming.EMPTY, violation: null, history: History.EMPTY, steps: 0 }];
  }

  /** Whether the verdict is known (a divergence or a violation): later lines are only read for errors. */
  get stopped(): boolean {
    return this.divergence !== null || this.violation !== null;
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
      if (pending(c)) {
        const model = c.edge!.shown[c.pos]!.event;
        if (!sameShape(model, logged)) continue;
        const ren = renameEvent(model, logged, c.ren);
        if (ren) next.push({ ...c, pos: c.pos + 1, ren, history: c.history.add({ where: r.where, seq: r.seq, record: logged, steps: [], firstStep: c.steps + 1 }) });
        else renameNote ??= explainRename(model, logged, c.ren);
        continue;
      }
      const inputs = inputsOf(logged, c.node.state, c.ren);
      for (const m of this.graph.matches(c.node, logged, signature(logged, inputs), inputs)) {
        const model = m.edge.shown[0]!.event;
        const ren = renameEvent(model, logged, c.ren);
        if (!ren) {
          renameNote ??= explainRename(model, logged, c.ren);
          continue;
        }
        const steps = [...m.path, m.edge];
        const history = c.history.add({ where: r.where, seq: r.seq, record: logged, steps, firstStep: c.steps + 1 });
        let violation = c.violation;
        let node = c.node;
        for (const e of steps) {
          node = this.graph.follow(e);
          if (!violation && e.violation) violation = { violation: e.violation, where: r.where, seq: r.seq, record: logged, history, state: node.state, index: this.index };
        }
        next.push({ node, edge: m.edge, pos: 1, ren, violation, history, steps: c.steps + steps.length });
      }
    }
    if (next.length === 0) {
      const reason = renameNote
        ? `the model shows this event here, but ${renameNote}`
        : `no model step from here shows this event (after at most ${this.limits.maxInternal} unlogged steps)`;
      this.diverge(r, reason, this.allowed());
      return;
    }
    this.advance(r, next);
  }

  private observe(r: TraceRecord, o: TraceObservation): void {
    this.observations++;
    const next: Candidate[] = [];
    let mismatch = '';
    for (const c of this.frontier) {
      const view = pending(c) ? viewOf(this.graph.stateWithin(c.edge!, c.pos - 1)) : this.graph.viewOf(c.node);
      const res = checkObservation(view, o, c.ren);
      if ('ren' in res) next.push({ ...c, ren: res.ren, history: c.history.add({ where: r.where, seq: r.seq, record: o, steps: [], firstStep: c.steps + 1 }) });
      else mismatch ||= res.mismatch;
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
      const key = `${c.node.id}/${c.edge?.id ?? '-'}/${c.pos}/${c.ren.id}`;
      const had = byKey.get(key);
      if (!had || (had.violation && !c.violation)) byKey.set(key, c);
    }
    const kept = [...byKey.values()];
    if (this.limits.stopAtViolation && kept.every((c) => c.violation)) {
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
    // Part-way through a step, the state is the one after its last logged event, not after the whole step.
    const state = pending(c) ? this.graph.stateWithin(c.edge!, c.pos - 1) : c.node.state;
    this.divergence = { where: r.where, seq: r.seq, record: r.record, reason, allowed, history: c.history, state, index: this.index };
  }

  /** What the model could have logged next, from every explanation: the rest of a step under way, or the first event of any step. */
  private allowed(): string[] {
    const t = this.system.topology;
    const out = new Set<string>();
    for (const c of this.frontier) {
      if (pending(c)) {
        out.add(`${formatRecord(c.edge!.shown[c.pos]!.event)}  (next in the step under way: ${describeEvent(t, c.edge!.env, c.edge!.from.state)})`);
        continue;
      }
      for (const m of this.graph.allowed(c.node)) {
        const fault = m.edge.fault ? ` [${m.edge.fault}]` : '';
        const after = m.path.length ? `, after ${m.path.length} unlogged step${m.path.length > 1 ? 's' : ''}` : '';
        out.add(`${formatRecord(m.edge.shown[0]!.event)}  (${describeEvent(t, m.edge.env, m.edge.from.state)}${fault}${after})`);
      }
    }
    return [...out];
  }

  /**
   * Closes the trace: an explanation whose step under way still owes logged
   * events does not explain it (a log ends between steps, not inside one);
   * then, when every remaining explanation broke an invariant, that is the
   * verdict.
   */
  end(where: string): void {
    if (this.stopped) return;
    const whole = this.frontier.filter((c) => !pending(c));
    if (whole.length === 0) {
      this.index++;
      this.diverge({ where, seq: -1, record: { event: '(end of trace)' } }, 'the trace ends inside a model step that still owes logged events', this.allowed());
      return;
    }
    this.frontier = whole;
    if (whole.every((c) => c.violation)) this.violation = earliest(whole);
  }

  /** Model states that explain the whole trace without breaking an invariant. */
  explanations(): number {
    return this.frontier.filter((c) => !c.violation).length;
  }

  /** Model steps taken by the first explanation. */
  modelSteps(): number {
    return this.frontier[0]?.steps ?? 0;
  }

  /**
   * The LIVE-* obligations open at the end of the trace in every clean
   * explanation, and whether the model's own fair steps would still discharge
   * each (the trace stopped early) or not (the implementation is stuck).
   */
  openObligations(): OpenObligation[] {
    const clean = this.frontier.filter((c) => !c.violation);
    if (clean.length === 0) return [];
    const t = this.system.topology;
    const out: OpenObligation[] = [];
    for (const live of LIVENESS) {
      const messages = clean.map((c) => live.check(t, c.node.state));
      if (messages.some((m) => m === null)) continue;
      const settled = settle(this.system, clean[0]!.node.state).state;
      out.push({ id: live.id, message: messages[0]!, dischargedByModel: live.check(t, settled) === null });
    }
    return out;
  }
}
