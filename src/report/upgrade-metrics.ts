import type { DropReason } from '../../machines/messages.js';
import { TARGET_VERSION } from '../model/boot.js';
import { childBound, codePresent, moduleState, type SystemState } from '../model/state.js';
import { netdevName, type Topology } from '../topology/topology.js';
import type { UpgradeRun } from './upgrade-run.js';

/** What a rolling upgrade cost, counted from the run's message logs and states. */
export interface UpgradeMetrics {
  /** Steps of the system's own (the packets sent between them not counted). */
  readonly steps: number;
  /** How the upgrade tool ended: done, or stopped with its report, or still waiting. */
  readonly outcome: string;
  /** Netdevs registered again after boot (register_netdev() during the upgrade). */
  readonly netdevsRecreated: number;
  /** Netdevs whose ifindex at the end is not the one they booted with, as "N1 2->5". */
  readonly ifindexChanges: readonly string[];
  /** Netdevs whose user configuration at the end is not the one they booted with, as "N1 mtu 9000->1500". */
  readonly configLost: readonly string[];
  /** Netdevs that were bond0's slaves at boot and are not at the end. */
  readonly slavesLost: readonly string[];
  readonly packetsSent: number;
  readonly packetsDropped: number;
  readonly dropReasons: Readonly<Partial<Record<DropReason, number>>>;
  /** Steps of the system's own after which bond0 had no carrier. */
  readonly stepsBondDown: number;
  /** Steps of the system's own after which no slave could carry traffic (link open, child loaded and bound). */
  readonly stepsNoUsableSlave: number;
  /** Steps of the upgrade after which bond0 had no active slave able to carry traffic (each is followed by one packet). */
  readonly outageSteps: number;
  /** Of those, the miimon ticks (bond.miimon steps, the model's unit of time). */
  readonly outageTicks: number;
  /** bond0 still cannot carry traffic when the run ends: the outage lasts until an operator acts. */
  readonly downAtEnd: boolean;
  /** Children the tool upgraded (loaded at the new version by the end). */
  readonly upgrades: number;
  /** The most children unloaded (or loading, or unloading) at the same time. */
  readonly maxChildrenDown: number;
  /** Invariants broken, each with the step of the upgrade that first broke it, as "INV-X (step 5)". */
  readonly invariantsBroken: readonly string[];
}

/** A slave that can carry traffic, as INV-BOND-UP counts it: enslaved, link open, its child loaded and bound to it. */
function usableSlave(t: Topology, s: SystemState): boolean {
  return s.bond.context.slaves.some((sl, i) => sl.enslaved && s.netdevs[i]!.context.carrier && codePresent(s, t.binding[i]!) && childBound(s, t.binding[i]!, i));
}

/** Whether bond0 can carry a packet now: in active-backup an active slave with its link open and its child serving it; in balance-xor any slave in the transmit array so. */
function carrying(t: Topology, s: SystemState): boolean {
  const b = s.bond.context;
  const ok = (i: number): boolean => b.slaves[i]!.enslaved && s.netdevs[i]!.context.carrier && s.netdevs[i]!.context.ops !== 'parent' && codePresent(s, t.binding[i]!);
  return b.mode === 'active-backup' ? b.active !== null && ok(b.active) : b.slaves.some((sl, i) => sl.link === 'up' && ok(i));
}

const childrenDown = (s: SystemState): number => s.children.filter((_, k) => moduleState(s, k) !== 'loaded').length;

function configDiff(i: number, a: SystemState, b: SystemState): string | null {
  const x = a.netdevs[i]!.context.config;
  const y = b.netdevs[i]!.context.config;
  const parts: string[] = [];
  if (x.mtu !== y.mtu) parts.push(`mtu ${x.mtu}->${y.mtu}`);
  if (x.mac !== y.mac) parts.push(`mac #${x.mac}->#${y.mac}`);
  if (x.adminUp !== y.adminUp) parts.push(x.adminUp ? 'up->down' : 'down->up');
  return parts.length ? `${netdevName(i)} ${parts.join(', ')}` : null;
}

/** Counts what a run did to the netdevs, the bond and the packets handed to it. */
export function upgradeMetrics(run: UpgradeRun): UpgradeMetrics {
  const start = run.start;
  const end = run.steps.length ? run.steps[run.steps.length - 1]!.state : start;
  const own = run.steps.filter((s) => !s.traffic);
  const dropReasons: Partial<Record<DropReason, number>> = {};
  let sent = 0;
  let dropped = 0;
  let recreated = 0;
  const broken = new Map<string, number>();
  let step = 0;
  run.steps.forEach((st) => {
    // A packet sent between two steps of the upgrade counts as part of the step before it.
    if (!st.traffic) step++;
    if (st.env.kind === 'traffic.send') sent++;
    for (const m of st.log) {
      if (m.to === 'traffic' && m.event.type === 'dropped') {
        dropped++;
        dropReasons[m.event.reason] = (dropReasons[m.event.reason] ?? 0) + 1;
      }
      if (m.to === 'netdev' && m.event.type === 'register') recreated++;
    }
    for (const v of st.violations) if (!broken.has(v.id)) broken.set(v.id, step);
  });
  const netdevs = start.netdevs.map((_, i) => i);
  const tool = end.tool;
  return {
    steps: own.length,
    outcome: tool.value === 'stopped' ? `stopped: ${tool.context.report ?? ''}` : String(tool.value),
    netdevsRecreated: recreated,
    ifindexChanges: netdevs
      .filter((i) => end.netdevs[i]!.context.ifindex !== start.netdevs[i]!.context.ifindex)
      .map((i) => `${netdevName(i)} ${start.netdevs[i]!.context.ifindex}->${end.netdevs[i]!.context.ifindex || 'none'}`),
    configLost: netdevs.map((i) => configDiff(i, start, end)).filter((x): x is string => x !== null),
    slavesLost: netdevs.filter((i) => start.bond.context.slaves[i]!.enslaved && !end.bond.context.slaves[i]!.enslaved).map(netdevName),
    packetsSent: sent,
    packetsDropped: dropped,
    dropReasons,
    stepsBondDown: own.filter((s) => s.state.bond.value === 'noCarrier').length,
    stepsNoUsableSlave: own.filter((s) => !usableSlave(run.topology, s.state)).length,
    outageSteps: own.filter((s) => !carrying(run.topology, s.state)).length,
    outageTicks: own.filter((s) => s.env.kind === 'bond.miimon' && !carrying(run.topology, s.state)).length,
    downAtEnd: !carrying(run.topology, end),
    upgrades: end.children.filter((c, k) => moduleState(end, k) === 'loaded' && c.context.version === TARGET_VERSION).length,
    maxChildrenDown: Math.max(0, ...run.steps.map((s) => childrenDown(s.state))),
    invariantsBroken: [...broken].map(([id, n]) => `${id} (step ${n})`),
  };
}
