import { describe, expect, it } from 'vitest';
import { opText } from './compare.js';
import { allScenarios, unconfirmed } from './conformance.js';
import { requiredTransitions, stepRecords, transitionCoverage, uncompared, type ScenarioResult } from './coverage.js';
import { DELAYS } from './scenarios.js';
import { BOND_TRANSITIONS } from './transitions.js';

const scenarios = allScenarios();
/** A run in which the kernel agreed with every step, except the steps `disagree` picks. */
const results = (disagree: (name: string, op: string) => boolean = () => false): ScenarioResult[] =>
  scenarios.map((s) => ({
    name: s.name,
    error: null,
    steps: [{ step: 0, op: 'set up', divergences: [] }, ...s.ops.map((o, n) => ({ step: n + 1, op: opText(o), divergences: disagree(s.name, opText(o)) ? [{ field: 'x', kernel: 1, model: 2 }] : [] }))],
  }));

describe('transitions of the bond machine', () => {
  it('lists exactly the transitions the machine can take at some delay', () => {
    const reachable = new Set(DELAYS.flatMap((d) => [...requiredTransitions(d)]));
    expect([...reachable].filter((id) => !BOND_TRANSITIONS.some((t) => t.id === id)), 'taken but not listed in BOND_TRANSITIONS').toEqual([]);
    expect(BOND_TRANSITIONS.filter((t) => !reachable.has(t.id)).map((t) => t.id), 'listed but never taken').toEqual([]);
  });

  it('has the delays shape the kernel gives them: going down and going back only with a delay, staying in them only with 2 ticks or more', () => {
    expect(requiredTransitions(0).has('miimon: fail -> up')).toBe(false);
    expect(requiredTransitions(1).has('miimon: fail -> fail')).toBe(false);
    for (const d of [2, 3]) {
      for (const id of ['miimon: fail -> up', 'miimon: back -> down', 'miimon: fail -> fail', 'miimon: back -> back']) expect(requiredTransitions(d).has(id), `${id} at d${d}`).toBe(true);
      expect(requiredTransitions(d).has('miimon: up -> down')).toBe(false);
    }
  });
});

describe('the scenarios the harness runs', () => {
  it('take every transition the machine can take, at every delay, and show every behaviour the doc states', () => {
    const records = stepRecords(scenarios, results());
    expect(uncompared(transitionCoverage(records))).toEqual([]);
    expect(unconfirmed(records)).toEqual([]);
  });

  it('count a step only when the kernel agreed with it: disagreeing on every tick of the delay-2 and -3 runs leaves their transitions uncompared', () => {
    const records = stepRecords(scenarios, results((name, op) => /-d[23](-|$)/.test(name) && op.startsWith('tick')));
    const missing = uncompared(transitionCoverage(records));
    expect(missing).toContain('miimon: fail -> up at delay 2');
    expect(missing).toContain('miimon: back -> down at delay 3');
    expect(missing.some((m) => m.endsWith('delay 0') || m.endsWith('delay 1'))).toBe(false);
  });

  it('count a step only when the run has its observation for that very operation', () => {
    const shifted = results().map((r) => ({ ...r, steps: r.steps.map((v) => ({ ...v, op: v.step === 0 ? v.op : `${v.op}?` })) }));
    expect(stepRecords(scenarios, shifted).filter((r) => r.agreed)).toEqual([]);
  });
});
