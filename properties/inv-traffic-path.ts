import { codePresent } from '../src/model/state.js';
import { childName, netdevName } from '../src/topology/topology.js';
import { delivered, type Invariant } from './property.js';

/** INV-TRAFFIC-PATH: every processed packet was processed by S_i under the child that binds S_i, and that child was loaded. */
export const INV_TRAFFIC_PATH: Invariant = {
  id: 'INV-TRAFFIC-PATH',
  claims: [4, 10],
  observes: ['child', 'traffic'],
  readsMessagesTo: ['traffic'],
  description: 'every processed packet was processed by S_i under the child that binds S_i, and that child was loaded',
  check(_, { topology, before, log }) {
    for (const p of delivered(log, 'traffic', 'processed')) {
      const { netdev, child, version } = p.event;
      if (topology.binding[netdev] !== child) return `a packet of ${netdevName(netdev)} was processed by ${childName(child)}, which does not bind S${netdev + 1}`;
      if (!codePresent(before, child) || before.children[child]!.context.version !== version) {
        return `a packet of ${netdevName(netdev)} was processed by ${childName(child)} code that is not loaded`;
      }
    }
    return null;
  },
  // Exercised when a transmit is in flight (through a child's tables): its packet will be processed by that child.
  applies: (_, s) => s.traffic.context.inFlight.length > 0,
};
