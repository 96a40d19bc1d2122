import { codePresent } from '../src/model/state.js';
import { childName, netdevName } from '../src/topology/topology.js';
import { delivered, type Invariant } from './property.js';

/** INV-NO-FREED-CODE: no call ever runs in, or holds a table of, a child whose code has been freed. */
export const INV_NO_FREED_CODE: Invariant = {
  id: 'INV-NO-FREED-CODE',
  claims: [],
  description: 'no call ever runs in, or holds a table of, a child whose code has been freed',
  observes: ['netdev', 'child', 'traffic'],
  readsMessagesTo: ['traffic'],
  checkStep(_, { log }) {
    const oops = delivered(log, 'traffic', 'oops')[0];
    return oops ? `ndo_start_xmit on ${netdevName(oops.event.netdev)} ran in ${childName(oops.event.child)}'s freed code (kernel oops)` : null;
  },
  check(_, { after }) {
    for (const x of after.traffic.context.inFlight) {
      if (!codePresent(after, x.holder)) return `a transmit in flight on ${netdevName(x.netdev)} holds ${childName(x.holder)}'s table after its code was freed`;
    }
    for (let i = 0; i < after.netdevs.length; i++) {
      const ops = after.netdevs[i]!.context.ops;
      if (ops !== 'parent' && !codePresent(after, ops)) return `${netdevName(i)}'s tables point into ${childName(ops)}'s freed code`;
    }
    return null;
  },
  // Exercised when some child's code is freed (module unloaded) while netdevs it served remain.
  applies: (topology, s) => topology.binding.some((k, i) => s.netdevs[i]!.value === 'registered' && !codePresent(s, k)),
};
