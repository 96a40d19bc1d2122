import { describe, expect, it } from 'vitest';
import { explore } from '../src/explore/explore.js';
import { MUTANTS } from '../src/mutants.js';
import { FAULTS } from '../src/model/faults.js';
import { PRESETS } from '../src/topology/presets.js';

/** Fixed seed and run counts: the suite is deterministic; bigger runs are `hotup explore --runs N`. */
const SEED = 42;
const claims1011 = PRESETS['claims-10-11']!;

function failureReport(r: ReturnType<typeof explore>): string {
  const cx = r.counterexample;
  return cx ? `${cx.violation.id}: ${cx.violation.message}\n${cx.trace}\nreplay: ${cx.replay}` : 'no violation';
}

describe('the correct design', () => {
  for (const name of ['claims-1-9', 'claims-10-11', 'claims-10-11-xor', 'claims-10-11-primary']) {
    it(`holds every INV-* and LIVE-* on ${name} with every fault (seed ${SEED})`, () => {
      const r = explore({ topology: PRESETS[name]!, mutant: null, runs: 150, steps: 40, seed: SEED, faults: [...FAULTS] });
      expect(r.counterexample, failureReport(r)).toBeNull();
      expect(r.steps).toBeGreaterThan(2000);
    });
  }

  it('holds every property on claims-10-11 with no faults', () => {
    const r = explore({ topology: claims1011, mutant: null, runs: 150, steps: 40, seed: SEED, faults: [] });
    expect(r.counterexample, failureReport(r)).toBeNull();
  });
});

/** The first preset on which `id` alone catches the mutant, or null. */
function catchingPreset(mutant: string, id: string, runs: number): string | null {
  for (const [name, topology] of Object.entries(PRESETS)) {
    const r = explore({ topology, mutant, runs, steps: 40, seed: SEED, faults: [...FAULTS], properties: [id] });
    if (r.counterexample?.violation.id === id) return name;
  }
  return null;
}

describe('every design mutant is caught', () => {
  for (const m of MUTANTS) {
    const expected = [...m.breaks, ...(m.alsoBreaks ?? [])];
    it(`${m.id} breaks one of ${expected.join(', ')} on claims-10-11`, () => {
      const r = explore({ topology: claims1011, mutant: m.id, runs: 400, steps: 40, seed: SEED, faults: [...FAULTS] });
      expect(r.counterexample, `${m.id} was not caught`).not.toBeNull();
      expect(expected, failureReport(r)).toContain(r.counterexample!.violation.id);
    });
    for (const id of expected.filter((x) => !m.cannotBreak?.[x])) {
      it(`${m.id} is caught by ${id} alone`, () => {
        expect(catchingPreset(m.id, id, 400), `${id} did not catch ${m.id} on any preset`).not.toBeNull();
      });
    }
    for (const id of Object.keys(m.cannotBreak ?? {})) {
      it(`${m.id} does not break ${id} (documented in src/mutants.ts)`, () => {
        expect(catchingPreset(m.id, id, 200)).toBeNull();
      });
    }
  }
});

describe('counterexamples', () => {
  it('are short, numbered, name the violated id and replay to the same violation', () => {
    const r = explore({ topology: claims1011, mutant: 'MUT-PARALLEL-UPGRADE', runs: 200, steps: 40, seed: SEED, faults: [] });
    const cx = r.counterexample!;
    expect(cx.steps.length).toBeLessThanOrEqual(25);
    expect(cx.trace).toMatch(/^ {2}1\. tool: start the rolling upgrade/m);
    expect(cx.trace).toMatch(/violated INV-ONE-DOWN/);
    const again = explore({
      topology: claims1011,
      mutant: 'MUT-PARALLEL-UPGRADE',
      runs: 200,
      steps: 40,
      seed: cx.seed,
      faults: [],
      path: cx.path,
      commandsPath: cx.commandsPath,
    });
    expect(again.counterexample?.trace).toBe(cx.trace);
  });
});
