import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { designOf } from '../../mutants.js';
import { FAULTS } from '../../model/faults.js';
import { observe } from '../../model/state.js';
import { createSystem } from '../system.js';
import { PRESETS } from '../../topology/presets.js';
import { Observations } from './observations.js';
import { TableSystem } from './table-system.js';

describe('Observations', () => {
  it('gives every state of random walks the observation observe() makes of it, and one id per distinct observation', () => {
    for (const [topology, mutant, seed] of [
      ['claims-10-11', null, 5],
      ['claims-10-11-primary', 'MUT-NO-WAIT-FAILOVER', 6],
    ] as const) {
      const ts = new TableSystem(createSystem(PRESETS[topology]!, designOf(mutant)), [...FAULTS]);
      const obs = new Observations(ts.layout, ts.transitions.snapshots);
      const env = new Int32Array(512);
      const msg = new Int32Array(512);
      const byJson = new Map<string, number>();
      fc.assert(
        fc.property(fc.array(fc.nat(), { minLength: 10, maxLength: 40 }), (picks) => {
          let v = Uint32Array.from(ts.initial);
          for (const p of picks) {
            const id = obs.idOf(v);
            const plain = observe(ts.materialise(v));
            expect(obs.values[id]).toEqual(plain);
            const json = JSON.stringify(plain);
            expect(byJson.get(json) ?? id).toBe(id);
            byJson.set(json, id);
            const n = ts.enabled(v, env, msg);
            const next = new Uint32Array(ts.width);
            ts.step(v, env[p % n]!, msg[p % n]!, next);
            v = next;
          }
        }),
        { seed, numRuns: 30 },
      );
      // The walks met more than one observation: the test compares something.
      expect(byJson.size).toBeGreaterThan(5);
    }
  });
});
