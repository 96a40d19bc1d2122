import { moduleState } from '../src/model/state.js';
import { childName } from '../src/topology/topology.js';
import { delivered, type Invariant } from './property.js';

/** INV-ONE-DOWN: the upgrade tool never has two children unloaded at once. */
export const INV_ONE_DOWN: Invariant<readonly boolean[]> = {
  id: 'INV-ONE-DOWN',
  claims: [8],
  observes: ['child'],
  readsMessagesTo: ['child'],
  description: 'the upgrade tool never has two children unloaded at once',
  init: (topology) => Array.from({ length: topology.children }, () => false),
  observe(downByTool, { env, log, after }) {
    // A child the tool unloaded counts as down until it is loaded again.
    const rmmods = env.kind === 'tool.step' ? delivered(log, 'child', 'rmmod').map((m) => (m.to === 'child' ? m.index : -1)) : [];
    return downByTool.map((d, k) => (rmmods.includes(k) || d) && moduleState(after, k) !== 'loaded');
  },
  check(downByTool) {
    const down = downByTool.flatMap((d, k) => (d ? [childName(k)] : []));
    return down.length > 1 ? `the tool has ${down.join(' and ')} unloaded at once` : null;
  },
  // Exercised while the tool has a child down.
  applies: (_, s) => ((s.monitors['INV-ONE-DOWN'] as readonly boolean[] | undefined) ?? []).some((d) => d),
};
