import type { ComponentKind } from '../../../machines/messages.js';
import { INVARIANTS, LIVENESS } from '../../../properties/index.js';
import { withMonitors, type PropertyFilter } from '../monitor.js';
import type { Invariant, Liveness } from '../../../properties/property.js';
import { faultOf, isDriverStep } from '../../model/event-kinds.js';
import { type EnvEvent } from '../../model/env-event.js';
import { faultBit, type FaultId } from '../../model/faults.js';
import type { SystemState } from '../../model/state.js';
import type { System } from '../system.js';
import { runToCompletion } from '../run-to-completion.js';
import { TableDelivery } from './table-delivery.js';
import { setSnapshotAt, snapshotsOf, type DraftState } from '../../model/components.js';
import { EnabledEvents } from './enabled-events.js';
import { Interner } from '../interner.js';
import { layoutOf, monitorSlot, newVector, type Layout, type LocalIds, type StateVector } from '../layout.js';
import { LogTree } from './log-tree.js';
import { ReadMemo } from './memo.js';
import { Transitions } from '../transitions.js';
import { Evaluator } from './views.js';
import { FULL_HISTORY, keepsMonitor, type HistoryReduction } from '../history.js';


/**
 * The composed system over integer vectors: the same machines, monitors and
 * invariants as `System` and `monitoredStep`, each evaluated once per distinct
 * input and then looked up. A state is a vector of local-state ids (see
 * Layout, StateVector); a step writes its successor into a caller's buffer.
 */
export class TableSystem {
  readonly layout: Layout;
  readonly transitions: Transitions;
  readonly envs = new Interner<EnvEvent>();
  readonly monitors: readonly Interner<unknown>[];
  readonly logs: LogTree;
  /** The booted state. Its ids are the first each interner gave out, so 16 bits hold them (the symmetry reduction reads it). */
  readonly initial: Uint16Array;
  /** The invariants checked, in model.md's order, with the memos of their `check` and of their `checkStep` (null when they have none). */
  readonly invariants: readonly { readonly inv: Invariant<unknown>; readonly memo: ReadMemo<string | null>; readonly stepMemo: ReadMemo<string | null> | null }[];
  /** The liveness properties checked, with their memos. */
  readonly liveness: readonly { readonly live: Liveness; readonly memo: ReadMemo<string | null> }[];
  private readonly observers: readonly { readonly j: number; readonly slot: number; readonly inv: Invariant<unknown>; readonly memo: ReadMemo<number> }[];
  private readonly events: EnabledEvents;
  private readonly evaluator: Evaluator;
  private readonly envFault: number[] = [];
  private readonly envDriver: boolean[] = [];
  private readonly envRerun: boolean[] = [];
  private readonly delivery: TableDelivery;
  private readonly observed: StateVector;

  private readonly userBit = faultBit('FAULT-USER-CONFIG');
  /** The budget slot holds user changes + reruns * span (layout.ts): user changes stay below the span. */
  private readonly span: number;

  /**
   * `userChanges` bounds the FAULT-USER-CONFIG steps one run may take (null:
   * unbounded); the count then lives in the vector, so two states that differ
   * only in the changes still allowed stay apart. `rounds` bounds the runs
   * of the upgrade tool in one boot (the first `tool.start`, then each
   * `tool.rerun`; null: unbounded) the same way; with one round no rerun is
   * offered and the count stays 0. `history` says what a state keeps of the
   * fault bits and the monitors (src/engine/history.ts; all of them by default).
   */
  constructor(
    readonly system: System,
    readonly faults: readonly FaultId[],
    only: PropertyFilter = null,
    readonly userChanges: number | null = null,
    readonly rounds: number | null = 1,
    readonly history: HistoryReduction = FULL_HISTORY,
  ) {
    if (rounds !== null && !(Number.isInteger(rounds) && rounds >= 1)) throw new Error(`rounds must be a whole number of at least 1 or null (unbounded), got ${rounds}`);
    this.span = (userChanges ?? 0) + 1;
    const l = (this.layout = layoutOf(system.topology));
    this.transitions = new Transitions(system.components, l);
    this.monitors = l.monitorIds.map(() => new Interner<unknown>());
    this.logs = new LogTree(this.transitions.messages.values);
    this.delivery = new TableDelivery(this.transitions, this.logs);
    this.evaluator = new Evaluator(system.topology, l, { snapshots: this.transitions.snapshots, monitors: this.monitors, envs: this.envs, logs: this.logs });
    const stepInput = this.evaluator.inputs.isStepInput;
    this.invariants = INVARIANTS.filter((inv) => !only || only.has(inv.id)).map((inv) => ({ inv, memo: new ReadMemo<string | null>(stepInput), stepMemo: inv.checkStep ? new ReadMemo<string | null>(stepInput) : null }));
    this.liveness = LIVENESS.filter((live) => !only || only.has(live.id)).map((live) => ({ live, memo: new ReadMemo<string | null>() }));
    this.observers = l.monitorIds.flatMap((id, j) => {
      const inv = INVARIANTS.find((x) => x.id === id)!;
      return inv.observe && keepsMonitor(history, id) ? [{ j, slot: monitorSlot(l, j), inv, memo: new ReadMemo<number>(stepInput) }] : [];
    });
    this.observed = newVector(this.observers.length);
    this.initial = Uint16Array.from(this.vectorOf(withMonitors(system, system.initial())));
    this.events = new EnabledEvents(system, faults, l, this.transitions, this.envs, this.evaluator, this.initial, (v) => this.materialise(v), this.logs, (e) => rounds !== 1 || e.kind !== 'tool.rerun');
  }

