import { bondSettled } from '../model/state.js';
import type { TableRun, TableRuns } from './table-runs.js';

/**
 * The fair completion of a run over the table, step for step as `settle`
 * takes it on the plain system: for `rounds` rounds every enabled driver step
 * of the round's start is taken once, in order, if the state then still
 * accepts it; at rest (only miimon left, bond caught up) it stops early. Then
 * the LIVE-* are checked, unless an invariant broke on the way.
 */
export function settleRun(r: TableRuns, m: TableRun, rounds: number): void {
  m.fairFrom = m.envs.length;
  const ts = r.ts;
  for (let round = 0; round < rounds; round++) {
    for (const env of r.fairEvents(m)) {
      const msg = r.acceptingMessage(m, env);
      if (msg < 0) continue;
      if (r.step(m, env, msg)) return;
    }
    const next = r.fairEvents(m);
    if (next.every((e) => ts.envEvent(e).kind === 'bond.miimon') && bondSettled(ts.materialise(m.v))) break;
  }
  r.checkLiveness(m);
}
