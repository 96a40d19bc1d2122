import { CORRECT_DESIGN, type Design } from '../../machines/design.js';
import type { Message } from '../../machines/messages.js';
import { BOOT_MTU, BOOT_VERSION } from '../model/boot.js';
import { COMPONENT_KINDS, COMPONENTS, createComponents, rehome, setSnapshotAt, snapshotAt, type Components, type DraftState } from '../model/components.js';
import type { EnvEvent } from '../model/env-event.js';
import { toMessage } from '../model/event-kinds.js';
import type { FaultId } from '../model/faults.js';
import { bondSettled, type SystemState } from '../model/state.js';
import type { Topology } from '../topology/topology.js';
import { MachineDelivery, type TransitionObserver } from './delivery.js';
import { candidateEvents } from './enabled.js';
import { stepThrough, type StepResult } from './step.js';

export type { StepResult } from './step.js';
export type { TransitionObserver } from './delivery.js';
export { LivelockError } from './run-to-completion.js';

/**
 * The composed system of one topology and one design: a pure step function
 * (state + environment event -> state), the events enabled in a state, and the
 * booted initial state. The same functions serve random exploration, replay
 * and every checker, so they cannot disagree.
 */
export interface System {
  readonly topology: Topology;
  readonly design: Design;
  readonly components: Components;
  /** The booted system: parent probed, children at version 1 bound, bond settled, tool idle. */
  initial(): SystemState;
  step(state: SystemState, e: EnvEvent): StepResult;
  /** The message an environment event becomes, with its payload read from the state. */
  toMessage(state: SystemState, e: EnvEvent): Message;
  /** Whether the target machine accepts the event in this state. */
  accepts(state: SystemState, e: EnvEvent): boolean;
  /** Every environment event that is enabled, restricted to the allowed faults. */
  enabled(state: SystemState, faults: readonly FaultId[]): EnvEvent[];
}

/** Whether the target of message `m` accepts it in state `s` (snapshot.can). */
export function acceptsMessage(s: SystemState, m: Message): boolean {
  return snapshotAt(s, m.to, 'index' in m ? m.index : 0).can(m.event);
}

/**
 * Boot: the parent probes; user space enslaves the netdevs and sets their MTU;
 * each child module loads and probes; the bond's monitor catches up. Every
 * design boots the same way, under the correct design: boot is not what a
 * mutant breaks.
 */
function boot(t: Topology, delivery: MachineDelivery): SystemState {
  const s0 = { children: [], netdevs: [], faults: 0, monitors: {} } as unknown as DraftState;
  for (const kind of COMPONENT_KINDS) {
    for (let i = 0; i < COMPONENTS[kind].count(t); i++) setSnapshotAt(s0, kind, i, delivery.initialSnapshot(kind, COMPONENTS[kind].input(t, i)));
  }
  let s: SystemState = s0;
  const go = (e: EnvEvent): void => {
    s = stepThrough(delivery, s, e).state;
  };
  go({ kind: 'parent.probe' });
  for (let i = 0; i < t.netdevs; i++) go({ kind: 'bond.enslave', netdev: i });
  for (let i = 0; i < t.netdevs; i++) go({ kind: 'user.mtu', netdev: i, mtu: BOOT_MTU });
  for (let k = 0; k < t.children; k++) {
    go({ kind: 'child.load', child: k, version: BOOT_VERSION });
    for (const i of t.binding.flatMap((o, j) => (o === k ? [j] : []))) go({ kind: 'child.probe', child: k, subdev: i, ok: true });
  }
  for (let n = 0; n < 10 && !bondSettled(s); n++) go({ kind: 'bond.miimon' });
  if (!bondSettled(s)) throw new Error(`boot of ${t.name} did not settle the bond`);
  return s;
}

/** Builds the system of a topology under a design. */
export function createSystem(topology: Topology, design: Design, onTransition?: TransitionObserver): System {
  const components = createComponents(design);
  const delivery = new MachineDelivery(components, onTransition);
  const bootDelivery = design === CORRECT_DESIGN ? delivery : new MachineDelivery(createComponents(CORRECT_DESIGN), onTransition);
  const accepts = (s: SystemState, e: EnvEvent): boolean => acceptsMessage(s, toMessage(s, e));
  return {
    topology,
    design,
    components,
    initial: () => ({ ...rehome(components, boot(topology, bootDelivery)), faults: 0 }),
    step: (s, e) => stepThrough(delivery, s, e),
    toMessage,
    accepts,
    enabled: (s, faults) => candidateEvents(topology, s, faults).filter((e) => accepts(s, e)),
  };
}
