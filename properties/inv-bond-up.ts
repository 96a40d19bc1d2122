import { faultBit } from '../src/model/faults.js';
import { childBound, codePresent, orchestrating } from '../src/model/state.js';
import type { Invariant } from './property.js';

/** The faults model.md allows to excuse INV-BOND-UP and INV-NO-LOSS: an operator or the PCI core took devices away. */
export const OUTAGE_EXCUSES = faultBit('FAULT-FORCED-UNLOAD') | faultBit('FAULT-PARENT-REMOVE');

/** INV-BOND-UP: during an orchestrated upgrade the bond always has a slave whose link is open and whose child is loaded. */
export const INV_BOND_UP: Invariant = {
  id: 'INV-BOND-UP',
  claims: [5, 8, 11],
  description: 'during an orchestrated upgrade the bond always has at least one slave whose link is open and whose child is loaded',
  observes: ['bond', 'netdev', 'child', 'parent', 'tool', 'faults'],
  readsFaults: { any: false, bits: OUTAGE_EXCUSES },
  check(_, { topology, after }) {
    if (!orchestrating(after)) return null;
    // Excuse (model.md): owed only when no forced unload and no parent removal happened.
    if ((after.faults & OUTAGE_EXCUSES) !== 0) return null;
    const usable = after.bond.context.slaves.some((sl, i) => {
      const k = topology.binding[i]!;
      return sl.enslaved && after.netdevs[i]!.context.carrier && codePresent(after, k) && childBound(after, k, i);
    });
    return usable ? null : 'the bond has no slave whose link is open and whose child is loaded';
  },
  // Owed during an orchestrated upgrade with no operator unload and no parent removal.
  applies: (_, s) => orchestrating(s) && (s.faults & OUTAGE_EXCUSES) === 0,
};
