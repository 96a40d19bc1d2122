import type { AnyStateMachine } from 'xstate';
import type { TableSystem } from '../engine/table/table-system.js';
import type { Components } from '../model/components.js';
import type { Coverage } from './coverage.js';

/**
 * Feeds `Coverage` from the table's deliveries: each distinct message to a
 * distinct local state is recorded once, as the plain system's transition
 * observer would have seen it (what it records depends on no more).
 */
export function coverageTap(coverage: Coverage, ts: TableSystem, components: Components): (msg: number, local: number) => void {
  const seen: (true | undefined)[][] = [];
  const t = ts.transitions;
  return (msg, local) => {
    const row = (seen[msg] ??= []);
    if (row[local]) return;
    row[local] = true;
    const m = t.messages.values[msg]!;
    coverage.record(m.to, components[m.to] as AnyStateMachine, t.snapshots[m.to].values[local], m.event);
  };
}
