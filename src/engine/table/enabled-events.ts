import type { ComponentKind, Message } from '../../../machines/messages.js';
import type { EnvEvent } from '../../model/env-event.js';
import { EVENT_KINDS, type EnabledGroup } from '../../model/event-kinds.js';
import type { ToolObservation } from '../../../machines/tool.js';
import { Observations } from './observations.js';
import { targetEvents } from '../enabled.js';
import type { FaultId } from '../../model/faults.js';
import type { SystemState } from '../../model/state.js';
import type { System } from '../system.js';
import type { Interner } from '../interner.js';
import { childSlot, netdevSlot, slotOf, type Layout, type LocalIds } from '../layout.js';
import { ReadMemo, type FilteredLogs } from './memo.js';
import type { Transitions } from '../transitions.js';
import type { Evaluator } from './views.js';

/**
 * Which component slots decide a group of environment events in
 * `System.enabled`: a child's driver-core and operator steps read the child,
 * the parent (bind needs the device) and the traffic (drain's calls in
 * flight); user configuration reads its netdev and the parent; bond options
 * read the bond and the parent. A group is computed by `System.enabled` itself
 * on a state that agrees with the real one on these slots, once per distinct
 * combination; a self-check against the plain `System.enabled` keeps the
 * grouping honest.
 */
interface Group {
  readonly slots: readonly number[];
  readonly member: (e: EnvEvent) => boolean;
  readonly memo: SlotMemo;
}

const groupOf = (e: EnvEvent): EnabledGroup => EVENT_KINDS[e.kind].group;

/** An event offered whenever its target accepts it, with the target and event type its message always has. */
interface Unconditional {
  readonly env: number;
  readonly event: EnvEvent;
  readonly memo: ReadMemo<number>;
  readonly to: ComponentKind;
  readonly slot: number;
  readonly type: string;
  /** Per local state of the target: whether it has a transition on `type` (filled lazily). */
  readonly handled: readonly (boolean | undefined)[];
  /** For a tool step carrying the tool's observation: its message made from the observation, and the message ids by observation id. */
  readonly fromObservation: ((obs: ToolObservation) => Message) | null;
  readonly byObservation: number[];
}

/** A nested-array memo keyed by the local ids in a few slots. */
class SlotMemo {
  private readonly root: unknown[] = [];
  constructor(readonly slots: readonly number[]) {}

  get(v: LocalIds): Int32Array | undefined {
    let n: unknown = this.root;
    for (let j = 0; j < this.slots.length && n !== undefined; j++) n = (n as unknown[])[v[this.slots[j]!]!];
    return n as Int32Array | undefined;
  }

  set(v: LocalIds, value: Int32Array): void {
    let n = this.root;
    for (let j = 0; j < this.slots.length - 1; j++) n = (n[v[this.slots[j]!]!] ??= []) as unknown[];
    n[v[this.slots[this.slots.length - 1]!]!] = value;
  }
}

/** The environment events enabled in a state vector, with the message each becomes. */
export class EnabledEvents {
  private readonly groups: Group[];
  private readonly tail: Group[];
  private readonly unconditional: readonly Unconditional[];
  private readonly observations: Observations;

  constructor(
    private readonly system: System,
    private readonly faults: readonly FaultId[],
    private readonly layout: Layout,
    private readonly transitions: Transitions,
    private readonly envs: Interner<EnvEvent>,
    private readonly evaluator: Evaluator,
    private readonly reference: LocalIds,
    private readonly materialise: (v: LocalIds) => SystemState,
    private readonly logs: FilteredLogs,
    /** Whether an event of the `target` group may ever be taken (the table system's bounds refuse the others in every state, so their messages are never worked out). */
    everAllowed: (e: EnvEvent) => boolean = () => true,
  ) {
    const l = layout;
    const group = (slots: number[], member: (e: EnvEvent) => boolean): Group => ({ slots, member, memo: new SlotMemo(slots) });
    this.groups = Array.from({ length: l.children }, (_, k) =>
      group([childSlot(l, k), 0, l.traffic], (e) => groupOf(e) === 'child' && 'child' in e && e.child === k),
    );
    this.tail = [
      ...Array.from({ length: l.netdevs }, (_, i) => group([netdevSlot(l, i), 0], (e) => groupOf(e) === 'netdev-config' && 'netdev' in e && e.netdev === i)),
      group([l.bond, 0], (e) => groupOf(e) === 'bond-options'),
      group([0], (e) => groupOf(e) === 'parent'),
    ];
    const booted = materialise(reference);
    this.unconditional = targetEvents(system.topology, faults).filter(everAllowed).map((event) => {
      const m = system.toMessage(booted, event);
      const fromObservation = EVENT_KINDS[event.kind].fromObservation as ((obs: ToolObservation, e: EnvEvent) => Message) | undefined;
      return {
        env: envs.id(event),
        event,
        memo: new ReadMemo<number>(),
        to: m.to,
        slot: slotOf(l, m),
        type: m.event.type,
        handled: transitions.handlerRow(m.to, m.event.type),
        fromObservation: fromObservation ? (obs: ToolObservation) => fromObservation(obs, event) : null,
        byObservation: [],
      };
    });
    this.observations = new Observations(l, transitions.snapshots);
  }

