import type { EnvEvent, EnvKind } from '../../model/env-event.js';
import { ROUND_VERSIONS } from '../../model/boot.js';
import { EVENT_KINDS, faultOf } from '../../model/event-kinds.js';
import type { FaultId } from '../../model/faults.js';
import type { Topology } from '../../topology/topology.js';
import type { EventClass } from './footprint.js';

/**
 * Every class of environment event the topology can ever offer under these
 * faults (src/engine/enabled.ts), enabled or not: the stubborn-set closure
 * must see the steps that are not enabled yet as well as those that are.
 * Boot's own steps are left out: the search starts from the booted state.
 */
export function eventClasses(t: Topology, faults: readonly FaultId[], rounds: number | null): EventClass[] {
  const out: EventClass[] = [];
  for (const kind of Object.keys(EVENT_KINDS) as EnvKind[]) {
    const group = EVENT_KINDS[kind].group;
    if (group === 'boot' || (kind === 'tool.rerun' && rounds === 1)) continue;
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
  // A class whose event injects a fault left out is never offered (a probe's representative succeeds, so probes stay).
  return out.filter((c) => {
    const f = faultOf(representative(c));
    return f === null || faults.includes(f);
  });
}

/**
 * An event of the class, with any value its class leaves open: its message
 * has the class's target and event type, which is all the reduction asks of it.
 */
export function representative(c: EventClass): EnvEvent {
  const k = c.child ?? 0;
  const i = c.subdev ?? c.netdev ?? 0;
  switch (c.kind) {
    case 'child.load':
      return { kind: c.kind, child: k, version: 1 };
    case 'child.probe':
      return { kind: c.kind, child: k, subdev: i, ok: true };
    case 'child.remove':
    case 'child.unbind':
    case 'child.bind':
      return { kind: c.kind, child: k, subdev: i };
    case 'child.rmmod':
    case 'child.drain':
    case 'child.free':
      return { kind: c.kind, child: k };
    case 'bond.enslave':
    case 'bond.activeSlave':
      return { kind: c.kind, netdev: i };
    case 'bond.primary':
      return { kind: c.kind, netdev: null };
    case 'bond.primaryReselect':
      return { kind: c.kind, reselect: 'always' };
    case 'user.mtu':
      return { kind: c.kind, netdev: i, mtu: 1500 };
    case 'user.mac':
      return { kind: c.kind, netdev: i, mac: 0 };
    case 'user.admin':
      return { kind: c.kind, netdev: i, up: true };
    case 'tool.rerun':
      return { kind: c.kind, version: ROUND_VERSIONS[0]! };
    case 'traffic.send':
      return { kind: c.kind, flow: 0 };
    default:
      return { kind: c.kind } as EnvEvent;
  }
}
