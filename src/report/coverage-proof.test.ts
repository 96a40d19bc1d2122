import { describe, expect, it } from 'vitest';
import { check } from '../check/check.js';
import { explore } from '../explore/explore.js';
import { uncovered } from '../explore/coverage.js';
import { createComponents } from '../model/components.js';
import { CORRECT_DESIGN } from '../../machines/design.js';
import { PRESETS } from '../topology/presets.js';
import { COVERAGE_SETTINGS, loadCoverageProofs, uncoveredReason } from './coverage-proof.js';

const components = createComponents(CORRECT_DESIGN);
const PROOFS = loadCoverageProofs();

describe('coverage with reasons', () => {
  it('hotup check --coverage lists what no reachable state takes: the parent is never removed without FAULT-PARENT-REMOVE', () => {
    const without = check({ topology: PRESETS['claims-1-9']!, mutant: null, faults: [], coverage: true, liveness: false });
    const missed = uncovered(components, without.coverage!.visited).map((u) => `${u.machine} ${u.kind} ${u.id}`);
    expect(missed).toContain('parent state parent.removed');
    const withRemove = check({ topology: PRESETS['claims-1-9']!, mutant: null, faults: ['FAULT-PARENT-REMOVE'], coverage: true, liveness: false });
    expect(uncovered(components, withRemove.coverage!.visited).map((u) => u.id)).not.toContain('parent.removed');
  });

  it('the committed proofs are those of COVERAGE_SETTINGS', () => {
    expect(PROOFS.map((p) => [p.topology, [...p.faults], p.userChanges])).toEqual(COVERAGE_SETTINGS.map((s) => [s.topology, [...s.faults], s.userChanges]));
  });

  it('an explored run marks each miss: unreachable in the correct design (proven), or not reached in this run', () => {
    const r = explore({ topology: PRESETS['claims-1-9']!, mutant: null, runs: 10, steps: 20, seed: 42, faults: [], coverage: true });
    const reasons = new Map(uncovered(components, r.visited).map((u) => [`${u.machine} ${u.id}`, uncoveredReason(u, r.topology, null, r.faults, PROOFS)]));
    // A transmit into a child's freed code never happens in the correct design: the oops path is proven unreachable.
    expect(reasons.get('child child.unloaded:ndoStartXmit->child.unloaded')).toMatch(/^unreachable in the correct design \(proven by the exhaustive check: [\d,]+ states, every fault, at most 1 user change per run\)$/);
    // The parent can be removed (FAULT-PARENT-REMOVE), only not in this run, which injects no fault.
    expect(reasons.get('parent parent.removed')).toBe('not reached in this run');
    // A mutant's run is not covered by the correct design's proof.
    expect(uncoveredReason({ machine: 'child', kind: 'transition', id: 'child.unloaded:ndoStartXmit->child.unloaded' }, 'claims-1-9', 'MUT-NO-DRAIN', [], PROOFS)).toBe('not reached in this run');
  });
});