  /** Fills `env` and `msg` with the enabled events of state `v` (in `System.enabled`'s order); returns their number. */
  enabled(v: LocalIds, env: Int32Array, msg: Int32Array): number {
    let n = 0;
    for (const g of this.groups) n = this.copy(this.groupEvents(g, v), env, msg, n);
    const w = this.layout.width;
    const t = this.transitions;
    let obs = -1;
    for (let j = 0; j < this.unconditional.length; j++) {
      const u = this.unconditional[j]!;
      if (!(u.handled[v[u.slot]!] ?? t.handles(u.to, v[u.slot]!, u.type))) continue;
      let m: number;
      if (u.fromObservation) {
        if (obs < 0) obs = this.observations.idOf(v);
        m = u.byObservation[obs] ?? this.observedMessage(u, obs);
      } else m = u.memo.lookupStep(v, v, 0, 0, w, this.logs) ?? this.messageOf(u, v);
      if (t.accepts(m, v[t.slotOfMessage[m]!]!)) {
        env[n] = u.env;
        msg[n++] = m;
      }
    }
    for (const g of this.tail) n = this.copy(this.groupEvents(g, v), env, msg, n);
    return n;
  }

  private observedMessage(u: Unconditional, obs: number): number {
    const m = u.fromObservation!(this.observations.values[obs]!);
    if (m.to !== u.to || m.event.type !== u.type) throw new Error(`src/engine/table/enabled-events.ts: ${u.event.kind} became a ${m.to} ${m.event.type} message, not ${u.to} ${u.type}`);
    return (u.byObservation[obs] = this.transitions.messageId(m));
  }

  private messageOf(u: (typeof this.unconditional)[number], v: LocalIds): number {
    const ev = this.evaluator;
    ev.inputs.after = v;
    return ev.evaluate(u.memo, () => {
      const m = this.system.toMessage(ev.after, u.event);
      if (m.to !== u.to || m.event.type !== u.type) throw new Error(`src/engine/table/enabled-events.ts: ${u.event.kind} became a ${m.to} ${m.event.type} message, not ${u.to} ${u.type}`);
      return this.transitions.messageId(m);
    });
  }

  private copy(pairs: Int32Array, env: Int32Array, msg: Int32Array, n: number): number {
    for (let j = 0; j < pairs.length; j += 2) {
      env[n] = pairs[j]!;
      msg[n++] = pairs[j + 1]!;
    }
    return n;
  }

  private groupEvents(g: Group, v: LocalIds): Int32Array {
    const hit = g.memo.get(v);
    if (hit) return hit;
    const probe = Uint32Array.from(this.reference);
    for (const s of g.slots) probe[s] = v[s]!;
    const state = this.materialise(probe);
    const pairs: number[] = [];
    for (const e of this.system.enabled(state, this.faults)) {
      if (!g.member(e)) continue;
      pairs.push(this.envs.id(e), this.transitions.messageId(this.system.toMessage(state, e)));
    }
    const r = Int32Array.from(pairs);
    g.memo.set(v, r);
    return r;
  }

  /** Every event `System.enabled` produced belongs to a group this file computes (else the event table's group is wrong). */
  static assertGrouped(e: EnvEvent): void {
    if (groupOf(e) === 'boot') throw new Error(`src/engine/table/enabled-events.ts: the environment event kind '${e.kind}' is enabled after boot but its group in src/model/event-kinds.ts is 'boot'`);
  }
}
