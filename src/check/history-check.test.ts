import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../mutants.js';
import { FAULTS, type FaultId } from '../model/faults.js';
import { PRESETS } from '../topology/presets.js';
import { check, type CheckOptions } from './check.js';

const FIVE = FAULTS.filter((f) => f !== 'FAULT-USER-CONFIG');

/** One check keeping only the history its properties read, and the same check keeping all of it. */
function both(o: CheckOptions) {
  return { full: check({ ...o, fullHistory: true }), kept: check(o) };
}

const outcome = (r: ReturnType<typeof check>) => ({ verdict: r.verdict, id: r.counterexample?.violation.id ?? null, lasso: r.counterexample ? r.counterexample.loopStart !== null : null });

describe('a search that keeps only the history its properties read', () => {
  it('gives the same verdicts, violated ids and counterexample lengths as the full state on claims-1-9 under five faults, LIVE-* included, for the correct design and every mutant', () => {
    let lassos = 0;
    for (const mutant of [null, ...MUTANTS.map((m) => m.id)]) {
      const { full, kept } = both({ topology: PRESETS['claims-1-9']!, mutant, faults: FIVE, audit: false });
      expect({ mutant, ...outcome(kept) }).toEqual({ mutant, ...outcome(full) });
      if (full.verdict === 'pass') expect(kept.states).toBeLessThan(full.states);
      else expect(kept.states).toBeLessThanOrEqual(full.states);
      // check() replays every counterexample through the plain system (a lasso must close there) and throws when it does not break the property.
      if (full.counterexample?.loopStart === null) expect(kept.counterexample!.events.length).toBe(full.counterexample.events.length);
      if (full.counterexample?.loopStart !== null && full.counterexample) lassos++;
      expect(kept.history.note).toMatch(/^on: the 6 fault bits kept as the \d+ classes/);
      expect(full.history.note).toMatch(/^off \(--full-history\)/);
    }
    expect(lassos).toBeGreaterThan(0);
  });

  it('gives the same verdicts and violated ids on sampled presets, fault sets, designs and properties (fixed seed)', () => {
    const sample = fc.record({
      preset: fc.constantFrom(...Object.keys(PRESETS)),
      faults: fc.subarray([...FAULTS] as FaultId[], { minLength: 1 }),
      mutant: fc.option(fc.constantFrom(...MUTANTS), { nil: null }),
      one: fc.boolean(),
    });
    let compared = 0;
    let violations = 0;
    fc.assert(
      fc.property(sample, ({ preset, faults, mutant, one }) => {
        const properties = one && mutant ? [mutant.breaks[0]!] : [];
        const { full, kept } = both({ topology: PRESETS[preset]!, mutant: mutant?.id ?? null, faults, userChanges: 1, properties, audit: false, maxStates: 150_000 });
        expect(kept.states).toBeLessThanOrEqual(full.states);
        if (full.verdict === 'incomplete' || kept.verdict === 'incomplete') return;
        compared++;
        if (full.counterexample) violations++;
        expect(outcome(kept)).toEqual(outcome(full));
      }),
      { seed: 23, numRuns: 20 },
    );
    expect(compared).toBeGreaterThan(10);
    expect(violations).toBeGreaterThan(3);
  });

  it('drops the monitors of invariants not checked, and every fault bit no checked property reads', () => {
    const o: CheckOptions = { topology: PRESETS['claims-1-9']!, mutant: null, faults: FIVE, properties: ['INV-BUS'], liveness: false, audit: false };
    const { full, kept } = both(o);
    expect(kept.verdict).toBe('pass');
    expect(kept.history.note).toBe('on: no fault bit kept (no checked property reads them); 4 of 4 monitors dropped (their invariants are not checked)');
    expect(kept.states * 4).toBeLessThan(full.states);
  });
});
