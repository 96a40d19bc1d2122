import { monitoredStep, type CheckedStep, type PropertyFilter } from '../engine/monitor.js';
import { TableMismatch } from '../engine/table/audit.js';
import type { TableSystem } from '../engine/table/table-system.js';
import type { LocalIds } from '../engine/layout.js';
import { canonicalJson, stateKey } from '../model/canonical.js';
import type { FaultId } from '../model/faults.js';
import type { SystemState } from '../model/state.js';

/** What the plain system does in one audited step, to compare with the table's step. */
export interface PlainStep {
  readonly before: SystemState;
  readonly event: string;
  readonly result: CheckedStep;
}

/**
 * The first half of auditing one step of a random run against the plain
 * `System`: the events the run may take in state `v` (the table's, restricted
 * to the run's faults) must be `System.enabled` with those faults (within the
 * bound on rounds), in order;
 * then the plain system takes event `env`. Throws TableMismatch.
 */
export function plainStep(ts: TableSystem, v: LocalIds, faults: readonly FaultId[], runEvents: readonly number[], env: number, only: PropertyFilter): PlainStep {
  const s = ts.materialise(v);
  const theirs = ts.system.enabled(s, faults).filter((e) => ts.allows(v, e)).map((e) => canonicalJson(e));
  const mine = runEvents.map((e) => canonicalJson(ts.envEvent(e)));
  if (mine.join('\n') !== theirs.join('\n')) {
    throw new TableMismatch(`events enabled with faults [${faults.join(', ')}] differ in state ${stateKey(s)}:\n tables: ${mine.join(' ')}\n system: ${theirs.join(' ')}`);
  }
  const e = ts.envEvent(env);
  return { before: s, event: canonicalJson(e), result: monitoredStep(ts.system, s, e, only) };
}

/** The second half: the table's successor `after` and first broken invariant (`bad`, or -1) must be the plain system's. */
export function comparePlainStep(ts: TableSystem, plain: PlainStep, after: LocalIds, bad: number): void {
  const mine = stateKey(ts.materialise(after));
  const theirs = stateKey(plain.result.state);
  const where = `step ${plain.event} from ${stateKey(plain.before)}`;
  if (mine !== theirs) throw new TableMismatch(`${where}:\n tables: ${mine}\n system: ${theirs}`);
  const id = bad < 0 ? null : ts.invariants[bad]!.inv.id;
  if (id !== (plain.result.violation?.id ?? null)) throw new TableMismatch(`${where}: tables report ${id}, monitoredStep ${plain.result.violation?.id ?? null}`);
}
