import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVARIANTS, LIVENESS } from '../../properties/index.js';
import type { FaultsRead, Invariant, Liveness, StepView } from '../../properties/property.js';
import { designOf, MUTANTS } from '../mutants.js';
import { FAULTS, faultBit } from '../model/faults.js';
import type { SystemState } from '../model/state.js';
import { PRESETS } from '../topology/presets.js';
import { auditRandomWalks } from './table/audit-walks.js';
import { TableSystem } from './table/table-system.js';
import { faultClasses, historyFor } from './history.js';
import { checkStep, withMonitors } from './monitor.js';
import { createSystem } from './system.js';

const MASKS = Array.from({ length: 1 << FAULTS.length }, (_, m) => m);
const NONE: FaultsRead = { any: false, bits: 0 };
type Property = Invariant<unknown> | Liveness;
const isInvariant = (p: Property): p is Invariant<unknown> => p.id.startsWith('INV-');

/** What a property answers on a step whose states carry fault masks `before` and `after`. */
function answers(p: Property, step: StepView, before: number, after: number): unknown {
  const b: SystemState = { ...step.before, faults: before };
  const a: SystemState = { ...step.after, faults: after };
  if (!isInvariant(p)) return [p.check(step.topology, a), p.applies(step.topology, a)];
  const view = { ...step, before: b, after: a };
  return [p.check(a.monitors[p.id], view), p.applies(step.topology, a), p.observe ? p.observe(b.monitors[p.id], view) : null];
}

/**
 * Steps of a random walk (the picks choose among the enabled events) on a
 * preset with every fault, each with the monitors' states, and whether some
 * property `p` answers differently on a mask and on its class under `reads`.
 */
function readsOnlyDeclared(p: Property, reads: FaultsRead, preset: string, mutant: string | null, picks: readonly number[]): boolean {
  const system = createSystem(PRESETS[preset]!, designOf(mutant));
  const cls = faultClasses([reads]);
  let s = withMonitors(system, system.initial());
  for (const pick of picks) {
    const enabled = system.enabled(s, FAULTS);
    if (enabled.length === 0) break;
    const env = enabled[pick % enabled.length]!;
    const r = checkStep(system, s, env, system.step(s, env));
    const step: StepView = { topology: system.topology, before: s, env, log: r.log, after: r.state };
    for (const m of MASKS) {
      // The step can only add bits: any superset of the mask before is a mask after.
      for (const added of [0, ...FAULTS.map(faultBit)]) {
        const after = m | added;
        if (JSON.stringify(answers(p, step, m, after)) !== JSON.stringify(answers(p, step, cls[m]!, cls[after]!))) return false;
      }
    }
    s = r.state;
  }
  return true;
}

const walks = fc.record({
  preset: fc.constantFrom(...Object.keys(PRESETS)),
  mutant: fc.option(fc.constantFrom(...MUTANTS.map((m) => m.id)), { nil: null }),
  picks: fc.array(fc.nat(), { minLength: 5, maxLength: 40 }),
});

describe('the history a search keeps', () => {
  it('maps fault masks to classes that `mask | fault` respects, for every set of properties', () => {
    const reading = [...INVARIANTS, ...LIVENESS].filter((p) => p.readsFaults);
    expect(reading.length).toBeGreaterThan(1);
    for (let subset = 0; subset < 1 << reading.length; subset++) {
      const cls = faultClasses(reading.filter((_, j) => subset & (1 << j)).map((p) => p.readsFaults!));
      for (const m of MASKS) {
        expect(cls[cls[m]!]).toBe(cls[m]);
        for (const f of FAULTS) expect(cls[cls[m]! | faultBit(f)]).toBe(cls[m | faultBit(f)]);
      }
    }
  });

  it('keeps every bit a property reads and says so in `observes`', () => {
    for (const p of INVARIANTS) expect(p.observes.includes('faults'), p.id).toBe(p.readsFaults !== undefined);
    const all = historyFor(null);
    expect(new Set(all.faultClass).size).toBe(8);
    expect(all.monitors).toBeNull();
    const one = historyFor(new Set(['INV-BUS']));
    expect(new Set(one.faultClass)).toEqual(new Set([0]));
    expect(one.note).toMatch(/no fault bit kept.*4 of 4 monitors dropped/);
  });

  it('holds every property to what it declares it reads of the faults, on random walks of every preset and design (fixed seed)', () => {
    for (const p of [...INVARIANTS, ...LIVENESS] as Property[]) {
      fc.assert(
        fc.property(walks, ({ preset, mutant, picks }) => readsOnlyDeclared(p, p.readsFaults ?? NONE, preset, mutant, picks)),
        { seed: 7, numRuns: 30 },
      );
    }
  });

  it('catches a property that reads more of the faults than it declares', () => {
    // INV-BOND-UP is excused by a forced unload or a parent removal, not by any fault: declaring only "any" must be caught.
    const bondUp = INVARIANTS.find((p) => p.id === 'INV-BOND-UP')!;
    const wrong = fc.check(
      fc.property(walks, ({ preset, picks }) => readsOnlyDeclared(bondUp, { any: true, bits: 0 }, preset, 'MUT-PARALLEL-UPGRADE', picks)),
      { seed: 7, numRuns: 60 },
    );
    expect(wrong.failed).toBe(true);
    const noLoss = INVARIANTS.find((p) => p.id === 'INV-NO-LOSS')!;
    expect(fc.check(fc.property(walks, ({ preset, picks }) => readsOnlyDeclared(noLoss, NONE, preset, 'MUT-NO-WAIT-FAILOVER', picks)), { seed: 7, numRuns: 60 }).failed).toBe(true);
  });

  it('lets the tables agree with the plain step on the kept history, on random states of claims-10-11 with every fault', () => {
    for (const only of [null, new Set(['INV-BOND-UP']), new Set(['INV-BUS', 'LIVE-REPORT'])]) {
      const ts = new TableSystem(createSystem(PRESETS['claims-10-11']!, designOf(null)), [...FAULTS], only, 1, 1, historyFor(only));
      const audited = auditRandomWalks(ts, only, 3, 8);
      expect(audited).toBeGreaterThan(50);
    }
  });
});
