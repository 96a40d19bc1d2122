import { describe, expect, it } from 'vitest';
import { INVARIANTS } from '../../properties/index.js';
import { explore } from '../explore/explore.js';
import { MUTANTS } from '../mutants.js';
import { FAULTS, type FaultId } from '../model/faults.js';
import { PRESETS } from '../topology/presets.js';
import { check, type CheckOptions, type CheckResult } from './check.js';

const SEED = 42;
const INV_IDS = INVARIANTS.map((p) => p.id);

/** Faults whose state space a test can exhaust: everything but user configuration and operator unloads, which multiply it. */
const SMALL_FAULTS: FaultId[] = ['FAULT-PROBE-FAIL', 'FAULT-NOTIFY-LOST', 'FAULT-TOOL-RESTART', 'FAULT-PARENT-REMOVE'];

const run = (o: Partial<CheckOptions> & Pick<CheckOptions, 'topology'>): CheckResult => check({ mutant: null, faults: [...FAULTS], ...o });
const why = (r: CheckResult): string => (r.counterexample ? `${r.counterexample.violation.id}: ${r.counterexample.violation.message}\n${r.counterexample.trace}` : r.verdict);

describe('the correct design', () => {
  for (const name of ['claims-1-9', 'claims-10-11']) {
    it(`holds every INV-* and LIVE-* in every reachable state of ${name} with the faults ${SMALL_FAULTS.join(', ')}`, () => {
      const r = run({ topology: PRESETS[name]!, faults: SMALL_FAULTS });
      expect(r.verdict, why(r)).toBe('pass');
      expect(r.livenessChecked).toEqual(['LIVE-RESTORE', 'LIVE-UPGRADE-DONE', 'LIVE-REPORT']);
      expect(r.states).toBeGreaterThan(100);
    });
  }

  it('holds every INV-* and LIVE-* in every reachable state of claims-1-9 with operator unloads added', () => {
    const r = run({ topology: PRESETS['claims-1-9']!, faults: [...SMALL_FAULTS, 'FAULT-FORCED-UNLOAD'] });
    expect(r.verdict, why(r)).toBe('pass');
    expect(r.livenessChecked).toEqual(['LIVE-RESTORE', 'LIVE-UPGRADE-DONE', 'LIVE-REPORT']);
    expect(r.states).toBeGreaterThan(50_000);
  });

  it('counts a budget of user changes: none leaves the user-config space out, one adds it', () => {
    const base = run({ topology: PRESETS['claims-1-9']!, faults: ['FAULT-USER-CONFIG'], userChanges: 0, liveness: false });
    const none = run({ topology: PRESETS['claims-1-9']!, faults: [], liveness: false });
    const one = run({ topology: PRESETS['claims-1-9']!, faults: ['FAULT-USER-CONFIG'], userChanges: 1, liveness: false });
    expect(base.states).toBe(none.states);
    expect(one.userChanges).toBe(1);
    expect(one.states).toBeGreaterThan(base.states);
  });

  for (const name of ['claims-1-9', 'claims-10-11']) {
    it(`breaks no INV-* in the first 20,000 states of ${name} with every fault, and says the search is incomplete`, () => {
      const r = run({ topology: PRESETS[name]!, maxStates: 20_000 });
      expect(r.verdict, why(r)).toBe('incomplete');
      expect(r.states).toBe(20_000);
      expect(r.livenessChecked).toEqual([]);
    });
  }
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
  for (const m of MUTANTS) {
    const expected = [...m.breaks, ...(m.alsoBreaks ?? [])];
    it(`${m.id}: the first violation is one of ${expected.join(', ')}`, () => {
      const r = run({ topology: PRESETS['claims-10-11']!, mutant: m.id, faults: ['FAULT-PROBE-FAIL'] });
      expect(r.verdict).toBe('violation');
      expect(expected, why(r)).toContain(r.counterexample!.violation.id);
    });
    for (const id of expected.filter((x) => !m.cannotBreak?.[x])) {
      it(`${m.id} is caught by ${id} alone, no later than explore finds it`, () => {
        const found = caughtBy(m.id, id);
        expect(found, `${id} did not catch ${m.id}`).not.toBeNull();
        const { r, name, faults } = found!;
        expect(r.counterexample!.violation.id).toBe(id);
        const e = explore({ topology: PRESETS[name]!, mutant: m.id, runs: 200, steps: 40, seed: SEED, faults, properties: [id] });
        if (e.counterexample) expect(r.counterexample!.events.length).toBeLessThanOrEqual(e.counterexample.steps.length);
      });
    }
    for (const id of Object.keys(m.cannotBreak ?? {})) {
      it(`${m.id} cannot break ${id}: proven on every preset (faults none, then a failing probe)`, () => {
        for (const topology of Object.values(PRESETS)) {
          for (const faults of [[], ['FAULT-PROBE-FAIL']] as FaultId[][]) {
            const r = run({ topology, mutant: m.id, faults, properties: [id] });
            expect(r.verdict, `${topology.name}: ${why(r)}`).toBe('pass');
          }
        }
      });
    }
  }
});

describe('counterexamples', () => {
  it('are shortest: a breadth-first trace no longer than any explore finds, replayable event by event', () => {
    const r = run({ topology: PRESETS['claims-10-11']!, mutant: 'MUT-PARALLEL-UPGRADE', faults: [] });
    const cx = r.counterexample!;
    expect(cx.violation.id).toBe('INV-ONE-DOWN');
    expect(cx.loopStart).toBeNull();
    expect(cx.trace).toMatch(/^ {2}1\. tool: start the rolling upgrade/m);
    expect(cx.trace).toMatch(/violated INV-ONE-DOWN/);
    for (const seed of [1, 2, 3]) {
      const e = explore({ topology: PRESETS['claims-10-11']!, mutant: 'MUT-PARALLEL-UPGRADE', runs: 200, steps: 40, seed, faults: [] });
      expect(cx.events.length).toBeLessThanOrEqual(e.counterexample!.steps.length);
    }
  });

  it('for LIVE-* are lassos: a prefix, then a loop of driver steps that returns to where it began', () => {
    const r = run({ topology: PRESETS['claims-1-9']!, mutant: 'MUT-NO-REOPEN', faults: [], properties: ['LIVE-RESTORE'] });
    const cx = r.counterexample!;
    expect(cx.violation.id).toBe('LIVE-RESTORE');
    expect(cx.loopStart).not.toBeNull();
    expect(cx.loopStart!).toBeLessThan(cx.events.length);
    expect(cx.trace).toMatch(/-- loop: the steps below repeat forever --/);
  });
});
