import type { BondSnapshot } from '../model/components.js';
import type { Message } from '../../machines/messages.js';
import type { EnvEvent } from '../model/env-event.js';
import { envShows } from '../model/event-kinds.js';
import { moduleState, type SystemState } from '../model/state.js';
import { childName, netdevName, type Topology } from '../topology/topology.js';
import { deliverTo } from '../engine/replay-log.js';
import { subdevLabel, type TraceEvent } from '../model/trace-event.js';

/** An event a model step shows, with the index of the log message after which it is seen. */
export interface StepEvent {
  readonly event: TraceEvent;
  readonly at: number;
}

const holderName = (h: 'parent' | number): string => (h === 'parent' ? 'parent' : childName(h));
const onOff = (b: boolean): 'on' | 'off' => (b ? 'on' : 'off');
const upDown = (b: boolean): 'up' | 'down' => (b ? 'up' : 'down');

/** What one bond message changed, as bond0 would log it: enslave/release/failover, then each slave's link, the active slave, the carrier. */
function bondEvents(m: Message & { to: 'bond' }, b0: BondSnapshot, b1: BondSnapshot): TraceEvent[] {
  const out: TraceEvent[] = [];
  const e = m.event;
  const c0 = b0.context;
  const c1 = b1.context;
  if (e.type === 'enslave' && !c0.slaves[e.slave]?.enslaved && c1.slaves[e.slave]?.enslaved) out.push({ event: 'bond.enslave', netdev: netdevName(e.slave) });
  if (e.type === 'release' && c0.slaves[e.slave]?.enslaved) out.push({ event: 'bond.release', netdev: netdevName(e.slave) });
  if (e.type === 'failOver') out.push({ event: 'bond.failover', from: e.slaves.map(netdevName) });
  c1.slaves.forEach((s1, i) => {
    const s0 = c0.slaves[i]!;
    if (s1.enslaved && (!s0.enslaved || s0.link !== s1.link)) out.push({ event: 'bond.link', netdev: netdevName(i), link: s1.link });
  });
  if (c0.active !== c1.active) out.push({ event: 'bond.active', netdev: c1.active === null ? null : netdevName(c1.active) });
  if (b0.value !== b1.value) out.push({ event: 'bond.carrier', carrier: onOff(b1.value === 'carrier') });
  return out;
}

/**
 * The events a model step shows in the kernel's terms, in the order the
 * kernel would log them: what the environment did, then each delivered message
 * in turn (a step delivers its messages in FIFO order), then what the step
 * finished (a module's init returning, the tool ending). Messages a machine
 * ignores (a carrier change on an unregistered netdev) show nothing.
 */
