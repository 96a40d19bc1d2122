import { INVARIANTS } from '../../../properties/index.js';
import type { Invariant } from '../../../properties/property.js';
import type { ComponentKind } from '../../../machines/messages.js';
import { slotOf, type LocalIds } from '../../engine/layout.js';
import type { TableSystem } from '../../engine/table/table-system.js';
import { has, set, smallestStubbornSet, type Bits } from './closure.js';
import { eventClasses, representative } from './event-classes.js';
import { writesAny, classKey, classOf, dependent, footprintOf, messageSlots, observedSlots, type EventClass, type Footprint } from './footprint.js';

/** A step that touched a slot its class's footprint does not name: the event-kind table is wrong, and a reduction would be unsound. */
export class FootprintBroken extends Error {}

/**
 * States a search reduces before it gives up when none of them could be: the
 * closure costs a look-up per state, and a model whose steps all depend on
 * each other (this one, at slot granularity: docs/partial-order.md) would pay
 * it for nothing.
 */
export const TRIAL_STATES = 4096;

/**
 * Partial-order reduction by stubborn sets (Valmari), over classes of
 * environment steps whose footprints come from the event-kind table
 * (footprint.ts). In a state it picks a set of enabled steps closed under
 * the rules below and explores only those:
 *
 * - an enabled step in the set brings in every step it is dependent on
 *   (writes what the other reads or writes), enabled or not;
 * - a step in the set that is not enabled brings in every step that could
 *   enable it (writes what it reads);
 * - the set is the whole enabled set as soon as it holds a step visible to a
 *   checked invariant (one that touches a slot the invariant observes).
 *
 * The search adds the cycle proviso (bfs.ts): a state whose reduced steps
 * lead to a state already stored is expanded in full. Only invariants are
 * preserved; a search for fair cycles (LIVE-*) runs without it.
 */
export class StubbornSets {
  /** Classes every step visible to some checked invariant falls in. */
  readonly visibleClasses: number;
  readonly classes: readonly EventClass[];
  private readonly footprints: readonly Footprint[];
  private readonly index = new Map<string, number>();
  private readonly dep: Bits[];
  private readonly nes: Bits[];
  private readonly visible: boolean[];
  /** Per class: its message's target and event type, and the steps that write the target's slot. */
  private readonly target: readonly { readonly to: ComponentKind; readonly type: string; readonly slot: number; readonly nes: Bits }[];
  /** Classes whose target has no transition for their message in the state being reduced: only a step that moves the target can enable them. */
  private readonly unhandled: Bits;
  private readonly words: number;
  private readonly classOfEnv: number[] = [];
  private readonly memo = new Map<string, Bits | null>();
  private readonly enabledBits: Bits;
  private readonly delivered: number[] = [];
  /** Enabled steps offered and steps kept, over the states reduced. */
  offered = 0;
  kept = 0;
  /** States offered to `reduce`. */
  states = 0;
  /** Set once the first TRIAL_STATES states were reduced by nothing: full expansion from then on, which is always sound. */
  retired = false;

  constructor(
    private readonly ts: TableSystem,
    checked: readonly Pick<Invariant<unknown>, 'id' | 'observes' | 'readsMessagesTo'>[] = ts.invariants.map((x) => x.inv),
    /** States reduced by nothing before it stops trying (Infinity: never; an audit of every step then). */
    private readonly trialStates = TRIAL_STATES,
  ) {
    const t = ts.system.topology;
    const l = ts.layout;
    this.classes = eventClasses(t, ts.faults, ts.rounds);
    this.classes.forEach((c, i) => this.index.set(classKey(c), i));
    const monitors = INVARIANTS.filter((inv) => l.monitorIds.includes(inv.id));
    this.footprints = this.classes.map((c) => footprintOf(t, l, c, monitors));
    const n = this.classes.length;
    this.words = (n + 31) >>> 5;
    this.enabledBits = new Uint32Array(this.words);
    this.unhandled = new Uint32Array(this.words);
    this.dep = this.footprints.map((a) => this.bitsWhere((b) => dependent(a, b, l.faults)));
    this.nes = this.footprints.map((a) => this.bitsWhere((b) => writesAny(a.enables, b)));
    const booted = ts.materialise(ts.initial);
    this.target = this.classes.map((c) => {
      const m = ts.system.toMessage(booted, representative(c));
      const slot = slotOf(l, m);
      return { to: m.to, type: m.event.type, slot, nes: this.bitsWhere((b) => b.writes[slot] === 1) };
    });
    // Visible: the step may change what a checked invariant observes, or deliver a message it reads.
    const observed = new Uint8Array(l.width);
    const messages = new Uint8Array(l.width);
    for (const inv of checked) {
      for (const s of observedSlots(t, l, inv)) observed[s] = 1;
      for (const s of messageSlots(t, l, inv)) messages[s] = 1;
    }
    this.visible = this.footprints.map((f) => f.writes.some((w, s) => (w === 1 && observed[s] === 1) || ((w === 1 || f.reads[s] === 1) && messages[s] === 1)));
    this.visibleClasses = this.visible.filter(Boolean).length;
  }

