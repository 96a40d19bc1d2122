import { subdevName } from '../../machines/child.js';
import type { Message } from '../../machines/messages.js';
import type { Violation } from '../../properties/property.js';
import type { EnvEvent } from '../system/env-event.js';
import { faultOf } from '../system/env-event.js';
import { moduleState, type SystemState } from '../system/state.js';
import { childName, netdevName, type Topology } from '../topology/topology.js';

/** One step of a run: the environment event and every message it caused. */
export interface TraceStep {
  readonly env: EnvEvent;
  readonly log: readonly Message[];
  /** Taken by the fair completion that checks liveness, not chosen by the explorer. */
  readonly fair?: boolean;
}

const S = (i: number): string => `S${i + 1}`;

/** An environment step in the kernel's own words. */
export function describeEvent(t: Topology, e: EnvEvent, before: SystemState): string {
  switch (e.kind) {
    case 'parent.probe':
      return 'PCI core: probe the parent driver';
    case 'parent.remove':
      return 'PCI core: remove the parent driver';
    case 'child.load':
      return `insmod ${childName(e.child)} version ${e.version}`;
    case 'child.rmmod':
      return `operator: rmmod ${childName(e.child)} outside the tool`;
    case 'child.probe':
      return `driver core: ${childName(e.child)} probe(${subdevName(t.binding[e.subdev]!, e.subdev)}) ${e.ok ? 'matches' : 'fails'} ${S(e.subdev)}`;
    case 'child.remove': {
      const c = before.children[e.child]!.context;
      const i = c.subdevs.find((_, j) => c.status[j] === 'bound');
      return `driver core: ${childName(e.child)} remove(${i === undefined ? '?' : S(i)})`;
    }
    case 'child.drain':
      return `${childName(e.child)}: synchronize_rcu(), waiting for calls in flight`;
    case 'child.free':
      return `${childName(e.child)}: module code freed, delete_module() returns`;
    case 'child.unbind':
      return `operator: unbind ${S(e.subdev)} from ${childName(e.child)} in sysfs`;
    case 'child.bind':
      return `operator: bind ${S(e.subdev)} to ${childName(e.child)} in sysfs`;
    case 'bond.enslave':
      return `user: enslave ${netdevName(e.netdev)} to bond0`;
    case 'bond.miimon':
      return 'bond0: miimon pass';
    case 'bond.primary':
      return `user: bond0 primary = ${e.netdev === null ? '(none)' : netdevName(e.netdev)}`;
    case 'bond.primaryReselect':
      return `user: bond0 primary_reselect = ${e.reselect}`;
    case 'bond.activeSlave':
      return `user: bond0 active_slave = ${netdevName(e.netdev)}`;
    case 'user.mtu':
      return `user: ip link set ${netdevName(e.netdev)} mtu ${e.mtu}`;
    case 'user.mac':
      return `user: ip link set ${netdevName(e.netdev)} address #${e.mac}`;
    case 'user.admin':
      return `user: ip link set ${netdevName(e.netdev)} ${e.up ? 'up' : 'down'}`;
    case 'tool.start':
      return 'tool: start the rolling upgrade';
    case 'tool.step':
      return 'tool: next action';
    case 'tool.recv':
      return 'tool: read the notification';
    case 'tool.timeout':
      return 'tool: timed out waiting for the notification';
    case 'tool.restart':
      return 'tool: killed and started again';
    case 'notify.lost':
      return 'the notification is lost before the tool reads it';
    case 'traffic.send':
      return `transmit begins on bond0 (flow ${e.flow})`;
    case 'traffic.complete':
      return 'transmit ends: ndo_start_xmit runs';
  }
}

