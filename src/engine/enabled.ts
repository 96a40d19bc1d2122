import type { EnvEvent } from '../model/env-event.js';
import { BOOT_MTU, ROUND_VERSIONS } from '../model/boot.js';
import type { FaultId } from '../model/faults.js';
import { moduleState, parentBound, type SystemState } from '../model/state.js';
import type { Topology } from '../topology/topology.js';

/**
 * Every environment event the topology could see in state `s` with the
 * allowed faults, before asking the target machines: the driver core probes
 * a loading child's devices in bus order and removes an unloading child's in
 * any order; operators, users and the PCI core
 * act only with their fault allowed and the parent bound. The order is fixed
 * (random runs and the checker's tables rely on it): per child, then the
 * targets' own events, then per netdev, the bond's options, the parent.
 */
export function candidateEvents(t: Topology, s: SystemState, faults: readonly FaultId[]): EnvEvent[] {
  const allow = (f: FaultId): boolean => faults.includes(f);
  const out: EnvEvent[] = [];
  const bound = parentBound(s);
  for (let k = 0; k < t.children; k++) {
    const c = s.children[k]!.context;
    const state = moduleState(s, k);
    if (state === 'loading') {
      const next = c.subdevs.find((_, j) => c.status[j] === 'unbound');
      if (next !== undefined) {
        out.push({ kind: 'child.probe', child: k, subdev: next, ok: true });
        if (allow('FAULT-PROBE-FAIL')) out.push({ kind: 'child.probe', child: k, subdev: next, ok: false });
      }
    }
    if (state === 'inserting') out.push({ kind: 'child.load', child: k, version: c.version });
    if (state === 'unloading') {
      for (const [j, i] of c.subdevs.entries()) if (c.status[j] === 'bound') out.push({ kind: 'child.remove', child: k, subdev: i });
    }
    out.push({ kind: 'child.drain', child: k }, { kind: 'child.free', child: k });
    if (allow('FAULT-FORCED-UNLOAD')) {
      out.push({ kind: 'child.rmmod', child: k });
      if (state === 'loaded') {
        for (const i of c.subdevs) {
          out.push({ kind: 'child.unbind', child: k, subdev: i });
          if (bound) out.push({ kind: 'child.bind', child: k, subdev: i });
        }
      }
    }
  }
  out.push(...targetEvents(t, faults));
  if (allow('FAULT-USER-CONFIG') && bound) {
    for (let i = 0; i < t.netdevs; i++) {
      const cfg = s.netdevs[i]!.context.config;
      out.push({ kind: 'user.mtu', netdev: i, mtu: cfg.mtu === 1500 ? BOOT_MTU : 1500 });
      out.push({ kind: 'user.mac', netdev: i, mac: 1 - cfg.mac });
      out.push({ kind: 'user.admin', netdev: i, up: !cfg.adminUp });
    }
    const b = s.bond.context;
    if (b.mode === 'active-backup') {
      for (let i = -1; i < t.netdevs; i++) {
        const p = i < 0 ? null : i;
        if (p !== b.primary) out.push({ kind: 'bond.primary', netdev: p });
      }
      for (let i = 0; i < t.netdevs; i++) if (i !== b.active && b.slaves[i]?.link === 'up') out.push({ kind: 'bond.activeSlave', netdev: i });
      for (const r of ['always', 'better', 'failure'] as const) if (r !== b.primaryReselect) out.push({ kind: 'bond.primaryReselect', reselect: r });
    }
  }
  if (allow('FAULT-PARENT-REMOVE') && bound) out.push({ kind: 'parent.remove' });
  return out;
}

/** The events of the `target` group: offered whenever their target machine accepts them, whatever the rest of the state. */
export function targetEvents(t: Topology, faults: readonly FaultId[]): EnvEvent[] {
  return [
    { kind: 'bond.miimon' },
    { kind: 'tool.start' },
    ...ROUND_VERSIONS.map((version) => ({ kind: 'tool.rerun', version }) as const),
    { kind: 'tool.step' },
    { kind: 'tool.recv' },
    { kind: 'tool.timeout' },
    ...(faults.includes('FAULT-TOOL-RESTART') ? [{ kind: 'tool.restart' } as const] : []),
    ...(faults.includes('FAULT-NOTIFY-LOST') ? [{ kind: 'notify.lost' } as const] : []),
    ...Array.from({ length: t.flows }, (_, flow) => ({ kind: 'traffic.send', flow }) as const),
    { kind: 'traffic.complete' },
  ];
}
