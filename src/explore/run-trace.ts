import { checkLiveness, monitoredStep, type PropertyFilter } from '../engine/monitor.js';
import type { System } from '../engine/system.js';
import { TableMismatch } from '../engine/table/audit.js';
import type { TableSystem } from '../engine/table/table-system.js';
import type { SystemState } from '../model/state.js';
import type { Violation } from '../../properties/property.js';
import { traceStep, type TraceStep } from '../trace/trace.js';
import type { TableRun } from './table-runs.js';

/** A run as a trace: every step with its messages, the state after and its violations. */
export interface RunTrace {
  readonly steps: readonly TraceStep[];
  readonly violation: Violation | null;
}

/**
 * The trace of a run taken over the table, rebuilt by taking its events on
 * the plain system from `start` (only for the runs that are printed or
 * written). The plain system must break the same property at the same step,
 * or the table is wrong: TableMismatch.
 */
export function traceOfRun(system: System, ts: TableSystem, start: SystemState, m: TableRun, only: PropertyFilter): RunTrace {
  const steps: TraceStep[] = [];
  let s = start;
  let violation: Violation | null = null;
  for (let i = 0; i < m.envs.length; i++) {
    const e = ts.envEvent(m.envs[i]!);
    const res = monitoredStep(system, s, e, only);
    steps.push(traceStep(e, res, i >= m.fairFrom));
    s = res.state;
    if (res.violation) {
      violation = res.violation;
      if (i !== m.envs.length - 1) throw new TableMismatch(`step ${i + 1} of a run breaks ${violation.id} on the plain system, not on the tables`);
      break;
    }
  }
  if (!violation && m.settled) violation = checkLiveness(system, s, only);
  if ((violation?.id ?? null) !== m.violation) {
    throw new TableMismatch(`a run of ${m.envs.length} steps ends with ${m.violation ?? 'no violation'} on the tables but ${violation?.id ?? 'no violation'} on the plain system`);
  }
  return { steps, violation };
}
