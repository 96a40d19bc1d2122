import { childBound, codePresent, parentBound } from '../src/model/state.js';
import { netdevName } from '../src/topology/topology.js';
import type { Invariant } from './property.js';

/** INV-LINK-CLOSED: while the parent holds N_i (no child has it bound), N_i's link is closed. */
export const INV_LINK_CLOSED: Invariant = {
  id: 'INV-LINK-CLOSED',
  claims: [5, 11],
  description: "while the parent holds N_i, N_i's link is closed",
  observes: ['netdev', 'child', 'parent'],
  check(_, { topology, after }) {
    if (!parentBound(after)) return null;
    for (let i = 0; i < after.netdevs.length; i++) {
      const n = after.netdevs[i]!;
      const k = topology.binding[i]!;
      const held = !(codePresent(after, k) && childBound(after, k, i));
      if (n.value === 'registered' && held && n.context.carrier) return `the parent holds ${netdevName(i)} but its link is open (carrier on)`;
    }
    return null;
  },
  // Owed while the parent is bound; exercised when it holds a registered netdev.
  applies: (topology, s) => parentBound(s) && topology.binding.some((k, i) => s.netdevs[i]!.value === 'registered' && !(codePresent(s, k) && childBound(s, k, i))),
};
