import type { PropertyFilter } from '../engine/monitor.js';
import { auditState, TableMismatch } from '../engine/table/audit.js';
import type { TableSystem } from '../engine/table/table-system.js';
import { canonicalJson, stateKey } from '../model/canonical.js';
import type { FaultId } from '../model/faults.js';

/**
 * Compares the table with the plain `System` on one state of a random run:
 * every enabled event's successor and first broken invariant (auditState),
 * and the events the run may take, restricted to its own faults, against
 * `System.enabled` with those faults. Throws TableMismatch on a difference.
 */
export function auditRunState(ts: TableSystem, v: Uint16Array, faults: readonly FaultId[], runEvents: readonly number[], only: PropertyFilter): void {
  auditState(ts, v, only);
  const s = ts.materialise(v);
  const theirs = ts.system.enabled(s, faults).map((e) => canonicalJson(e));
  const mine = runEvents.map((e) => canonicalJson(ts.envEvent(e)));
  if (mine.join('\n') !== theirs.join('\n')) {
    throw new TableMismatch(`events enabled with faults [${faults.join(', ')}] differ in state ${stateKey(s)}:\n tables: ${mine.join(' ')}\n system: ${theirs.join(' ')}`);
  }
}
