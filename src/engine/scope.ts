import { createActor, type AnyActorScope } from 'xstate';
import { messagesOf, type Message } from '../../machines/messages.js';

/**
 * One reused actor scope per machine: `machine.transition(snapshot, event, scope)`
 * stays pure, and the scope's action executor collects the messages the
 * machine's actions carry into `outbox` instead of running anything.
 */
export function createScope(machine: Parameters<typeof createActor>[0], outbox: Message[]): AnyActorScope {
  const self = createActor(machine);
  return {
    self,
    id: '',
    sessionId: '',
    logger: () => {},
    defer: (fn: () => void) => fn(),
    emit: () => {},
    stopChild: () => {},
    system: self.system,
    actionExecutor: (action: { params?: unknown }) => {
      for (const m of messagesOf(action.params)) outbox.push(m);
    },
  } as unknown as AnyActorScope;
}
