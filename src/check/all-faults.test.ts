import { describe, expect, it } from 'vitest';
import { FAULTS } from '../model/faults.js';
import { PRESETS } from '../topology/presets.js';
import { check, type CheckResult } from './check.js';

const why = (r: CheckResult): string => (r.counterexample ? `${r.counterexample.violation.id}: ${r.counterexample.violation.message}\n${r.counterexample.trace}` : r.verdict);

/**
 * The claim a reviewer is asked to accept: every INV-* in every reachable
 * state and no fair cycle breaking a LIVE-*, with every fault of model.md on
 * (one user change per run, what `hotup check` does by default). These are
 * the two longest tests of the suite: millions of states each.
 */
describe('the correct design with every fault on', () => {
  for (const [name, atLeast] of [
    ['claims-1-9', 1_000_000],
    ['claims-10-11', 10_000_000],
  ] as const) {
    it(`holds every INV-* and LIVE-* in every reachable state of ${name}`, { timeout: 1_800_000 }, () => {
      const r = check({ topology: PRESETS[name]!, mutant: null, faults: [...FAULTS], userChanges: 1, audit: true });
      expect(r.verdict, why(r)).toBe('pass');
      expect(r.livenessChecked).toEqual(['LIVE-RESTORE', 'LIVE-UPGRADE-DONE', 'LIVE-REPORT']);
      expect(r.deadlocks).toBe(0);
      expect(r.states).toBeGreaterThan(atLeast);
    });
  }
});
