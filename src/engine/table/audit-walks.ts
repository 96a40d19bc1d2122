import fc from 'fast-check';
import type { PropertyFilter } from '../monitor.js';
import { newVector, type LocalIds } from '../layout.js';
import { auditState } from './audit.js';
import type { TableSystem } from './table-system.js';

/**
 * Audits every state of `runs` random walks (10 to 30 steps from the initial
 * state, picked by `seed`) with `auditState`; returns how many states were audited.
 */
export function auditRandomWalks(ts: TableSystem, only: PropertyFilter, seed: number, runs: number): number {
  const env = new Int32Array(512);
  const msg = new Int32Array(512);
  let audited = 0;
  fc.assert(
    fc.property(fc.array(fc.nat(), { minLength: 10, maxLength: 30 }), (picks) => {
      let v: LocalIds = Uint32Array.from(ts.initial);
      for (const p of picks) {
        auditState(ts, v, only);
        audited++;
        const n = ts.enabled(v, env, msg);
        const next = newVector(ts.width);
        ts.step(v, env[p % n]!, msg[p % n]!, next);
        v = next;
      }
    }),
    { seed, numRuns: runs },
  );
  return audited;
}
