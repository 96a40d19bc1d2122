import { moduleState, type SystemState } from '../model/state.js';
import { childName, netdevName } from '../topology/topology.js';
import { subdevLabel, type FieldValue } from '../model/trace-event.js';

/** A model state in the words of observation lines: what each observation kind would report. */
export interface StateView {
  readonly parent: Readonly<Record<string, FieldValue>>;
  readonly netdevs: readonly Readonly<Record<string, FieldValue>>[];
  readonly modules: readonly Readonly<Record<string, FieldValue>>[];
  readonly bond: Readonly<Record<string, FieldValue>>;
  readonly tool: Readonly<Record<string, FieldValue>>;
  readonly traffic: Readonly<Record<string, FieldValue>>;
}

/**
 * What an implementation would see of the model's state: ip link for each
 * netdev, /proc/modules and the driver core for each child, /proc/net/bonding
 * for bond0. Fields that do not exist in that state (the ifindex of an
 * unregistered netdev, the version of an unloaded module) are null.
 */
export function viewOf(s: SystemState): StateView {
  return {
    parent: { state: String(s.parent.value) },
    netdevs: s.netdevs.map((n, i) => {
      const c = n.context;
      const registered = n.value === 'registered';
      return {
        netdev: netdevName(i),
        registered,
        ifindex: registered ? c.ifindex : null,
        mtu: c.config.mtu,
        mac: c.config.mac,
        admin: c.config.adminUp ? 'up' : 'down',
        carrier: c.carrier ? 'on' : 'off',
        ops: c.ops === 'parent' ? 'parent' : childName(c.ops),
      };
    }),
    modules: s.children.map((ch, k) => {
      const state = moduleState(s, k);
      const c = ch.context;
      return {
        child: childName(k),
        state,
        version: state === 'unloaded' ? null : c.version,
        subdevs: Object.fromEntries(c.subdevs.map((i, j) => [subdevLabel(i), c.status[j]!])),
      };
    }),
    bond: {
      carrier: s.bond.value === 'carrier' ? 'on' : 'off',
      active: s.bond.context.active === null ? null : netdevName(s.bond.context.active),
      slaves: Object.fromEntries(s.bond.context.slaves.map((sl, i) => [netdevName(i), sl.enslaved ? sl.link : 'released'])),
    },
    tool: {
      state: String(s.tool.value),
      child: s.tool.context.current === null ? null : childName(s.tool.context.current),
      report: s.tool.context.report,
    },
    traffic: { in_flight: s.traffic.context.inFlight.length },
  };
}
