import { orchestrating } from '../src/model/state.js';
import { delivered, type Invariant } from './property.js';

/** INV-NO-LOSS: during an orchestrated upgrade with no faults, no packet handed to the bond is dropped. */
export const INV_NO_LOSS: Invariant = {
  id: 'INV-NO-LOSS',
  claims: [],
  description: 'during an orchestrated upgrade with no faults, no packet handed to the bond is dropped',
  observes: ['traffic', 'tool', 'faults'],
  readsMessagesTo: ['traffic'],
  readsFaults: { any: true, bits: 0 },
  check(_, { before, after, log }) {
    // The drop first: most steps drop nothing, and the checker's memo then reads nothing else.
    const drop = delivered(log, 'traffic', 'dropped')[0];
    if (!drop) return null;
    if (!orchestrating(before) && !orchestrating(after)) return null;
    // Excuse (model.md): owed only with no faults at all, so in particular no forced unload and no parent removal.
    if (after.faults !== 0) return null;
    return `a packet handed to the bond was dropped (${drop.event.reason})`;
  },
  // Exercised during an orchestrated upgrade with no fault, a packet in flight.
  applies: (_, s) => orchestrating(s) && s.faults === 0 && s.traffic.context.inFlight.length > 0,
};
