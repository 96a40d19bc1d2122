import type { FaultId } from '../model/faults.js';
import type { EnvEvent } from '../model/env-event.js';
import { stateKey } from '../model/canonical.js';
import type { PropertyFilter } from '../engine/monitor.js';
import type { System } from '../engine/system.js';
import { replayEvents, ReplayError } from './replay.js';

/** How often a loop is repeated, at most, before the plain system must be back where it began. */
const MAX_ROUNDS = 64;

/**
 * The lasso of the plain system behind a fair cycle the search found. The
 * search's states keep only the history the checked properties read
 * (src/engine/history.ts), so after one pass of the loop the plain system
 * may differ where no property looks: a fault bit the loop sets, a dropped
 * monitor. Those only grow or move within finitely many values, so some
 * later pass starts in a state an earlier pass started in; the prefix is
 * then the passes before it, and the loop the passes between.
 */
export function plainLasso(
  system: System,
  faults: readonly FaultId[],
  only: PropertyFilter,
  prefix: readonly EnvEvent[],
  loop: readonly EnvEvent[],
): { readonly events: EnvEvent[]; readonly loopStart: number } {
  const events = [...prefix, ...loop];
  const replayed = replayEvents(system, faults, [...events, ...Array.from({ length: MAX_ROUNDS - 1 }, () => loop).flat()], only);
  const at = (n: number): string => stateKey(n === 0 ? replayed.start : replayed.states[n - 1]!);
  const seen = new Map<string, number>();
  for (let pass = 0; pass <= MAX_ROUNDS && prefix.length + pass * loop.length <= replayed.states.length; pass++) {
    const key = at(prefix.length + pass * loop.length);
    const first = seen.get(key);
    if (first !== undefined) {
      const start = prefix.length + first * loop.length;
      return { events: [...prefix, ...Array.from({ length: pass }, () => loop).flat()], loopStart: start };
    }
    seen.set(key, pass);
  }
  throw new ReplayError(`the loop of ${loop.length} step(s) after ${prefix.length} did not bring the plain system back to a state it began a pass in within ${MAX_ROUNDS} passes`);
}
