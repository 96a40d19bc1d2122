import { viewOf } from '../../conform/state-view.js';
import type { FieldValue } from '../../model/trace-event.js';
import type { SystemState } from '../../model/state.js';

/** The state as named variables (`N1.carrier`, `bond0.active`, `C2.state`...), in observation-line words. */
export type Variables = ReadonlyMap<string, string>;

const show = (v: FieldValue): string => (v === null ? 'none' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Every variable of the state, each netdev's, module's and the bond's under its own name. */
export function variablesOf(s: SystemState): Variables {
  const v = viewOf(s);
  const out = new Map<string, string>();
  const put = (prefix: string, r: Readonly<Record<string, FieldValue>>, skip: string | null = null): void => {
    for (const [k, x] of Object.entries(r)) if (k !== skip) out.set(`${prefix}.${k}`, show(x));
  };
  put('parent', v.parent);
  v.netdevs.forEach((n) => put(String(n.netdev), n, 'netdev'));
  v.modules.forEach((m) => put(String(m.child), m, 'child'));
  put('bond0', v.bond);
  s.bond.context.slaves.forEach((sl, i) => out.set(`bond0.N${i + 1}.mii`, sl.enslaved ? sl.link : 'released'));
  put('tool', v.tool);
  put('traffic', v.traffic);
  return out;
}

/** The names of the variables whose value differs between two states' variables. */
export function changedVariables(before: Variables, after: Variables): Set<string> {
  const out = new Set<string>();
  for (const [k, x] of after) if (before.get(k) !== x) out.add(k);
  return out;
}
