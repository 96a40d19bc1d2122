import { describe, expect, it } from 'vitest';
import { EXPLORE_CANNOT_BREAK, EXPLORE_CORRECT, EXPLORE_COUNTEREXAMPLE, EXPLORE_MUTANTS, exploreRun, TEST_SEED } from '../scenarios/index.js';
import { explore } from '../src/explore/explore.js';
import { expectedBreaks, MUTANTS, presetsBreaking, type Mutant } from '../src/mutants.js';
import { FAULTS, type FaultId } from '../src/model/faults.js';
import { PRESETS } from '../src/topology/presets.js';

/** Fixed seed and run counts (scenarios/mutants.ts): the suite is deterministic; bigger runs are `hotup explore --runs N`. */
const SEED = TEST_SEED;

function failureReport(r: ReturnType<typeof explore>): string {
  const cx = r.counterexample;
  return cx ? `${cx.violation.id}: ${cx.violation.message}\n${cx.trace}\nreplay: ${cx.replay}` : 'no violation';
}

describe('the correct design', () => {
  it.each(EXPLORE_CORRECT.map((s) => [s.id, s] as const))('%s: every INV-* and LIVE-* holds', (_, s) => {
    const r = explore(exploreRun(s));
    expect(r.counterexample, failureReport(r)).toBeNull();
    if (s.expect.verdict === 'pass' && s.expect.stepsAbove !== undefined) expect(r.steps).toBeGreaterThan(s.expect.stepsAbove);
  });
});

/**
 * The first preset, of those the exhaustive proofs catch it on, and fault set
 * (none, a failing probe, every fault: INV-NO-LOSS is owed only without
 * faults) on which `id` alone catches the mutant, or null.
 */
function catchingPreset(mutant: Mutant, id: string, runs: number): string | null {
  for (const name of presetsBreaking(mutant, id, Object.keys(PRESETS))) {
    for (const faults of [[], ['FAULT-PROBE-FAIL'], [...FAULTS]] as FaultId[][]) {
      const r = explore({ topology: PRESETS[name]!, mutant: mutant.id, runs, steps: 40, seed: SEED, faults, properties: [id] });
      if (r.counterexample?.violation.id === id) return `${name} (faults: ${faults.join(', ') || 'none'})`;
    }
  }
  return null;
}

describe('every design mutant is caught', () => {
  it.each(EXPLORE_MUTANTS.map((s) => [s.id, s] as const))('%s breaks one of the properties it is expected to break', (_, s) => {
    const r = explore(exploreRun(s));
    expect(r.counterexample, `${s.mutant} was not caught`).not.toBeNull();
    expect(s.expect.verdict === 'violation' && s.expect.violates, failureReport(r)).toContain(r.counterexample!.violation.id);
  });

  for (const m of MUTANTS) {
    for (const id of expectedBreaks(m)) {
      it(`${m.id} is caught by ${id} alone`, () => {
        expect(catchingPreset(m, id, 400), `${id} did not catch ${m.id} on any preset`).not.toBeNull();
      });
    }
  }

  it.each(EXPLORE_CANNOT_BREAK.map((s) => [s.id, s] as const))('%s: the mutant does not break it (documented in src/mutants.ts)', (_, s) => {
    const r = explore(exploreRun(s));
    expect(r.counterexample?.violation.id ?? null, failureReport(r)).not.toBe(s.properties[0]);
  });
});

describe('counterexamples', () => {
  it(`${EXPLORE_COUNTEREXAMPLE.id}: short, numbered, name the violated id and replay to the same violation`, () => {
    const s = EXPLORE_COUNTEREXAMPLE;
    const r = explore(exploreRun(s));
    const cx = r.counterexample!;
    if (s.expect.verdict !== 'violation') throw new Error(`${s.id} expects a violation`);
    expect(cx.steps.length).toBeLessThanOrEqual(s.expect.longest!);
    expect(cx.trace).toMatch(/^ {2}1\. tool: start the rolling upgrade/m);
    expect(cx.trace).toMatch(/violated INV-ONE-DOWN/);
    expect(s.expect.violates).toContain(cx.violation.id);
    const again = explore({ ...exploreRun(s, cx.seed), path: cx.path, commandsPath: cx.commandsPath });
    expect(again.counterexample?.trace).toBe(cx.trace);
  });
});
