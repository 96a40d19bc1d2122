import type { AnyActorScope, AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { Message } from '../../machines/messages.js';
import { createScope } from '../system/components.js';
import { faultOf, type EnvEvent } from '../system/env-event.js';
import { faultBit } from '../system/faults.js';
import type { SystemState } from '../system/state.js';

const sink: Message[] = [];
const scopes = new WeakMap<AnyStateMachine, AnyActorScope>();

/** A reused scope per machine whose actions' messages are dropped: the log already holds them. */
function scopeOf(machine: AnyStateMachine): AnyActorScope {
  let scope = scopes.get(machine);
  if (!scope) {
    scope = createScope(machine, sink);
    scopes.set(machine, scope);
  }
  return scope;
}

/** One machine's snapshot after one message, through the machine the snapshot belongs to (so the design is the run's). */
export function deliverTo<S>(snapshot: S, event: Message['event']): S {
  const machine = (snapshot as AnyMachineSnapshot).machine as AnyStateMachine;
  const next = machine.transition(snapshot as never, event as never, scopeOf(machine)) as S;
  sink.length = 0;
  return next;
}

/** The whole state after one delivered message. */
export function deliver(s: SystemState, m: Message): SystemState {
  switch (m.to) {
    case 'parent':
      return { ...s, parent: deliverTo(s.parent, m.event) };
    case 'child':
      return { ...s, children: s.children.map((c, k) => (k === m.index ? deliverTo(c, m.event) : c)) };
    case 'netdev':
      return { ...s, netdevs: s.netdevs.map((n, i) => (i === m.index ? deliverTo(n, m.event) : n)) };
    case 'bond':
      return { ...s, bond: deliverTo(s.bond, m.event) };
    case 'tool':
      return { ...s, tool: deliverTo(s.tool, m.event) };
    case 'traffic':
      return { ...s, traffic: deliverTo(s.traffic, m.event) };
  }
}

/**
 * The state after the first `count` messages of a step's log, replayed in
 * order: a step's log is every message it delivered, so replaying it gives the
 * states in between (what an observation logged mid-step saw) and, for a whole
 * log, the state after the step without knowing the design.
 */
export function replayLog(before: SystemState, env: EnvEvent, log: readonly Message[], count = log.length): SystemState {
  const fault = faultOf(env);
  let s: SystemState = fault === null ? before : { ...before, faults: before.faults | faultBit(fault) };
  for (let i = 0; i < count && i < log.length; i++) s = deliver(s, log[i]!);
  return s;
}