  get width(): number {
    return this.layout.width;
  }

  /** The vector of a state of `System`. */
  vectorOf(s: SystemState): StateVector {
    const l = this.layout;
    const v = newVector(l.width);
    for (const [kind, i, snap] of snapshotsOf(s)) v[l.base[kind] + i] = this.transitions.localId(kind, snap);
    v[l.faults] = s.faults;
    l.monitorIds.forEach((id, j) => (v[monitorSlot(l, j)] = this.monitorId(j, s.monitors[id])));
    return v;
  }

  /** The state of `System` a vector stands for (the interned snapshots themselves). */
  materialise(v: LocalIds): SystemState {
    const l = this.layout;
    const monitors: Record<string, unknown> = {};
    l.monitorIds.forEach((id, j) => (monitors[id] = this.monitors[j]!.values[v[monitorSlot(l, j)]!]));
    const s = { children: [], netdevs: [], faults: v[l.faults]!, monitors } as unknown as DraftState;
    for (let slot = 0; slot < l.faults; slot++) setSnapshotAt(s, l.kinds[slot]!, l.indices[slot]!, this.transitions.snapshots[l.kinds[slot]!].values[v[slot]!]);
    return s;
  }

  /** A state of `System` with only the history this table system keeps: its fault class, and the booted state of every monitor it drops. */
  reduced(s: SystemState): SystemState {
    const h = this.history;
    if (!h.on) return s;
    const booted = this.materialise(this.initial).monitors;
    const monitors = Object.fromEntries(Object.entries(s.monitors).map(([id, m]) => [id, keepsMonitor(h, id) ? m : booted[id]]));
    return { ...s, faults: h.faultClass[s.faults]!, monitors };
  }

  /** The environment event with this id. */
  envEvent(env: number): EnvEvent {
    return this.envs.values[env]!;
  }

  /** Whether weak fairness applies to this event (a step the system takes by itself). */
  isDriver(env: number): boolean {
    this.envFacts(env);
    return this.envDriver[env]!;
  }

  /** Calls `f` with the message id and the target's local-state id of every delivery the next steps make (null: stop). */
  observeDeliveries(f: ((msg: number, local: number) => void) | null): void {
    this.delivery.onDeliver = f;
  }

  /** Fills `env` and `msg` with the events enabled in `v`; returns their number. */
  enabled(v: LocalIds, env: Int32Array, msg: Int32Array): number {
    const n = this.events.enabled(v, env, msg);
    const userSpent = !this.userLeft(v);
    const roundsSpent = !this.roundsLeft(v);
    if (!userSpent && !roundsSpent) return n;
    let kept = 0;
    for (let j = 0; j < n; j++) {
      const fault = this.envFacts(env[j]!);
      if (userSpent && fault === this.userBit) continue;
      if (roundsSpent && this.envRerun[env[j]!]) continue;
      env[kept] = env[j]!;
      msg[kept++] = msg[j]!;
    }
    return kept;
  }

  /** Whether the budget of user changes and the bound on rounds allow environment event `e` in state `v`. */
  allows(v: LocalIds, e: EnvEvent): boolean {
    return (this.userLeft(v) || faultOf(e) !== 'FAULT-USER-CONFIG') && (this.roundsLeft(v) || e.kind !== 'tool.rerun');
  }

  private userLeft(v: LocalIds): boolean {
    return this.userChanges === null || v[this.layout.userChanges]! % this.span < this.userChanges;
  }

