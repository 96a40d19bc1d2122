import type { AnyStateMachine } from 'xstate';
import type { TableSystem } from '../engine/table/table-system.js';
import { layoutOf } from '../engine/layout.js';
import type { Components } from '../model/components.js';
import { instanceOf, type Coverage } from './coverage.js';
import { deliveryOutcome, type DeliveryOutcome } from './delivery-outcome.js';

/** What each distinct delivery of a table system covers, kept with the table (explorations reuse their tables, so they reuse these too). */
const outcomes = new WeakMap<TableSystem, (DeliveryOutcome | undefined)[][]>();

/**
 * Feeds `Coverage` from the table's deliveries. What a delivery covers
 * depends on the message and the target's local state only, so it is worked
 * out once per distinct pair (with its local-state edge, for composing pairs)
 * and counted at every delivery. Call it after boot was recorded through the
 * plain system: it hands each slot's boot local state to `booted`.
 */
export function coverageTap(coverage: Coverage, ts: TableSystem, components: Components): (msg: number, local: number) => void {
  const t = ts.transitions;
  const l = layoutOf(ts.system.topology);
  const instances = l.kinds.map((kind, slot) => instanceOf(kind, l.indices[slot]!));
  coverage.booted(l.kinds.map((kind, slot) => ({ kind, instance: instances[slot]!, local: ts.initial[slot]! })));
  let known = outcomes.get(ts);
  if (!known) outcomes.set(ts, (known = []));
  const rows = known;
  const edged: (true | undefined)[][] = [];
  return (msg, local) => {
    const m = t.messages.values[msg]!;
    const row = (rows[msg] ??= []);
    const o = (row[local] ??= deliveryOutcome(components[m.to] as AnyStateMachine, t.snapshots[m.to].values[local], m.event));
    const seen = (edged[msg] ??= []);
    if (!seen[local]) {
      seen[local] = true;
      coverage.tableEdge(m.to, { from: local, to: t.deliver(msg, local).next, taken: o.transitions });
    }
    coverage.tableDelivery(m.to, instances[t.slotOfMessage[msg]!]!, o);
  };
}