export function eventsOfStep(t: Topology, before: SystemState, env: EnvEvent, log: readonly Message[], after: SystemState): StepEvent[] {
  const out: StepEvent[] = [];
  for (const event of envShows(t, env, before, log)) out.push({ event, at: 0 });
  const registered = before.netdevs.map((n) => n.value === 'registered');
  const ifindex = before.netdevs.map((n) => n.context.ifindex);
  const via = log.find((m) => m.to === 'traffic' && m.event.type === 'viaSlave');
  const viaSlave = via && via.event.type === 'viaSlave' ? netdevName(via.event.slave) : null;
  let bond = before.bond;
  log.forEach((m, at) => {
    const push = (event: TraceEvent): void => {
      out.push({ event, at });
    };
    switch (m.to) {
      case 'parent': {
        const e = m.event;
        if (e.type === 'probe') push({ event: 'parent.probe' });
        else if (e.type === 'remove') push({ event: 'parent.remove' });
        else if (e.type === 'takeOver') push({ event: 'subdev.remove', child: childName(e.child), subdev: subdevLabel(e.subdev) });
        return;
      }
      case 'child': {
        const e = m.event;
        const k = m.index;
        const C = childName(k);
        if (e.type === 'insmod') {
          push({ event: 'tool.insmod', child: C, version: e.version });
        } else if (e.type === 'load') {
          push({ event: 'module.load.begin', child: C, version: e.version });
        } else if (e.type === 'rmmod') {
          if (env.kind === 'tool.step') push({ event: 'tool.rmmod', child: C });
          push({ event: 'module.unload.begin', child: C });
        } else if (e.type === 'probe') {
          push({ event: 'subdev.probe', child: C, subdev: subdevLabel(e.subdev), result: e.ok ? 'ok' : 'error' });
        } else if (e.type === 'free') {
          push({ event: 'module.unload.end', child: C });
        } else if (e.type === 'deviceGone') {
          const c = before.children[k]!.context;
          const wasBound = moduleState(before, k) !== 'unloaded' && c.status[c.subdevs.indexOf(e.subdev)] === 'bound';
          if (wasBound) push({ event: 'subdev.remove', child: C, subdev: subdevLabel(e.subdev) });
          push({ event: 'auxdev.delete', subdev: subdevLabel(e.subdev) });
        } else if (e.type === 'program') {
          // What the child programmed, which a broken design may make differ from what it was handed.
          const c = after.children[k]!.context;
          const cfg = c.programmed[c.subdevs.indexOf(e.netdev)] ?? e.config;
          push({ event: 'hw.program', child: C, netdev: netdevName(e.netdev), mtu: cfg.mtu, mac: cfg.mac, admin: upDown(cfg.adminUp), reason: e.reason });
        }
        return;
      }
      case 'netdev': {
        const e = m.event;
        const i = m.index;
        const N = netdevName(i);
        if (e.type === 'register' && !registered[i]) {
          registered[i] = true;
          ifindex[i] = e.ifindex;
          push({ event: 'netdev.register', netdev: N, ifindex: e.ifindex });
          if (env.kind === 'parent.probe') push({ event: 'auxdev.add', subdev: subdevLabel(i) });
          return;
        }
        if (!registered[i]) return;
        if (e.type === 'unregister') {
          registered[i] = false;
          push({ event: 'netdev.unregister', netdev: N, ifindex: ifindex[i]! });
        } else if (e.type === 'carrierOn') push({ event: 'carrier.on', netdev: N });
        else if (e.type === 'carrierOff') push({ event: 'carrier.off', netdev: N });
        else if (e.type === 'setOps') push({ event: 'ops.switch', netdev: N, to: holderName(e.holder) });
        return;
      }
      case 'bond': {
        const next = deliverTo(bond, m.event);
        for (const x of bondEvents(m, bond, next)) push(x);
        bond = next;
        return;
      }
      case 'tool': {
        const e = m.event;
        if (e.type === 'notification') push({ event: 'notify.send', child: childName(e.child), channel: e.channel });
        return;
      }
      case 'traffic': {
        const e = m.event;
        if (e.type === 'dropped') push({ event: 'packet.dropped', reason: e.reason, netdev: e.reason === 'no-slave' ? null : viaSlave });
        else if (e.type === 'processed') push({ event: 'packet.processed', netdev: netdevName(e.netdev), child: childName(e.child), version: e.version });
        else if (e.type === 'oops') push({ event: 'oops', netdev: netdevName(e.netdev), child: childName(e.child) });
        return;
      }
    }
  });
  const end = Math.max(0, log.length - 1);
  for (let k = 0; k < after.children.length; k++) {
    if (moduleState(after, k) === 'loaded' && moduleState(before, k) !== 'loaded') {
      out.push({ event: { event: 'module.load.end', child: childName(k), version: after.children[k]!.context.version }, at: end });
    }
  }
  if (after.tool.value !== before.tool.value) {
    if (after.tool.value === 'done') out.push({ event: { event: 'tool.done' }, at: end });
    if (after.tool.value === 'stopped') {
      const report = after.tool.context.report;
      out.push({ event: { event: 'tool.stop', ...(report === null ? {} : { report }) }, at: end });
    }
  }
  return out;
}
