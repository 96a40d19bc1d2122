import type { Message } from '../../machines/messages.js';
import { draftOf } from '../model/components.js';
import type { EnvEvent } from '../model/env-event.js';
import { faultOf, toMessage } from '../model/event-kinds.js';
import { faultBit } from '../model/faults.js';
import type { SystemState } from '../model/state.js';
import type { MachineDelivery } from './delivery.js';
import { runToCompletion } from './run-to-completion.js';

/** What a step did: the state after it, and every message delivered, the environment's first. */
export interface StepResult {
  readonly state: SystemState;
  readonly log: readonly Message[];
}

/** The state with the fault an environment event injects recorded. */
export function withFault(s: SystemState, e: EnvEvent): SystemState {
  const f = faultOf(e);
  return f === null ? s : { ...s, faults: s.faults | faultBit(f) };
}

/** One environment event and everything it causes, run to completion through `delivery`. */
export function stepThrough(delivery: MachineDelivery, s0: SystemState, e: EnvEvent): StepResult {
  const s = draftOf(withFault(s0, e));
  delivery.state = s;
  const log = runToCompletion([toMessage(s0, e)], delivery, e.kind);
  return { state: s, log };
}
