import { describe, expect, it } from 'vitest';
import { CHECK_ALL_FAULTS, checkRun } from '../../scenarios/index.js';
import { check, type CheckResult } from './check.js';

const why = (r: CheckResult): string => (r.counterexample ? `${r.counterexample.violation.id}: ${r.counterexample.violation.message}\n${r.counterexample.trace}` : r.verdict);

/**
 * The claim a reviewer is asked to accept: every INV-* in every reachable
 * state and no fair cycle breaking a LIVE-*, with every fault of model.md on
 * (one user change per run, what `hotup check` does by default). These are
 * the two longest tests of the suite: millions of states each.
 */
describe('the correct design with every fault on', () => {
  it.each(CHECK_ALL_FAULTS.map((s) => [s.id, s] as const))('%s: every INV-* and LIVE-* holds in every reachable state', { timeout: 1_800_000 }, (_, s) => {
    const r = check(checkRun(s));
    expect(r.verdict, why(r)).toBe('pass');
    expect(r.livenessChecked).toEqual(['LIVE-RESTORE', 'LIVE-UPGRADE-DONE', 'LIVE-REPORT']);
    expect(r.deadlocks).toBe(0);
    if (s.expect.verdict === 'pass') expect(r.states).toBeGreaterThan(s.expect.statesAbove!);
  });
});
