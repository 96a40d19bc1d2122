import { TARGET_VERSION } from '../src/model/boot.js';
import { childAllBound, moduleState, parentBound } from '../src/model/state.js';
import { childName, netdevName } from '../src/topology/topology.js';
import type { Liveness } from './property.js';

/** LIVE-RESTORE: after C_k loads again, every N_i it binds has its link open and its traffic back on S_i under C_k. */
export const LIVE_RESTORE: Liveness = {
  id: 'LIVE-RESTORE',
  claims: [6, 11],
  description: 'after C_k loads again, every N_i it binds has its link open and its traffic back on S_i under C_k',
  check(topology, s) {
    if (!parentBound(s)) return null;
    for (let k = 0; k < topology.children; k++) {
      if (moduleState(s, k) !== 'loaded' || !childAllBound(s, k)) continue;
      for (let i = 0; i < topology.netdevs; i++) {
        if (topology.binding[i] !== k) continue;
        const n = s.netdevs[i]!.context;
        const slave = s.bond.context.slaves[i]!;
        if (!n.carrier) return `${childName(k)} is loaded but ${netdevName(i)}'s link never reopened`;
        if (n.ops !== k) return `${childName(k)} is loaded but ${netdevName(i)} is not served by it`;
        if (n.config.adminUp && !(slave.enslaved && slave.link === 'up')) return `${childName(k)} is loaded but the bond does not use ${netdevName(i)} again`;
      }
    }
    return null;
  },
  // Owed while the parent is bound for a child at the new version, loaded, every sub-device matched.
  applies: (topology, s) => parentBound(s) && topology.binding.some((k) => moduleState(s, k) === 'loaded' && s.children[k]!.context.version === TARGET_VERSION && childAllBound(s, k)),
};
