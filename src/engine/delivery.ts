import type { AnyActorScope, AnyStateMachine } from 'xstate';
import type { ComponentKind, Message } from '../../machines/messages.js';
import { COMPONENT_KINDS, setSnapshotAt, snapshotAt, type Components, type DraftState } from '../model/components.js';
import type { Delivery } from './run-to-completion.js';
import { createScope } from './scope.js';

/** Watches every delivery: which machine, its snapshot before, the event, and which instance of the kind (for coverage). */
export type TransitionObserver = (kind: ComponentKind, machine: AnyStateMachine, before: unknown, event: Message['event'], index: number) => void;

/**
 * Delivery through XState: `machine.transition(snapshot, event, scope)` of
 * the target's machine in `components`, with one reused scope per machine
 * whose executor collects what the machine sends.
 */
export class MachineDelivery implements Delivery<Message> {
  /** The state the next deliveries write into. */
  state!: DraftState;
  private readonly outbox: Message[] = [];
  private readonly scopes: Record<ComponentKind, AnyActorScope>;

  constructor(
    readonly components: Components,
    private readonly observer?: TransitionObserver,
  ) {
    this.scopes = Object.fromEntries(COMPONENT_KINDS.map((k) => [k, createScope(components[k], this.outbox)])) as Record<ComponentKind, AnyActorScope>;
  }

  /** The snapshot component `kind` starts in, with its machine's input. */
  initialSnapshot(kind: ComponentKind, input: unknown): unknown {
    const machine = this.components[kind] as AnyStateMachine;
    return machine.getInitialSnapshot(this.scopes[kind], input);
  }

  deliver(m: Message, queue: Message[]): void {
    const index = 'index' in m ? m.index : 0;
    const machine = this.components[m.to] as AnyStateMachine;
    const before = snapshotAt(this.state, m.to, index);
    this.observer?.(m.to, machine, before, m.event, index);
    this.outbox.length = 0;
    setSnapshotAt(this.state, m.to, index, machine.transition(before as never, m.event as never, this.scopes[m.to]));
    for (const x of this.outbox) queue.push(x);
  }
}

const sink: Message[] = [];
const scopes = new WeakMap<AnyStateMachine, AnyActorScope>();

/** A reused scope per machine whose actions' messages are dropped. */
function sinkScope(machine: AnyStateMachine): AnyActorScope {
  let scope = scopes.get(machine);
  if (!scope) scopes.set(machine, (scope = createScope(machine, sink)));
  return scope;
}

/** One machine's snapshot after one message, through the machine the snapshot belongs to (so the design is the run's). */
export function deliverTo<S>(snapshot: S, event: Message['event']): S {
  const machine = (snapshot as { machine: AnyStateMachine }).machine;
  const next = machine.transition(snapshot as never, event as never, sinkScope(machine)) as S;
  sink.length = 0;
  return next;
}

/**
 * Delivery of a logged message: the queue already holds the whole log, so
 * what a target sends is dropped; each snapshot moves through its own
 * machine, so a log is replayed without knowing the design that wrote it.
 */
export class LoggedDelivery implements Delivery<Message> {
  state!: DraftState;

  deliver(m: Message): void {
    const index = 'index' in m ? m.index : 0;
    setSnapshotAt(this.state, m.to, index, deliverTo(snapshotAt(this.state, m.to, index), m.event));
  }
}
