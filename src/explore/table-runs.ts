import { INVARIANTS, LIVENESS } from '../../properties/index.js';
import type { PropertyFilter } from '../engine/monitor.js';
import type { System } from '../engine/system.js';
import { TableSystem } from '../engine/table/table-system.js';
import { newVector, type StateVector } from '../engine/layout.js';
import { faultOf } from '../model/event-kinds.js';
import type { EnvEvent } from '../model/env-event.js';
import { faultBit, type FaultId } from '../model/faults.js';
import { comparePlainStep, plainStep } from './step-audit.js';

/** Every property, invariants first, as `exercised` counts them. */
const PROPERTIES = [...INVARIANTS, ...LIVENESS];

/** Steps audited against the plain system first, then one step in AUDIT_EVERY. */
const AUDIT_FIRST = 16;
const AUDIT_EVERY = 4096;

/** One random run over the table: its state vector, the events it took, and how it ended. */
export interface TableRun {
  v: StateVector;
  spare: StateVector;
  /** The faults this run may inject, and their bits. */
  readonly faults: readonly FaultId[];
  readonly mask: number;
  /** The environment event ids taken, in order. */
  readonly envs: number[];
  /** Index in `envs` of the first step of the fair completion (past the end until it starts). */
  fairFrom: number;
  /** Whether the fair completion ran to its end, so that the LIVE-* were checked. */
  settled: boolean;
  /** The id of the first property broken, or null. */
  violation: string | null;
  /** The enabled events of `v` under the run's faults (event and message ids); `n` is -1 when not computed yet. */
  n: number;
  readonly env: number[];
  readonly msg: number[];
}

/**
 * Random runs over the memoised table system: the run's state is a vector,
 * its enabled events are the table's restricted to the run's faults (in
 * `System.enabled`'s order), a step is a table step and the first broken
 * invariant a memo look-up. The first steps and then one in AUDIT_EVERY are
 * taken on the plain system too and compared.
 */
export class TableRuns {
  readonly ts: TableSystem;
  private readonly familyOf: number[] = [];
  private readonly faultOf: number[] = [];
  private readonly env = new Int32Array(4096);
  private readonly msg = new Int32Array(4096);
  private stepsTaken = 0;
  /** Per property (INVARIANTS then LIVENESS order): steps ending in a state where its premise holds; for LIVE-*, settled runs. */
  readonly exercised: number[] = PROPERTIES.map(() => 0);

  /** `family` numbers the command family an event belongs to (-1: none); `rounds` bounds the tool's runs in one random run (null: unbounded). */
  constructor(
    readonly system: System,
    faults: readonly FaultId[],
    readonly only: PropertyFilter,
    private readonly family: (e: EnvEvent) => number,
    rounds: number | null = 1,
  ) {
    this.ts = new TableSystem(system, faults, only, null, rounds);
  }

  /** Watches the deliveries of the runs' steps (null: stop). */
  observeDeliveries(f: ((msg: number, local: number) => void) | null): void {
    this.ts.observeDeliveries(f);
  }

  /** A run from the booted state that may inject `faults`. */
  start(faults: readonly FaultId[]): TableRun {
    const ts = this.ts;
    let mask = 0;
    for (const f of faults) mask |= faultBit(f);
    return { v: Uint32Array.from(ts.initial), spare: newVector(ts.width), faults, mask, envs: [], fairFrom: Number.MAX_SAFE_INTEGER, settled: false, violation: null, n: -1, env: [], msg: [] };
  }

  /** Fills the run's enabled events if its state changed; returns their number. */
  enabled(m: TableRun): number {
    if (m.n >= 0) return m.n;
    const total = this.ts.enabled(m.v, this.env, this.msg);
    if (total >= this.env.length) throw new Error(`more than ${this.env.length - 1} events enabled in one state`);
    let n = 0;
    for (let j = 0; j < total; j++) {
      const e = this.env[j]!;
      this.facts(e);
      const f = this.faultOf[e]!;
      if (f !== 0 && (m.mask & f) === 0) continue;
      m.env[n] = e;
      m.msg[n++] = this.msg[j]!;
    }
    m.env.length = m.msg.length = n;
    return (m.n = n);
  }

