import { createActor, type AnyActorScope, type SnapshotFrom } from 'xstate';
import { bondMachine } from '../../machines/bond.js';
import { createChildMachine } from '../../machines/child.js';
import type { Design } from '../../machines/design.js';
import { messagesOf, type Message } from '../../machines/messages.js';
import { netdevMachine } from '../../machines/netdev.js';
import { createParentMachine } from '../../machines/parent.js';
import { createToolMachine } from '../../machines/tool.js';
import { trafficMachine } from '../../machines/traffic.js';

/** The component machines of one design. */
export function createComponents(design: Design) {
  return {
    parent: createParentMachine(design),
    child: createChildMachine(design),
    netdev: netdevMachine,
    bond: bondMachine,
    tool: createToolMachine(design),
    traffic: trafficMachine,
  };
}

/** The component machines of one design. */
export type Components = ReturnType<typeof createComponents>;
export type ParentSnapshot = SnapshotFrom<Components['parent']>;
export type ChildSnapshot = SnapshotFrom<Components['child']>;
export type NetdevSnapshot = SnapshotFrom<Components['netdev']>;
export type BondSnapshot = SnapshotFrom<Components['bond']>;
export type ToolSnapshot = SnapshotFrom<Components['tool']>;
export type TrafficSnapshot = SnapshotFrom<Components['traffic']>;

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