  /** Whether every class of step is visible to the checked invariants, so no state can be reduced. */
  get inert(): boolean {
    return this.visibleClasses === this.classes.length;
  }

  /**
   * Moves a stubborn set of the `n` enabled steps (environment event ids and
   * their messages) to the front and returns its size; `n` when the state is
   * not reduced.
   */
  reduce(v: LocalIds, envs: Int32Array, msgs: Int32Array, n: number): number {
    if (this.retired) return n;
    if (++this.states > this.trialStates && this.kept === this.offered) {
      this.retired = true;
      // The audit ends with the reduction: no more deliveries to record.
      this.ts.observeDeliveries(null);
      return n;
    }
    this.offered += n;
    if (n <= 1) return (this.kept += n), n;
    const e = this.enabledBits;
    e.fill(0);
    for (let j = 0; j < n; j++) set(e, this.classIndex(envs[j]!));
    const u = this.unhandled;
    u.fill(0);
    for (let i = 0; i < this.target.length; i++) {
      const x = this.target[i]!;
      if (!has(e, i) && !this.ts.transitions.handles(x.to, v[x.slot]!, x.type)) set(u, i);
    }
    const key = `${e.join(',')}/${u.join(',')}`;
    let ample = this.memo.get(key);
    if (ample === undefined) {
      ample = smallestStubbornSet({
        classes: this.classes.length,
        enabled: e,
        dependent: (c) => this.dep[c]!,
        enablers: (c) => (has(this.unhandled, c) ? this.target[c]!.nes : this.nes[c]!),
        visible: this.visible,
      });
      this.memo.set(key, ample);
    }
    if (ample === null) return (this.kept += n), n;
    let front = 0;
    for (let j = 0; j < n; j++) {
      if (!has(ample, this.classIndex(envs[j]!))) continue;
      const env = envs[j]!;
      const msg = msgs[j]!;
      envs[j] = envs[front]!;
      msgs[j] = msgs[front]!;
      envs[front] = env;
      msgs[front++] = msg;
    }
    this.kept += front;
    return front;
  }

  /** Clears what `audit` collects; the search calls it before each step. */
  beforeStep(): void {
    this.delivered.length = 0;
  }

  /** Tells the reducer of a delivery of the step under way (pass to TableSystem.observeDeliveries). */
  readonly onDeliver = (msg: number): void => {
    this.delivered.push(this.ts.transitions.slotOfMessage[msg]!);
  };

  /**
   * Checks one step against its class's footprint: every slot it changed is
   * one the class writes, every machine it delivered to one the class reads
   * or writes. Throws FootprintBroken otherwise, naming the event and slot.
   */
  audit(before: LocalIds, after: LocalIds, env: number): void {
    if (this.retired) return;
    const f = this.footprints[this.classIndex(env)]!;
    for (let s = 0; s < before.length; s++) if (before[s] !== after[s] && !f.writes[s]) this.broken(env, s, 'changed');
    for (const s of this.delivered) if (!f.reads[s] && !f.writes[s]) this.broken(env, s, 'delivered to');
  }

  private broken(env: number, slot: number, what: string): never {
    const e = this.ts.envEvent(env);
    throw new FootprintBroken(`partial-order reduction: ${JSON.stringify(e)} ${what} slot ${slot} (${this.slotName(slot)}), outside the footprint src/model/event-kinds.ts gives ${e.kind}: add it to that kind's reads or writes`);
  }

  private slotName(slot: number): string {
    const l = this.ts.layout;
    if (slot < l.faults) return `${l.kinds[slot]} ${l.indices[slot]}`;
    if (slot === l.faults) return 'fault bits';
    if (slot === l.userChanges) return 'budget';
    return `monitor of ${l.monitorIds[slot - l.faults - 1]}`;
  }

  private classIndex(env: number): number {
    let c = this.classOfEnv[env];
    if (c === undefined) {
      const e = this.ts.envEvent(env);
      c = this.index.get(classKey(classOf(e)));
      if (c === undefined) throw new FootprintBroken(`partial-order reduction: ${JSON.stringify(e)} is in no event class of src/check/por/event-classes.ts`);
      this.classOfEnv[env] = c;
    }
    return c;
  }

  private bitsWhere(p: (b: Footprint) => boolean): Bits {
    const out = new Uint32Array(this.words);
    this.footprints.forEach((b, i) => p(b) && set(out, i));
    return out;
  }
}
