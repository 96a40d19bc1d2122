import { childAllBound, moduleState } from '../src/model/state.js';
import { childName } from '../src/topology/topology.js';
import type { Liveness } from './property.js';

/** LIVE-UPGRADE-DONE: with no faults, the rolling upgrade finishes with every child on the new version. */
export const LIVE_UPGRADE_DONE: Liveness = {
  id: 'LIVE-UPGRADE-DONE',
  claims: [3, 8],
  description: 'with no faults, the rolling upgrade finishes with every child on the new version',
  readsFaults: { any: true, bits: 0 },
  check(topology, s) {
    if (s.tool.value === 'idle' || s.faults !== 0) return null;
    if (s.tool.value !== 'done') return `the rolling upgrade did not finish (tool ${String(s.tool.value)})`;
    for (let k = 0; k < topology.children; k++) {
      if (moduleState(s, k) !== 'loaded' || s.children[k]!.context.version !== s.tool.context.target || !childAllBound(s, k)) {
        return `the tool finished but ${childName(k)} is not loaded at version ${s.tool.context.target} with every sub-device bound`;
      }
    }
    return null;
  },
  // Owed once the tool has started, with no fault.
  applies: (_, s) => s.tool.value !== 'idle' && s.faults === 0,
};