  private roundsLeft(v: LocalIds): boolean {
    return this.rounds === null || Math.floor(v[this.layout.userChanges]! / this.span) < this.rounds - 1;
  }

  /**
   * One step: the environment's message `msg0` (for event `env`) and all it
   * causes, run to completion in FIFO order, then the monitors; the successor
   * is written into `out`. Returns the id of the log of delivered messages.
   */
  step(v: LocalIds, env: number, msg0: number, out: LocalIds): number {
    const l = this.layout;
    out.set(v);
    const fault = this.envFacts(env);
    out[l.faults] = this.history.faultClass[v[l.faults]! | fault]!;
    if (fault === this.userBit && this.userChanges !== null) out[l.userChanges] = v[l.userChanges]! + 1;
    else if (this.envRerun[env] && this.rounds !== null) out[l.userChanges] = v[l.userChanges]! + this.span;
    const d = this.delivery;
    d.state = out;
    d.log = LogTree.EMPTY;
    runToCompletion([msg0], d, this.envs.values[env]!.kind);
    const log = d.log;
    const inputs = this.evaluator.inputs;
    inputs.before = v;
    inputs.after = out;
    inputs.env = env;
    inputs.log = log;
    const obs = this.observers;
    for (let k = 0; k < obs.length; k++) {
      const o = obs[k]!;
      this.observed[k] = o.memo.lookupStep(v, out, env, log, l.width, this.logs) ?? this.observe(o);
    }
    for (let k = 0; k < obs.length; k++) out[obs[k]!.slot] = this.observed[k]!;
    return log;
  }

  private observe(o: (typeof this.observers)[number]): number {
    const ev = this.evaluator;
    return ev.evaluate(o.memo, () => this.monitorId(o.j, o.inv.observe!(ev.before.monitors[o.inv.id], ev.step as never)));
  }

  /**
   * The first invariant (index into `invariants`) the last step broke, or -1.
   * When the successor was checked before, a `check` that never read the
   * step (only the state after it) cannot fail now, and is skipped; a
   * `checkStep` is run on every step.
   */
  violation(checkedBefore: boolean): number {
    const invs = this.invariants;
    for (let i = 0; i < invs.length; i++) {
      const { inv, memo, stepMemo } = invs[i]!;
      if (stepMemo !== null && this.broken(inv, stepMemo, 'checkStep')) return i;
      if (checkedBefore && !memo.readsStep) continue;
      if (this.broken(inv, memo, 'check')) return i;
    }
    return -1;
  }

  /** Whether one part of invariant `inv` finds the last step broke it: looked up in its memo, else evaluated. */
  private broken(inv: Invariant<unknown>, memo: ReadMemo<string | null>, part: 'check' | 'checkStep'): boolean {
    const { before, after, env, log } = this.evaluator.inputs;
    const r = memo.lookupStep(before, after, env, log, this.layout.width, this.logs);
    if (r !== undefined) return r !== null;
    const ev = this.evaluator;
    // The monitor is read inside the evaluation, so that its memo records the read.
    return ev.evaluate(memo, () => inv[part]!(inv.init ? ev.after.monitors[inv.id] : undefined, ev.step as never)) !== null;
  }

  /** Why state `v` breaks liveness property `j` (index into `liveness`), or null. */
  livenessFailure(j: number, v: LocalIds): string | null {
    const ev = this.evaluator;
    ev.inputs.after = v;
    const { live, memo } = this.liveness[j]!;
    return ev.evaluate(memo, () => live.check(this.system.topology, ev.after));
  }

  /** The memo of each monitor's `observe`, with its invariant's id (what it recorded reading). */
  monitorMemos(): { readonly id: string; readonly memo: ReadMemo<number> }[] {
    return this.observers.map((o) => ({ id: o.inv.id, memo: o.memo }));
  }

  /** Distinct local states per component kind. */
  localStates(): Record<ComponentKind, number> {
    const s = this.transitions.snapshots;
    return { parent: s.parent.size, child: s.child.size, netdev: s.netdev.size, bond: s.bond.size, tool: s.tool.size, traffic: s.traffic.size };
  }

  private monitorId(j: number, value: unknown): number {
    return this.monitors[j]!.id(value);
  }

  /** The fault bit of an event (and its fairness), computed once per event. */
  private envFacts(env: number): number {
    let f = this.envFault[env];
    if (f === undefined) {
      const e = this.envEvent(env);
      const fault = faultOf(e);
      f = this.envFault[env] = fault === null ? 0 : faultBit(fault);
      this.envDriver[env] = isDriverStep(e);
      this.envRerun[env] = e.kind === 'tool.rerun';
    }
    return f;
  }
}
