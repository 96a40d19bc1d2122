import { COMPONENT_KINDS, type Components } from '../model/components.js';
import { createScope } from './scope.js';
import type { AnyActorScope, AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { ComponentKind, Message } from '../../machines/messages.js';
import { Interner, snapshotKey } from './interner.js';
import { slotOf, type Layout } from './layout.js';

/** What delivering one message to one local state does: the next local state and the messages it sends. */
export interface Delivery {
  readonly next: number;
  readonly sends: readonly number[];
}

/**
 * Every component machine's transitions, computed through XState once per
 * (local state, message) and kept: the machines stay the only place where
 * behaviour is written, and the product is explored over table look-ups.
 * Local states are numbered per component kind by their value and context.
 */
export class Transitions {
  readonly snapshots: Record<ComponentKind, Interner<unknown>>;
  readonly messages = new Interner<Message>();
  /** The vector slot each message is delivered to. */
  readonly slotOfMessage: number[] = [];
  /** Calls into XState (machine.transition and can) so far. */
  xstateCalls = 0;
  private readonly delivered: (Delivery | undefined)[][] = [];
  private readonly accepted: (boolean | undefined)[][] = [];
  private readonly handled = new Map<string, boolean[]>();
  private readonly outbox: Message[] = [];
  private readonly scopes: Record<ComponentKind, AnyActorScope>;

  constructor(
    private readonly components: Components,
    private readonly layout: Layout,
  ) {
    this.snapshots = Object.fromEntries(COMPONENT_KINDS.map((k) => [k, new Interner<unknown>()])) as Record<ComponentKind, Interner<unknown>>;
    this.scopes = Object.fromEntries(COMPONENT_KINDS.map((k) => [k, createScope(components[k], this.outbox)])) as Record<ComponentKind, AnyActorScope>;
  }

  /** The id of a component's snapshot. */
  localId(kind: ComponentKind, snapshot: unknown): number {
    return this.snapshots[kind].id(snapshot, snapshotKey(snapshot as AnyMachineSnapshot));
  }

  /** The id of a message. */
  messageId(m: Message): number {
    // Messages are built by fixed code paths, so plain JSON is a canonical enough key: at worst two ids stand for one message.
    const id = this.messages.id(m, JSON.stringify(m));
    if (id === this.slotOfMessage.length) this.slotOfMessage.push(slotOf(this.layout, m));
    return id;
  }

  /** Delivers message `msg` to the local state `local` of its target's kind. */
  deliver(msg: number, local: number): Delivery {
    let row = this.delivered[msg];
    if (row === undefined) row = this.delivered[msg] = [];
    return row[local] ?? (row[local] = this.transition(msg, local));
  }

  /** Whether the target's machine, in local state `local`, takes message `msg` (snapshot.can). */
  accepts(msg: number, local: number): boolean {
    let row = this.accepted[msg];
    if (row === undefined) row = this.accepted[msg] = [];
    let r = row[local];
    if (r === undefined) {
      const m = this.messages.values[msg]!;
      this.xstateCalls++;
      r = row[local] = (this.snapshots[m.to].values[local] as AnyMachineSnapshot).can(m.event);
    }
    return r;
  }

  /**
   * Whether the machine, in local state `local`, has any transition on event
   * `type` in its active state nodes: when it has none, no payload can make it
   * accept the event, and the payload need not be computed.
   */
  handles(kind: ComponentKind, local: number, type: string): boolean {
    return this.handlerRow(kind, type)[local] ?? this.findHandler(kind, local, type);
  }

  /** The row of `handles` answers for one kind and event type (keep it to skip the key look-up). */
  handlerRow(kind: ComponentKind, type: string): boolean[] {
    const key = `${kind}:${type}`;
    let row = this.handled.get(key);
    if (row === undefined) this.handled.set(key, (row = []));
    return row;
  }

  private findHandler(kind: ComponentKind, local: number, type: string): boolean {
    const nodes = (this.snapshots[kind].values[local] as AnyMachineSnapshot)._nodes;
    const r = nodes.some((n) => [...n.transitions.keys()].some((d) => d === type || d === '*' || (d.endsWith('.*') && type.startsWith(d.slice(0, -1)))));
    this.handlerRow(kind, type)[local] = r;
    return r;
  }

  /** Calls `f` with every (message, local state) pair delivered so far: the transitions a complete search took. */
  eachDelivered(f: (msg: number, local: number) => void): void {
    this.delivered.forEach((row, msg) => row?.forEach((d, local) => d && f(msg, local)));
  }

  /** Cached transitions, over all kinds. */
  cachedTransitions(): number {
    let n = 0;
    for (const row of this.delivered) if (row) for (const d of row) if (d) n++;
    return n;
  }

  private transition(msg: number, local: number): Delivery {
    const m = this.messages.values[msg]!;
    const machine = this.components[m.to] as AnyStateMachine;
    this.outbox.length = 0;
    this.xstateCalls++;
    const next = machine.transition(this.snapshots[m.to].values[local] as never, m.event as never, this.scopes[m.to]) as unknown;
    const sent = [...this.outbox];
    return { next: this.localId(m.to, next), sends: sent.map((x) => this.messageId(x)) };
  }
}
