import { monitoredStep, type PropertyFilter } from '../monitor.js';
import { canonicalJson, stateKey } from '../../model/canonical.js';
import { EnabledEvents } from './enabled-events.js';
import type { TableSystem } from './table-system.js';
import { newVector, type LocalIds } from '../layout.js';

/** The cached tables and the plain system disagree: a bug in src/engine/table, never in the model. */
export class TableMismatch extends Error {}

/**
 * Compares the table system with the plain `System` on one state: the same
 * enabled events, and for each the same successor (every component, the
 * faults, the monitors, as far as the table system keeps their history) and
 * the same first broken invariant as `monitoredStep`.
 */
export function auditState(ts: TableSystem, v: LocalIds, only: PropertyFilter): void {
  const system = ts.system;
  const s = ts.materialise(v);
  const plain = system.enabled(s, ts.faults).filter((e) => ts.allows(v, e));
  plain.forEach(EnabledEvents.assertGrouped);
  const env = new Int32Array(512);
  const msg = new Int32Array(512);
  const n = ts.enabled(v, env, msg);
  const mine = Array.from(env.subarray(0, n), (e) => canonicalJson(ts.envEvent(e)));
  const theirs = plain.map((e) => canonicalJson(e));
  if (mine.join('\n') !== theirs.join('\n')) {
    throw new TableMismatch(`enabled events differ in state ${stateKey(s)}:\n tables: ${mine.join(' ')}\n system: ${theirs.join(' ')}`);
  }
  const out = newVector(ts.width);
  for (let j = 0; j < n; j++) {
    const r = monitoredStep(system, s, plain[j]!, only);
    ts.step(v, env[j]!, msg[j]!, out);
    const bad = ts.violation(false);
    const mineKey = stateKey(ts.materialise(out));
    const theirKey = stateKey(ts.reduced(r.state));
    if (mineKey !== theirKey) throw new TableMismatch(`step ${theirs[j]} from ${stateKey(s)}:\n tables: ${mineKey}\n system: ${theirKey}`);
    const id = bad < 0 ? null : ts.invariants[bad]!.inv.id;
    if (id !== (r.violation?.id ?? null)) throw new TableMismatch(`step ${theirs[j]} from ${stateKey(s)}: tables report ${id}, monitoredStep ${r.violation?.id ?? null}`);
  }
}
