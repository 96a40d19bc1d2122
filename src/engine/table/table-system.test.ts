import { describe, expect, it } from 'vitest';
import { monitoredStep, withMonitors } from '../monitor.js';
import { designOf, MUTANTS } from '../../mutants.js';
import { stateKey } from '../../model/canonical.js';
import { FAULTS } from '../../model/faults.js';
import { createSystem } from '../system.js';
import { PRESETS } from '../../topology/presets.js';
import { auditRandomWalks } from './audit-walks.js';
import { TableSystem } from './table-system.js';

/** Random walks over the tables; in every state they reach, the tables must agree with the plain XState step. */
const agreesOnRandomStates = (topology: string, mutant: string | null, seed: number, runs: number): number =>
  auditRandomWalks(new TableSystem(createSystem(PRESETS[topology]!, designOf(mutant)), [...FAULTS]), null, seed, runs);

describe('the cached step', () => {
  it('is the plain XState step on random states of claims-10-11 with every fault', () => {
    expect(agreesOnRandomStates('claims-10-11', null, 1, 12)).toBeGreaterThan(100);
  });

  it('is the plain XState step on random states of the balance-xor and primary presets', () => {
    expect(agreesOnRandomStates('claims-10-11-xor', null, 2, 6)).toBeGreaterThan(50);
    expect(agreesOnRandomStates('claims-10-11-primary', null, 3, 6)).toBeGreaterThan(50);
  });

  it('is the plain XState step on random states of every mutant', () => {
    for (const [n, m] of MUTANTS.entries()) expect(agreesOnRandomStates('claims-10-11', m.id, 10 + n, 2)).toBeGreaterThan(15);
  });

  it('round-trips a state of the plain system through its vector', () => {
    const system = createSystem(PRESETS['claims-10-11']!, designOf(null));
    const ts = new TableSystem(system, [...FAULTS]);
    let s = withMonitors(system, system.initial());
    for (const kind of ['tool.start', 'tool.step', 'traffic.send', 'child.remove'] as const) {
      const e = system.enabled(s, [...FAULTS]).find((x) => x.kind === kind)!;
      s = monitoredStep(system, s, e).state;
      expect(stateKey(ts.materialise(ts.vectorOf(s)))).toBe(stateKey(s));
    }
  });
});