/** One delivered message, in a few words; null for messages not worth a line. */
export function describeMessage(m: Message): string | null {
  const e = m.event;
  switch (e.type) {
    case 'rmmod':
      return m.to === 'child' ? `rmmod ${childName(m.index)}` : null;
    case 'load':
      return m.to === 'child' ? `insmod ${childName(m.index)} v${e.version}` : null;
    case 'failOver':
      return `bond0 asked to fail over from ${e.slaves.map(netdevName).join(', ')}`;
    case 'carrierOff':
      return m.to === 'netdev' ? `${netdevName(m.index)} carrier off` : null;
    case 'carrierOn':
      return m.to === 'netdev' ? `${netdevName(m.index)} carrier on` : null;
    case 'setOps':
      return m.to === 'netdev' ? `${netdevName(m.index)} ops -> ${e.holder === 'parent' ? 'parent' : childName(e.holder)}` : null;
    case 'register':
      return m.to === 'netdev' ? `register ${netdevName(m.index)} (ifindex ${e.ifindex})` : null;
    case 'unregister':
      return m.to === 'netdev' ? `unregister ${netdevName(m.index)}` : null;
    case 'notification':
      return `notification from ${childName(e.child)} via ${e.channel}`;
    case 'rmmodDone':
      return `rmmod ${childName(e.child)} returned`;
    case 'viaSlave':
      return `bond0 sends on ${netdevName(e.slave)}`;
    case 'queued':
      return `${netdevName(e.netdev)} queued to ${childName(e.holder)}`;
    case 'dropped':
      return `DROPPED (${e.reason})`;
    case 'processed':
      return `processed by ${S(e.netdev)} under ${childName(e.child)} v${e.version}`;
    case 'oops':
      return `OOPS: ${childName(e.child)}'s code was freed`;
    case 'program':
      return m.to === 'child' ? `${childName(m.index)} programs ${netdevName(e.netdev)} mtu ${e.config.mtu}` : null;
    default:
      return null;
  }
}

/** A compact one-line-per-component picture of the system state. */
export function describeState(t: Topology, s: SystemState): string[] {
  const lines: string[] = [];
  lines.push(`parent ${String(s.parent.value)}; tool ${String(s.tool.value)}${s.tool.context.report ? ` (${s.tool.context.report})` : ''}`);
  s.children.forEach((c, k) => {
    const subs = c.context.subdevs.map((i, j) => `${S(i)} ${c.context.status[j]}`).join(', ');
    lines.push(`${childName(k)} ${moduleState(s, k)} v${c.context.version}: ${subs}`);
  });
  s.netdevs.forEach((n, i) => {
    const c = n.context;
    const sl = s.bond.context.slaves[i]!;
    const ops = c.ops === 'parent' ? 'parent' : childName(c.ops);
    lines.push(
      n.value === 'registered'
        ? `${netdevName(i)} ifindex ${c.ifindex}, carrier ${c.carrier ? 'on' : 'off'}, ops ${ops}, mtu ${c.config.mtu}, ${c.config.adminUp ? 'up' : 'down'}; bond sees ${sl.enslaved ? sl.link : 'not enslaved'}`
        : `${netdevName(i)} unregistered`,
    );
  });
  const b = s.bond.context;
  lines.push(`bond0 ${b.mode}, carrier ${s.bond.value === 'carrier' ? 'on' : 'off'}, active ${b.active === null ? 'none' : netdevName(b.active)}`);
  if (s.traffic.context.inFlight.length > 0) {
    lines.push(`in flight: ${s.traffic.context.inFlight.map((x) => `${netdevName(x.netdev)} via ${childName(x.holder)}`).join(', ')}`);
  }
  return lines;
}

/** A numbered, readable trace of kernel-level steps ending in the violation and the state that broke it. */
export function formatTrace(t: Topology, start: SystemState, steps: readonly TraceStep[], states: readonly SystemState[], violation: Violation | null): string {
  const out: string[] = [];
  steps.forEach((st, n) => {
    const before = n === 0 ? start : states[n - 1]!;
    const fault = faultOf(st.env);
    const effects = st.log.slice(1).map(describeMessage).filter((x): x is string => x !== null);
    const tag = fault ? ` [${fault}]` : st.fair ? ' (fair)' : '';
    out.push(`${String(n + 1).padStart(3)}. ${describeEvent(t, st.env, before)}${tag}${effects.length ? `\n       -> ${effects.join('; ')}` : ''}`);
  });
  if (violation) {
    out.push(`violated ${violation.id}${violation.claims.length ? ` (claims ${violation.claims.join(', ')})` : ''}: ${violation.message}`);
    const last = states.length ? states[states.length - 1]! : start;
    out.push('state after the last step:');
    for (const l of describeState(t, last)) out.push(`    ${l}`);
  }
  return out.join('\n');
}
