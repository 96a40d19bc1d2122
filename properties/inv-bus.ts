import { TARGET_VERSION } from '../src/model/boot.js';
import { subdevName } from '../machines/child.js';
import { childBound } from '../src/model/state.js';
import { childName } from '../src/topology/topology.js';
import type { Invariant } from './property.js';

/** INV-BUS: children bind only virtual-bus sub-devices whose id they declare; the parent sits on the physical bus. */
export const INV_BUS: Invariant = {
  id: 'INV-BUS',
  claims: [9],
  description: 'children bind only virtual-bus sub-devices whose id they declare; the parent sits on the physical bus',
  observes: ['child', 'parent'],
  check(_, { topology, after }) {
    if (after.parent.context.bus !== 'pci') return 'the parent is not on the physical (PCI) bus';
    for (let k = 0; k < after.children.length; k++) {
      const c = after.children[k]!.context;
      for (const i of c.subdevs) {
        if (!childBound(after, k, i)) continue;
        if (after.parent.context.subdevBus[i] !== 'auxiliary') return `${childName(k)} is bound to S${i + 1}, which sits on the ${after.parent.context.subdevBus[i]} bus, not the auxiliary bus`;
        const dev = subdevName(topology.binding[i]!, i);
        // auxiliary_match_id(): the device name up to its last dot must equal the id_table entry.
        if (dev.slice(0, dev.lastIndexOf('.')) !== c.idTable) return `${childName(k)} (id ${c.idTable}) is bound to auxiliary device ${dev}`;
      }
    }
    return null;
  },
  // Exercised when a child at the new version has matched a sub-device: a bind made after boot.
  applies: (topology, s) => topology.binding.some((k, i) => s.children[k]!.context.version === TARGET_VERSION && childBound(s, k, i)),
};
