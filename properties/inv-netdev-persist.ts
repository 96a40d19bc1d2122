import { childBound, codePresent, parentBound } from '../src/model/state.js';
import { netdevName } from '../src/topology/topology.js';
import type { Invariant } from './property.js';

/** INV-NETDEV-PERSIST: while the parent is bound no netdev is unregistered or re-created; names and ifindexes never change. */
export const INV_NETDEV_PERSIST: Invariant<readonly { name: string; ifindex: number }[]> = {
  id: 'INV-NETDEV-PERSIST',
  claims: [1, 2, 8, 11],
  description: 'while the parent is bound no netdev or sub-device is unregistered or re-created; names and ifindexes never change',
  observes: ['netdev', 'child', 'parent'],
  init: (_, booted) => booted.netdevs.map((n) => ({ name: n.context.name, ifindex: n.context.ifindex })),
  check(first, { after }) {
    if (!parentBound(after)) return null;
    for (let i = 0; i < after.netdevs.length; i++) {
      const n = after.netdevs[i]!;
      const was = first[i]!;
      if (n.value !== 'registered') return `${netdevName(i)} was unregistered while the parent is bound`;
      if (n.context.ifindex !== was.ifindex || n.context.name !== was.name) {
        return `${netdevName(i)} was re-created: ifindex ${was.ifindex} -> ${n.context.ifindex}`;
      }
    }
    return null;
  },
  // Owed while the parent is bound; exercised when a netdev outlives its child's code (the parent holds it).
  applies: (topology, s) => parentBound(s) && topology.binding.some((k, i) => !(codePresent(s, k) && childBound(s, k, i))),
};
