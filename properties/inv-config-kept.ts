import { TARGET_VERSION } from '../src/model/boot.js';
import type { NetdevConfig } from '../machines/messages.js';
import { childBound, codePresent, parentBound } from '../src/model/state.js';
import { childName, netdevName } from '../src/topology/topology.js';
import type { Invariant } from './property.js';

const same = (a: NetdevConfig | null | undefined, b: NetdevConfig): boolean =>
  !!a && a.mtu === b.mtu && a.mac === b.mac && a.adminUp === b.adminUp;
const show = (c: NetdevConfig | null | undefined): string => (c ? `mtu ${c.mtu} mac #${c.mac} ${c.adminUp ? 'up' : 'down'}` : 'nothing');

/**
 * INV-CONFIG-KEPT: the configuration a user sees on N_i changes only when the
 * user changes it (so it is the same before and after a reload), and is what
 * the child driving N_i has programmed.
 */
export const INV_CONFIG_KEPT: Invariant<readonly NetdevConfig[]> = {
  id: 'INV-CONFIG-KEPT',
  claims: [],
  description: "the configuration a user sees on N_i is the same before and after its child's reload, and is what the reloaded child programs",
  observes: ['netdev', 'child', 'parent'],
  init: (_, booted) => booted.netdevs.map((n) => n.context.config),
  observe(expected, { env, before, after }) {
    if (env.kind !== 'user.mtu' && env.kind !== 'user.mac' && env.kind !== 'user.admin') return expected;
    if (before.netdevs[env.netdev]!.value !== 'registered') return expected;
    return expected.map((c, i) => (i === env.netdev ? after.netdevs[i]!.context.config : c));
  },
  check(expected, { topology, after }) {
    if (!parentBound(after)) return null;
    for (let i = 0; i < after.netdevs.length; i++) {
      const n = after.netdevs[i]!;
      if (n.value !== 'registered') continue;
      if (!same(n.context.config, expected[i]!)) {
        return `${netdevName(i)} shows ${show(n.context.config)} but the user configured ${show(expected[i])}`;
      }
      const k = topology.binding[i]!;
      if (n.context.ops === k && codePresent(after, k) && childBound(after, k, i)) {
        const c = after.children[k]!.context;
        const programmed = c.programmed[c.subdevs.indexOf(i)];
        if (!same(programmed, n.context.config)) {
          return `${childName(k)} programmed ${show(programmed)} for ${netdevName(i)}, which shows ${show(n.context.config)}`;
        }
      }
    }
    return null;
  },
  // Exercised when the configuration had to survive a reload: a child at the new version serves a netdev of the bound parent.
  applies: (topology, s) => parentBound(s) && topology.binding.some((k, i) => s.netdevs[i]!.context.ops === k && s.children[k]!.context.version === TARGET_VERSION),
};
