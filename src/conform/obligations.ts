import { LIVENESS } from '../../properties/index.js';
import { settle } from '../explore/settle.js';
import type { System } from '../engine/system.js';
import type { SystemState } from '../model/state.js';
import type { OpenObligation } from './candidate.js';

/**
 * The LIVE-* obligations open at the end of the trace in every clean
 * explanation (given by its final state), and whether the model's own fair
 * steps would still discharge each (the trace stopped early) or not (the
 * implementation is stuck).
 */
export function openObligations(system: System, finals: readonly SystemState[]): OpenObligation[] {
  if (finals.length === 0) return [];
  const t = system.topology;
  const out: OpenObligation[] = [];
  for (const live of LIVENESS) {
    const messages = finals.map((s) => live.check(t, s));
    if (messages.some((m) => m === null)) continue;
    const settled = settle(system, finals[0]!).state;
    out.push({ id: live.id, message: messages[0]!, dischargedByModel: live.check(t, settled) === null });
  }
  return out;
}
