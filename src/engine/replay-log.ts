import type { Message } from '../../machines/messages.js';
import { draftOf } from '../model/components.js';
import type { EnvEvent } from '../model/env-event.js';
import { withFault } from './step.js';
import type { SystemState } from '../model/state.js';
import { LoggedDelivery } from './delivery.js';
import { runToCompletion } from './run-to-completion.js';

export { deliverTo } from './delivery.js';

const logged = new LoggedDelivery();

/**
 * The state after the first `count` messages of a step's log, replayed in
 * order: a step's log is every message it delivered, so replaying it gives the
 * states in between (what an observation logged mid-step saw) and, for a whole
 * log, the state after the step without knowing the design.
 */
export function replayLog(before: SystemState, env: EnvEvent, log: readonly Message[], count = log.length): SystemState {
  const s = draftOf(withFault(before, env));
  logged.state = s;
  runToCompletion(log.slice(0, count), logged, env.kind);
  return s;
}
