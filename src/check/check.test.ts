import { describe, expect, it } from 'vitest';
import { CHECK_CANNOT_BREAK, CHECK_CORRECT, CHECK_COUNTEREXAMPLES, CHECK_CUT, CHECK_MUTANTS, checkRun, TEST_SEED } from '../../scenarios/index.js';
import { explore } from '../explore/explore.js';
import { expectedBreaks, MUTANTS } from '../mutants.js';
import { FAULTS, type FaultId } from '../model/faults.js';
import { PRESETS } from '../topology/presets.js';
import { check, type CheckOptions, type CheckResult } from './check.js';

const SEED = TEST_SEED;

const run = (o: Partial<CheckOptions> & Pick<CheckOptions, 'topology'>): CheckResult => check({ mutant: null, faults: [...FAULTS], ...o });
const why = (r: CheckResult): string => (r.counterexample ? `${r.counterexample.violation.id}: ${r.counterexample.violation.message}\n${r.counterexample.trace}` : r.verdict);
const cases = <T extends { id: string }>(xs: readonly T[]): (readonly [string, T])[] => xs.map((s) => [s.id, s] as const);

describe('the correct design', () => {
  it.each(cases(CHECK_CORRECT))('%s: every INV-* and LIVE-* holds in every reachable state', (_, s) => {
    const r = check(checkRun(s));
    expect(r.verdict, why(r)).toBe('pass');
    expect(r.livenessChecked).toEqual(['LIVE-RESTORE', 'LIVE-UPGRADE-DONE', 'LIVE-REPORT']);
    if (s.expect.verdict === 'pass') expect(r.states).toBeGreaterThan(s.expect.statesAbove!);
  });

  it('counts a budget of user changes: none leaves the user-config space out, one adds it', () => {
    const base = run({ topology: PRESETS['claims-1-9']!, faults: ['FAULT-USER-CONFIG'], userChanges: 0, liveness: false });
    const none = run({ topology: PRESETS['claims-1-9']!, faults: [], liveness: false });
    const one = run({ topology: PRESETS['claims-1-9']!, faults: ['FAULT-USER-CONFIG'], userChanges: 1, liveness: false });
    expect(base.states).toBe(none.states);
    expect(one.userChanges).toBe(1);
    expect(one.states).toBeGreaterThan(base.states);
  });

  it.each(cases(CHECK_CUT))('%s: breaks no INV-* in the states it stores, and says the search is incomplete', (_, s) => {
    const r = check(checkRun(s));
    expect(r.verdict, why(r)).toBe('incomplete');
    if (s.expect.verdict === 'incomplete') expect(r.states).toBe(s.expect.states);
    expect(r.livenessChecked).toEqual([]);
  });
});

/** The first configuration (preset, then faults none or a failing probe) on which `id` alone catches the mutant. */
function caughtBy(mutant: string, id: string): { r: CheckResult; name: string; faults: FaultId[] } | null {
  for (const name of ['claims-10-11', 'claims-10-11-xor']) {
    for (const faults of [[], ['FAULT-PROBE-FAIL']] as FaultId[][]) {
      const r = run({ topology: PRESETS[name]!, mutant, faults, properties: [id] });
      if (r.verdict === 'violation') return { r, name, faults };
    }
  }
  return null;
}

describe('every design mutant is caught by check', () => {
  it.each(cases(CHECK_MUTANTS))('%s: the first violation is one the mutant is expected to break', (_, s) => {
    const r = check(checkRun(s));
    expect(r.verdict).toBe('violation');
    expect(s.expect.verdict === 'violation' && s.expect.violates, why(r)).toContain(r.counterexample!.violation.id);
  });
  for (const m of MUTANTS) {
    for (const id of expectedBreaks(m)) {
      it(`${m.id} is caught by ${id} alone, no later than explore finds it`, () => {
        const found = caughtBy(m.id, id);
        expect(found, `${id} did not catch ${m.id}`).not.toBeNull();
        const { r, name, faults } = found!;
        expect(r.counterexample!.violation.id).toBe(id);
        const e = explore({ topology: PRESETS[name]!, mutant: m.id, runs: 200, steps: 40, seed: SEED, faults, properties: [id] });
        if (e.counterexample) expect(r.counterexample!.events.length).toBeLessThanOrEqual(e.counterexample.steps.length);
      });
    }
  }
  it.each(cases(CHECK_CANNOT_BREAK))('%s: the mutant cannot break it, proven', (_, s) => {
    const r = check(checkRun(s));
    expect(r.verdict, `${s.topology}: ${why(r)}`).toBe('pass');
  });
});

describe('counterexamples', () => {
  const [shortest, lasso] = CHECK_COUNTEREXAMPLES;

  it(`${shortest!.id}: shortest, a breadth-first trace no longer than any explore finds, replayable event by event`, () => {
    const s = shortest!;
    const r = check(checkRun(s));
    const cx = r.counterexample!;
    expect(cx.violation.id).toBe('INV-ONE-DOWN');
    if (s.expect.verdict === 'violation') expect(s.expect.violates).toContain(cx.violation.id);
    expect(cx.loopStart).toBeNull();
    expect(cx.trace).toMatch(/^ {2}1\. tool: start the rolling upgrade/m);
    expect(cx.trace).toMatch(/violated INV-ONE-DOWN/);
    for (const seed of [1, 2, 3]) {
      const e = explore({ topology: PRESETS[s.topology]!, mutant: s.mutant, runs: 200, steps: 40, seed, faults: [...s.faults] });
      expect(cx.events.length).toBeLessThanOrEqual(e.counterexample!.steps.length);
    }
  });

  it(`${lasso!.id}: for LIVE-* a lasso, a prefix, then a loop of driver steps that returns to where it began`, () => {
    const s = lasso!;
    const r = check(checkRun(s));
    const cx = r.counterexample!;
    expect(cx.violation.id).toBe('LIVE-RESTORE');
    if (s.expect.verdict === 'violation') expect(s.expect.violates).toContain(cx.violation.id);
    expect(cx.loopStart).not.toBeNull();
    expect(cx.loopStart!).toBeLessThan(cx.events.length);
    expect(cx.trace).toMatch(/-- loop: the steps below repeat forever --/);
  });
});
