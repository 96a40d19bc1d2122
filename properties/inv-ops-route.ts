import { TARGET_VERSION } from '../src/model/boot.js';
import { childBound, codePresent } from '../src/model/state.js';
import { childName, netdevName } from '../src/topology/topology.js';
import type { Invariant } from './property.js';

/** INV-OPS-ROUTE: N_i's live tables are C_k's exactly when C_k is loaded and has matched S_i; otherwise the parent's. */
export const INV_OPS_ROUTE: Invariant = {
  id: 'INV-OPS-ROUTE',
  claims: [1, 2, 10],
  observes: ['netdev', 'child'],
  description: "N_i's live tables are C_k's exactly when C_k is loaded and has matched S_i; otherwise the parent's",
  check(_, { topology, after }) {
    for (let i = 0; i < after.netdevs.length; i++) {
      const n = after.netdevs[i]!;
      if (n.value !== 'registered') continue;
      const k = topology.binding[i]!;
      const delegated = codePresent(after, k) && childBound(after, k, i);
      const ops = n.context.ops;
      if (ops !== 'parent' && ops !== k) return `${netdevName(i)}'s tables point at ${childName(ops)}, which does not bind S${i + 1}`;
      if (delegated && ops !== k) return `${childName(k)} has matched S${i + 1} but ${netdevName(i)} is still served by the parent's tables`;
      if (!delegated && ops === k) return `${netdevName(i)}'s tables still point at ${childName(k)}, which no longer binds S${i + 1}`;
    }
    return null;
  },
  // Exercised when some netdev is held by the parent (take-over) or delegated to a reloaded child: the two switches of its tables.
  applies: (topology, s) => topology.binding.some((k, i) => s.netdevs[i]!.value === 'registered' && (s.netdevs[i]!.context.ops === 'parent' || s.children[k]!.context.version === TARGET_VERSION)),
};
