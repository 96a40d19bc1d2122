import type { EnvKind } from '../../model/env-event.js';
import { EVENT_KINDS } from '../../model/event-kinds.js';
import type { FaultId } from '../../model/faults.js';
import type { Topology } from '../../topology/topology.js';
import type { EventClass } from './footprint.js';

/** The fault without which no event of a kind is ever offered (the probe's failure is one outcome of a probe that is always offered). */
const NEEDS: Partial<Record<EnvKind, FaultId>> = {
  'parent.remove': 'FAULT-PARENT-REMOVE',
  'child.rmmod': 'FAULT-FORCED-UNLOAD',
  'child.unbind': 'FAULT-FORCED-UNLOAD',
  'child.bind': 'FAULT-FORCED-UNLOAD',
  'bond.primary': 'FAULT-USER-CONFIG',
  'bond.primaryReselect': 'FAULT-USER-CONFIG',
  'bond.activeSlave': 'FAULT-USER-CONFIG',
  'user.mtu': 'FAULT-USER-CONFIG',
  'user.mac': 'FAULT-USER-CONFIG',
  'user.admin': 'FAULT-USER-CONFIG',
  'tool.restart': 'FAULT-TOOL-RESTART',
  'notify.lost': 'FAULT-NOTIFY-LOST',
};

/**
 * Every class of environment event the topology can ever offer under these
 * faults (src/engine/enabled.ts), enabled or not: the stubborn-set closure
 * must see the steps that are not enabled yet as well as those that are.
 * Boot's own steps are left out: the search starts from the booted state.
 */
export function eventClasses(t: Topology, faults: readonly FaultId[], rounds: number | null): EventClass[] {
  const out: EventClass[] = [];
  const allowed = (k: EnvKind): boolean => {
    const f = NEEDS[k];
    return (f === undefined || faults.includes(f)) && (k !== 'tool.rerun' || rounds !== 1);
  };
  for (const kind of Object.keys(EVENT_KINDS) as EnvKind[]) {
    if (!allowed(kind)) continue;
    const group = EVENT_KINDS[kind].group;
    if (group === 'boot') continue;
    if (group === 'child') {
      for (let k = 0; k < t.children; k++) {
        if (kind === 'child.probe' || kind === 'child.remove' || kind === 'child.unbind' || kind === 'child.bind') {
          t.binding.forEach((b, i) => b === k && out.push({ kind, child: k, subdev: i }));
        } else out.push({ kind, child: k });
      }
    } else if (group === 'netdev-config') {
      for (let i = 0; i < t.netdevs; i++) out.push({ kind, netdev: i });
    } else out.push({ kind });
  }
  return out;
}
