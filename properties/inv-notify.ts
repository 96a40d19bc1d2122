import { TARGET_VERSION } from '../src/model/boot.js';
import { childAllBound, moduleState } from '../src/model/state.js';
import { childName } from '../src/topology/topology.js';
import { delivered, type Invariant } from './property.js';

/**
 * INV-NOTIFY: exactly one upgrade-finished notification per successful load,
 * on the configured channel, only after the child matched every one of its sub-devices.
 */
export const INV_NOTIFY: Invariant<readonly boolean[]> = {
  id: 'INV-NOTIFY',
  claims: [6, 7, 11],
  observes: ['child', 'tool'],
  readsMessagesTo: ['child', 'tool'],
  description:
    'exactly one upgrade-finished notification per successful load, on the configured channel, only after the child matched every one of its sub-devices',
  init: (topology) => Array.from({ length: topology.children }, () => true),
  observe(notified, { log }) {
    const loads = delivered(log, 'child', 'load').map((m) => (m.to === 'child' ? m.index : -1));
    const sent = delivered(log, 'tool', 'notification').map((m) => m.event.child);
    return notified.map((n, k) => (loads.includes(k) ? false : n) || sent.includes(k));
  },
  check(notified, { topology, before, log, after }) {
    const sent = delivered(log, 'tool', 'notification');
    for (const m of sent) {
      const k = m.event.child;
      if (m.event.channel !== topology.channel) return `${childName(k)}'s notification came on ${m.event.channel}, not ${topology.channel}`;
      const reloaded = delivered(log, 'child', 'load').some((l) => l.to === 'child' && l.index === k);
      const alreadyNotified = (before.monitors['INV-NOTIFY'] as readonly boolean[] | undefined)?.[k] === true && !reloaded;
      if (sent.filter((x) => x.event.child === k).length > 1 || alreadyNotified) {
        return `${childName(k)} sent a second upgrade-finished notification for one load`;
      }
      if (!childAllBound(after, k)) return `${childName(k)} notified before matching every one of its sub-devices`;
    }
    for (let k = 0; k < after.children.length; k++) {
      const justLoaded = moduleState(before, k) === 'loading' && moduleState(after, k) === 'loaded';
      if (justLoaded && childAllBound(after, k) && !notified[k]) return `${childName(k)} loaded and matched every sub-device but sent no notification`;
    }
    return null;
  },
  // Exercised when a child at the new version has matched every sub-device: its one notification is owed.
  applies: (topology, s) => topology.binding.some((k) => moduleState(s, k) === 'loaded' && s.children[k]!.context.version === TARGET_VERSION && childAllBound(s, k)),
};
