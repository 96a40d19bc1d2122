import { moduleState, parentBound } from '../src/model/state.js';
import { childName } from '../src/topology/topology.js';
import type { Liveness } from './property.js';

/** LIVE-REPORT: with a fault, the upgrade tool stops and reports it instead of waiting forever. */
export const LIVE_REPORT: Liveness = {
  id: 'LIVE-REPORT',
  claims: [],
  description: 'with a fault, the upgrade tool stops and reports it instead of waiting forever',
  readsFaults: { any: true, bits: 0 },
  check(topology, s) {
    if (s.tool.value === 'idle' || s.faults === 0) return null;
    if (s.tool.value === 'stopped') return s.tool.context.report ? null : 'the tool stopped without a report';
    if (s.tool.value !== 'done') return `the tool neither finished nor reported (still ${String(s.tool.value)})`;
    if (!parentBound(s)) return null;
    // A failed probe, not an operator's later sysfs unbind: what happens after the tool is done is not its to report.
    for (let k = 0; k < topology.children; k++) {
      const c = s.children[k]!.context;
      const failed = moduleState(s, k) === 'loaded' && c.version === s.tool.context.target && c.status.includes('failed');
      if (failed) return `the tool finished without reporting that ${childName(k)} failed to bind its sub-devices`;
    }
    return null;
  },
  // Owed once the tool has started, after some fault.
  applies: (_, s) => s.tool.value !== 'idle' && s.faults !== 0,
};
