import type { AnyStateMachine } from 'xstate';
import type { Message } from '../machines/messages.js';
import { createScope } from '../src/engine/scope.js';

/** Drives one machine alone: the initial snapshot, and each event's next snapshot with the messages it sent. */
export function harness<M extends AnyStateMachine>(machine: M, input?: unknown) {
  const outbox: Message[] = [];
  const scope = createScope(machine, outbox);
  let snapshot = machine.getInitialSnapshot(scope, input);
  return {
    get snapshot() {
      return snapshot;
    },
    /** Delivers an event and returns the messages the machine sent. */
    send(event: Parameters<M['transition']>[1]): Message[] {
      outbox.length = 0;
      snapshot = machine.transition(snapshot, event, scope);
      return [...outbox];
    },
    can(event: Parameters<M['transition']>[1]): boolean {
      return snapshot.can(event);
    },
  };
}

/** "netdev1.carrierOff": a message in a few characters, for assertions. */
export const short = (m: Message): string => `${m.to}${'index' in m ? m.index : ''}.${m.event.type}`;
