import type { Message } from '../../machines/messages.js';
import type { Violation } from '../../properties/property.js';
import type { EnvEvent } from '../model/env-event.js';
import { describeEvent, faultOf } from '../model/event-kinds.js';
import { moduleState, type SystemState } from '../model/state.js';
import { childName, netdevName, type Topology } from '../topology/topology.js';

/**
 * One step of a run, the spine every tool reads: the environment event, every
 * message it caused, the state after it (monitors included), and every
 * property it broke. Nothing needs to run a trace again to know its states.
 */
export interface TraceStep {
  readonly env: EnvEvent;
  readonly log: readonly Message[];
  readonly state: SystemState;
  readonly violations: readonly Violation[];
  /** Taken by the fair completion that checks liveness, not chosen by the explorer. */
  readonly fair?: boolean;
}

/** The state before step `n` of a run that started in `start`. */
export const stateBefore = (start: SystemState, steps: readonly TraceStep[], n: number): SystemState => (n === 0 ? start : steps[n - 1]!.state);

const S = (i: number): string => `S${i + 1}`;

/** One delivered message, in a few words; null for messages not worth a line. */
export function describeMessage(m: Message): string | null {
  const e = m.event;
  switch (e.type) {
    case 'rmmod':
      return m.to === 'child' ? `rmmod ${childName(m.index)}` : null;
    case 'insmod':
      return m.to === 'child' ? `insmod ${childName(m.index)} v${e.version}` : null;
    case 'load':
      return m.to === 'child' ? `${childName(m.index)} v${e.version}: module init` : null;
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
      return `parent: upgrade-finished notification for ${childName(e.child)} via ${e.channel}`;
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
export function formatTrace(t: Topology, start: SystemState, steps: readonly TraceStep[], violation: Violation | null): string {
  const out: string[] = [];
  steps.forEach((st, n) => {
    const before = stateBefore(start, steps, n);
    const fault = faultOf(st.env);
    const effects = st.log.slice(1).map(describeMessage).filter((x): x is string => x !== null);
    const tag = fault ? ` [${fault}]` : st.fair ? ' (fair)' : '';
    out.push(`${String(n + 1).padStart(3)}. ${describeEvent(t, st.env, before)}${tag}${effects.length ? `\n       -> ${effects.join('; ')}` : ''}`);
  });
  if (violation) {
    out.push(`violated ${violation.id}${violation.claims.length ? ` (claims ${violation.claims.join(', ')})` : ''}: ${violation.message}`);
    const last = stateBefore(start, steps, steps.length);
    out.push('state after the last step:');
    for (const l of describeState(t, last)) out.push(`    ${l}`);
  }
  return out.join('\n');
}

/** The trace step of a monitored (or plain) step's result. */
export function traceStep(env: EnvEvent, r: { readonly state: SystemState; readonly log: readonly Message[]; readonly violations?: readonly Violation[] }, fair = false): TraceStep {
  return { env, log: r.log, state: r.state, violations: r.violations ?? [], ...(fair ? { fair: true } : {}) };
}
