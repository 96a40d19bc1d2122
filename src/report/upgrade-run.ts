import type { Design } from '../../machines/design.js';
import { monitoredStep, withMonitors } from '../engine/monitor.js';
import { traceStep, type TraceStep } from '../trace/trace.js';
import { isDriverStep } from '../model/event-kinds.js';
import { type EnvEvent } from '../model/env-event.js';
import { bondSettled, type SystemState } from '../model/state.js';
import { createSystem, type System } from '../engine/system.js';
import type { Topology } from '../topology/topology.js';
import { TARGET_VERSION } from '../model/boot.js';

/** One step of a scripted run, with the state after it and every invariant it broke. */
export interface RunStep extends TraceStep {
  /** A packet sent between the system's own steps (not a step of the upgrade itself). */
  readonly traffic: boolean;
}

/** What user space does during the run besides the upgrade tool. */
export interface UserSpace {
  /**
   * Enslave every netdev registered again to bond0 at once, as NetworkManager
   * or ifupdown do when a netdev appears: the prior-art practice's recovery.
   */
  readonly reenslave: boolean;
}

/** A scripted rolling upgrade: the booted state and every step taken. */
export interface UpgradeRun {
  readonly topology: Topology;
  readonly start: SystemState;
  readonly steps: readonly RunStep[];
}

/** Steps a run may take before it is cut off (a correct upgrade needs a few dozen). */
const MAX_STEPS = 400;

/**
 * The fixed order the system's own steps are taken in: the upgrade tool acts
 * as soon as it can, then the children's driver work in child order, then
 * the bond's monitor. The tool going first is what lets a tool that does not
 * wait (MUT-PARALLEL-UPGRADE) unload the next child while the last still loads.
 */
function priority(e: EnvEvent): number {
  if (e.kind.startsWith('tool.')) return 0;
  if (e.kind.startsWith('child.')) return 1;
  if (e.kind === 'bond.miimon') return 2;
  return 3;
}

/** The next step of the system's own, or null when only a bond that has caught up could still be polled. */
function nextStep(system: System, s: SystemState): EnvEvent | null {
  const steps = system
    .enabled(s, [])
    .filter((e) => isDriverStep(e) && e.kind !== 'traffic.complete')
    .sort((a, b) => priority(a) - priority(b));
  const e = steps[0];
  if (e === undefined || (e.kind === 'bond.miimon' && bondSettled(s))) return null;
  return e;
}

/**
 * Boots the system, starts the upgrade tool and takes the system's own steps
 * in a fixed order until the tool has finished and the bond has caught up;
 * with more than one version, the tool is then run again to each next one
 * (a round each: `versions[0]` is the first run's target, version 2).
 * The run is cut off (no next round) if a round does not end.
 * After every step one packet is handed to the bond and its transmit
 * completed, so every window in which traffic would be lost shows as a drop.
 * Deterministic: the same topology and design give the same run.
 */
export function runUpgrade(topology: Topology, design: Design, versions: readonly number[] = [TARGET_VERSION], user: UserSpace = { reenslave: false }): UpgradeRun {
  if (versions[0] !== TARGET_VERSION) throw new Error(`the first round of the tool installs version ${TARGET_VERSION}, not ${versions[0]}`);
  const system = createSystem(topology, design);
  const start = withMonitors(system, system.initial());
  const steps: RunStep[] = [];
  let s = start;
  let flow = 0;
  const take = (e: EnvEvent, traffic: boolean): void => {
    const r = monitoredStep(system, s, e);
    steps.push({ ...traceStep(e, r), traffic });
    s = r.state;
  };
  const sendPacket = (): void => {
    const send: EnvEvent = { kind: 'traffic.send', flow: flow++ % topology.flows };
    if (system.accepts(s, send)) take(send, true);
    const complete: EnvEvent = { kind: 'traffic.complete' };
    while (system.accepts(s, complete)) take(complete, true);
  };
  const reenslave = (): void => {
    if (!user.reenslave) return;
    for (let i = 0; i < topology.netdevs; i++) {
      const e: EnvEvent = { kind: 'bond.enslave', netdev: i };
      if (s.netdevs[i]!.value === 'registered' && !s.bond.context.slaves[i]!.enslaved && system.accepts(s, e)) take(e, false);
    }
  };
  const round = (first: EnvEvent): void => {
    take(first, false);
    sendPacket();
    for (let n = 0; n < MAX_STEPS; n++) {
      const e = nextStep(system, s);
      if (e === null) break;
      take(e, false);
      reenslave();
      sendPacket();
    }
  };
  round({ kind: 'tool.start' });
  for (const version of versions.slice(1)) {
    const rerun: EnvEvent = { kind: 'tool.rerun', version };
    if (!system.accepts(s, rerun)) break;
    round(rerun);
  }
  return { topology, start, steps };
}