  /** How many enabled events of the run belong to command family `family`. */
  count(m: TableRun, family: number): number {
    const n = this.enabled(m);
    let c = 0;
    for (let j = 0; j < n; j++) if (this.familyOf[m.env[j]!] === family) c++;
    return c;
  }

  /** The index in the run's enabled events of the `k`-th one of family `family`. */
  nth(m: TableRun, family: number, k: number): number {
    const n = this.enabled(m);
    for (let j = 0; j < n; j++) if (this.familyOf[m.env[j]!] === family && k-- === 0) return j;
    throw new Error(`no event #${k} of family ${family}`);
  }

  /** The ids of the enabled steps weak fairness applies to (no fault among them), in order. */
  fairEvents(m: TableRun): number[] {
    const n = this.enabled(m);
    const out: number[] = [];
    for (let j = 0; j < n; j++) if (this.faultOf[m.env[j]!] === 0 && this.ts.isDriver(m.env[j]!)) out.push(m.env[j]!);
    return out;
  }

  /** The message of event `env` if the run's state accepts it (as `System.accepts` says), else -1. */
  acceptingMessage(m: TableRun, env: number): number {
    const n = this.enabled(m);
    for (let j = 0; j < n; j++) if (m.env[j] === env) return m.msg[j]!;
    // Not among the enabled events: no longer offered, or not accepted; ask the plain system.
    const s = this.ts.materialise(m.v);
    const e = this.ts.envEvent(env);
    return this.system.accepts(s, e) ? this.ts.transitions.messageId(this.system.toMessage(s, e)) : -1;
  }

  /** Takes event `env` (message `msg`) in the run; returns whether an invariant broke. */
  step(m: TableRun, env: number, msg: number): boolean {
    const ts = this.ts;
    const plain = this.stepsTaken < AUDIT_FIRST || this.stepsTaken % AUDIT_EVERY === 0 ? plainStep(ts, m.v, m.faults, m.env.slice(0, this.enabled(m)), env, this.only) : null;
    this.stepsTaken++;
    ts.step(m.v, env, msg, m.spare);
    const bad = ts.violation(false);
    if (plain) comparePlainStep(ts, plain, m.spare, bad);
    const v = m.v;
    m.v = m.spare;
    m.spare = v;
    m.n = -1;
    m.envs.push(env);
    if (bad >= 0) m.violation = ts.invariants[bad]!.inv.id;
    this.countExercised(m.v, INVARIANTS.length);
    return bad >= 0;
  }

  /** Counts the properties (the first `upTo` of PROPERTIES) whose premise holds in state `v`. */
  private countExercised(v: StateVector, upTo: number, from = 0): void {
    const s = this.ts.materialise(v);
    const t = this.system.topology;
    for (let j = from; j < upTo; j++) if (PROPERTIES[j]!.applies(t, s)) this.exercised[j]!++;
  }

  /** Checks the LIVE-* on the run's state, in LIVENESS order; records the first broken. */
  checkLiveness(m: TableRun): void {
    m.settled = true;
    this.countExercised(m.v, PROPERTIES.length, INVARIANTS.length);
    for (let j = 0; j < this.ts.liveness.length; j++) {
      if (this.ts.livenessFailure(j, m.v) !== null) {
        m.violation = this.ts.liveness[j]!.live.id;
        return;
      }
    }
  }

  private facts(e: number): void {
    if (this.faultOf[e] !== undefined) return;
    const ev = this.ts.envEvent(e);
    const f = faultOf(ev);
    this.faultOf[e] = f === null ? 0 : faultBit(f);
    this.familyOf[e] = this.family(ev);
  }
}
