import type { AnyActorScope, AnyStateMachine } from 'xstate';
import { CORRECT_DESIGN, type Design } from '../../machines/design.js';
import type { Message } from '../../machines/messages.js';
import type { ToolObservation } from '../../machines/tool.js';
import type { Topology } from '../topology/topology.js';
import { createComponents, createScope, type Components } from './components.js';
import { faultOf, type EnvEvent } from './env-event.js';
import { faultBit, type FaultId } from './faults.js';
import {
  bondSettled,
  callsInFlight,
  childAllBound,
  moduleState,
  parentBound,
  slaveLinkPolled,
  type SystemState,
} from './state.js';

/** What a step did: the state after it, and every message delivered, the environment's first. */
export interface StepResult {
  readonly state: SystemState;
  readonly log: readonly Message[];
}

/** A step that never reaches rest: the machines keep messaging each other. */
export class LivelockError extends Error {}

/** Messages one step may deliver before it is reported as a livelock. */
const MAX_MESSAGES_PER_STEP = 1000;

/** The version every child runs after boot; the tool upgrades to the next. */
export const BOOT_VERSION = 1;
export const TARGET_VERSION = 2;

/** The MTU the user configures at boot, so that a lost configuration shows. */
export const BOOT_MTU = 9000;

type Mutable = {
  -readonly [K in keyof SystemState]: SystemState[K] extends readonly (infer T)[] ? T[] : SystemState[K];
};

/**
 * The composed system of one topology and one design: a pure step function
 * (state + environment event -> state), the events enabled in a state, and the
 * booted initial state. The same functions serve random exploration, replay
 * and every checker, so they cannot disagree.
 */
export interface System {
  readonly topology: Topology;
  readonly design: Design;
  readonly components: Components;
  /** The booted system: parent probed, children at version 1 bound, bond settled, tool idle. */
  initial(): SystemState;
  step(state: SystemState, e: EnvEvent): StepResult;
  /** The message an environment event becomes, with its payload read from the state. */
  toMessage(state: SystemState, e: EnvEvent): Message;
  /** Whether the target machine accepts the event in this state. */
  accepts(state: SystemState, e: EnvEvent): boolean;
  /** Every environment event that is enabled, restricted to the allowed faults. */
  enabled(state: SystemState, faults: readonly FaultId[]): EnvEvent[];
}

/** What the upgrade tool reads of the system when it acts. */
export function observe(s: SystemState): ToolObservation {
  return {
    parentBound: parentBound(s),
    children: s.children.map((c, k) => ({ state: moduleState(s, k), version: c.context.version, allBound: childAllBound(s, k) })),
    present: s.netdevs.map(() => parentBound(s)),
    bondSettled: bondSettled(s),
  };
}

/** Watches every delivery: which machine, its snapshot before, the event (for coverage). */
export type TransitionObserver = (kind: Message['to'], machine: AnyStateMachine, before: unknown, event: Message['event']) => void;

/** The same state with every snapshot resolved in `c`'s machines (snapshots carry their machine). */
export function rehome(c: Components, s: SystemState): SystemState {
  const r = <M extends { resolveState(x: never): unknown }>(m: M, snap: { value: unknown; context: unknown }) =>
    m.resolveState({ value: snap.value, context: snap.context } as never);
  return {
    ...s,
    parent: r(c.parent, s.parent) as SystemState['parent'],
    children: s.children.map((x) => r(c.child, x) as SystemState['children'][number]),
    netdevs: s.netdevs.map((x) => r(c.netdev, x) as SystemState['netdevs'][number]),
    bond: r(c.bond, s.bond) as SystemState['bond'],
    tool: r(c.tool, s.tool) as SystemState['tool'],
    traffic: r(c.traffic, s.traffic) as SystemState['traffic'],
  };
}

/** Builds the system of a topology under a design. */
export function createSystem(topology: Topology, design: Design, onTransition?: TransitionObserver): System {
  const components = createComponents(design);
  const bootComponents = createComponents(CORRECT_DESIGN);
  const outbox: Message[] = [];
  const scopesOf = (c: Components) => ({
    parent: createScope(c.parent, outbox),
    child: createScope(c.child, outbox),
    netdev: createScope(c.netdev, outbox),
    bond: createScope(c.bond, outbox),
    tool: createScope(c.tool, outbox),
    traffic: createScope(c.traffic, outbox),
  });
  const scopes = scopesOf(components);
  const bootScopes = design === CORRECT_DESIGN ? scopes : scopesOf(bootComponents);

  function deliver(c: Components, sc: typeof scopes, s: Mutable, msg: Message): void {
    const run = (m: AnyStateMachine, scope: AnyActorScope, snap: unknown, event: unknown) => {
      if (onTransition) onTransition(msg.to, m, snap, msg.event);
      return m.transition(snap as never, event as never, scope);
    };
    switch (msg.to) {
      case 'parent':
        s.parent = run(c.parent, sc.parent, s.parent, msg.event) as Mutable['parent'];
        return;
      case 'child':
        s.children[msg.index] = run(c.child, sc.child, s.children[msg.index], msg.event) as Mutable['children'][number];
        return;
      case 'netdev':
        s.netdevs[msg.index] = run(c.netdev, sc.netdev, s.netdevs[msg.index], msg.event) as Mutable['netdevs'][number];
        return;
      case 'bond':
        s.bond = run(c.bond, sc.bond, s.bond, msg.event) as Mutable['bond'];
        return;
      case 'tool':
        s.tool = run(c.tool, sc.tool, s.tool, msg.event) as Mutable['tool'];
        return;
      case 'traffic':
        s.traffic = run(c.traffic, sc.traffic, s.traffic, msg.event) as Mutable['traffic'];
        return;
    }
  }

  function toMessage(s: SystemState, e: EnvEvent): Message {
    switch (e.kind) {
      case 'parent.probe':
        return { to: 'parent', event: { type: 'probe' } };
      case 'parent.remove':
        return { to: 'parent', event: { type: 'remove' } };
      case 'child.load':
        return { to: 'child', index: e.child, event: { type: 'load', version: e.version, present: observe(s).present } };
      case 'child.rmmod':
        return { to: 'child', index: e.child, event: { type: 'rmmod' } };
      case 'child.probe':
        return { to: 'child', index: e.child, event: { type: 'probe', subdev: e.subdev, ok: e.ok } };
      case 'child.bind':
        return { to: 'child', index: e.child, event: { type: 'probe', subdev: e.subdev, ok: true } };
      case 'child.remove':
        return { to: 'child', index: e.child, event: { type: 'remove' } };
      case 'child.drain':
        return { to: 'child', index: e.child, event: { type: 'drain', callsInFlight: callsInFlight(s, e.child) } };
      case 'child.free':
        return { to: 'child', index: e.child, event: { type: 'free' } };
      case 'child.unbind':
        return { to: 'child', index: e.child, event: { type: 'unbind', subdev: e.subdev } };
      case 'bond.enslave':
        return { to: 'bond', event: { type: 'enslave', slave: e.netdev, link: slaveLinkPolled(s, e.netdev) } };
      case 'bond.miimon':
        return { to: 'bond', event: { type: 'miimon', links: s.netdevs.map((_, i) => slaveLinkPolled(s, i)) } };
      case 'bond.primary':
        return { to: 'bond', event: { type: 'setPrimary', slave: e.netdev } };
      case 'bond.primaryReselect':
        return { to: 'bond', event: { type: 'setPrimaryReselect', reselect: e.reselect } };
      case 'bond.activeSlave':
        return { to: 'bond', event: { type: 'setActiveSlave', slave: e.netdev } };
      case 'user.mtu':
        return { to: 'netdev', index: e.netdev, event: { type: 'userConfig', mtu: e.mtu } };
      case 'user.mac':
        return { to: 'netdev', index: e.netdev, event: { type: 'userConfig', mac: e.mac } };
      case 'user.admin':
        return { to: 'netdev', index: e.netdev, event: { type: 'userConfig', adminUp: e.up } };
      case 'tool.start':
        return { to: 'tool', event: { type: 'start', target: TARGET_VERSION } };
      case 'tool.step':
        return { to: 'tool', event: { type: 'step', obs: observe(s) } };
      case 'tool.timeout':
        return { to: 'tool', event: { type: 'timeout', obs: observe(s) } };
      case 'tool.recv':
        return { to: 'tool', event: { type: 'recv' } };
      case 'tool.restart':
        return { to: 'tool', event: { type: 'restart' } };
      case 'notify.lost':
        return { to: 'tool', event: { type: 'notifyLost' } };
      case 'traffic.send':
        return { to: 'traffic', event: { type: 'send', flow: e.flow } };
      case 'traffic.complete':
        return { to: 'traffic', event: { type: 'complete' } };
    }
  }

  function snapshotFor(s: SystemState, m: Message): { can(e: unknown): boolean } {
    switch (m.to) {
      case 'parent':
        return s.parent as never;
      case 'child':
        return s.children[m.index] as never;
      case 'netdev':
        return s.netdevs[m.index] as never;
      case 'bond':
        return s.bond as never;
      case 'tool':
        return s.tool as never;
      case 'traffic':
        return s.traffic as never;
    }
  }

  function accepts(s: SystemState, e: EnvEvent): boolean {
    const m = toMessage(s, e);
    return snapshotFor(s, m).can(m.event);
  }

  function step(s0: SystemState, e: EnvEvent): StepResult {
    return stepWith(components, scopes, s0, e);
  }

  function stepWith(c: Components, sc: typeof scopes, s0: SystemState, e: EnvEvent): StepResult {
    const s: Mutable = { ...s0, children: [...s0.children], netdevs: [...s0.netdevs] };
    const fault = faultOf(e);
    if (fault !== null) s.faults = s0.faults | faultBit(fault);
    const log: Message[] = [];
    const queue: Message[] = [toMessage(s0, e)];
    for (let head = 0; head < queue.length; head++) {
      if (head >= MAX_MESSAGES_PER_STEP) throw new LivelockError(`step ${e.kind} did not reach rest after ${MAX_MESSAGES_PER_STEP} messages`);
      const msg = queue[head]!;
      log.push(msg);
      outbox.length = 0;
      deliver(c, sc, s, msg);
      for (const m of outbox) queue.push(m);
    }
    return { state: s, log };
  }

  function enabled(s: SystemState, faults: readonly FaultId[]): EnvEvent[] {
    const allow = (f: FaultId): boolean => faults.includes(f);
    const out: EnvEvent[] = [];
    const push = (e: EnvEvent): void => {
      if (accepts(s, e)) out.push(e);
    };
    const bound = parentBound(s);
    for (let k = 0; k < topology.children; k++) {
      const c = s.children[k]!.context;
      const state = moduleState(s, k);
      if (state === 'loading') {
        // driver_attach() probes the driver's devices in bus order.
        const next = c.subdevs.find((_, j) => c.status[j] === 'unbound');
        if (next !== undefined) {
          push({ kind: 'child.probe', child: k, subdev: next, ok: true });
          if (allow('FAULT-PROBE-FAIL')) push({ kind: 'child.probe', child: k, subdev: next, ok: false });
        }
      }
      push({ kind: 'child.remove', child: k });
      push({ kind: 'child.drain', child: k });
      push({ kind: 'child.free', child: k });
      if (allow('FAULT-FORCED-UNLOAD')) {
        push({ kind: 'child.rmmod', child: k });
        if (state === 'loaded') {
          for (const i of c.subdevs) {
            push({ kind: 'child.unbind', child: k, subdev: i });
            if (bound) push({ kind: 'child.bind', child: k, subdev: i });
          }
        }
      }
    }
    push({ kind: 'bond.miimon' });
    push({ kind: 'tool.start' });
    push({ kind: 'tool.step' });
    push({ kind: 'tool.recv' });
    push({ kind: 'tool.timeout' });
    if (allow('FAULT-TOOL-RESTART')) push({ kind: 'tool.restart' });
    if (allow('FAULT-NOTIFY-LOST')) push({ kind: 'notify.lost' });
    for (let f = 0; f < topology.flows; f++) push({ kind: 'traffic.send', flow: f });
    push({ kind: 'traffic.complete' });
    if (allow('FAULT-USER-CONFIG') && bound) {
      for (let i = 0; i < topology.netdevs; i++) {
        const cfg = s.netdevs[i]!.context.config;
        push({ kind: 'user.mtu', netdev: i, mtu: cfg.mtu === 1500 ? BOOT_MTU : 1500 });
        push({ kind: 'user.mac', netdev: i, mac: 1 - cfg.mac });
        push({ kind: 'user.admin', netdev: i, up: !cfg.adminUp });
      }
      const b = s.bond.context;
      if (b.mode === 'active-backup') {
        for (let i = -1; i < topology.netdevs; i++) {
          const p = i < 0 ? null : i;
          if (p !== b.primary) push({ kind: 'bond.primary', netdev: p });
        }
        for (let i = 0; i < topology.netdevs; i++) if (i !== b.active && b.slaves[i]?.link === 'up') push({ kind: 'bond.activeSlave', netdev: i });
        for (const r of ['always', 'better', 'failure'] as const) if (r !== b.primaryReselect) push({ kind: 'bond.primaryReselect', reselect: r });
      }
    }
    if (allow('FAULT-PARENT-REMOVE') && bound) push({ kind: 'parent.remove' });
    return out;
  }

  /** Every design boots the same way, under the correct design: boot is not what a mutant breaks. */
  function initial(): SystemState {
    const t = topology;
    const c = bootComponents;
    const sc = bootScopes;
    let s: SystemState = {
      parent: c.parent.getInitialSnapshot(sc.parent, { owner: t.binding, channel: t.channel }),
      children: Array.from({ length: t.children }, (_, k) =>
        c.child.getInitialSnapshot(sc.child, { index: k, subdevs: t.binding.flatMap((o, i) => (o === k ? [i] : [])) }),
      ),
      netdevs: Array.from({ length: t.netdevs }, (_, i) => c.netdev.getInitialSnapshot(sc.netdev, { index: i })),
      bond: c.bond.getInitialSnapshot(sc.bond, { slaves: t.netdevs, ...t.bond }),
      tool: c.tool.getInitialSnapshot(sc.tool, undefined),
      traffic: c.traffic.getInitialSnapshot(sc.traffic, { maxInFlight: t.maxInFlight }),
      faults: 0,
      monitors: {},
    };
    const go = (e: EnvEvent): void => {
      s = stepWith(c, sc, s, e).state;
    };
    // Boot: the parent probes; user space enslaves the netdevs and sets their MTU;
    // each child module loads and probes; the bond's monitor catches up.
    go({ kind: 'parent.probe' });
    for (let i = 0; i < t.netdevs; i++) go({ kind: 'bond.enslave', netdev: i });
    for (let i = 0; i < t.netdevs; i++) go({ kind: 'user.mtu', netdev: i, mtu: BOOT_MTU });
    for (let k = 0; k < t.children; k++) {
      go({ kind: 'child.load', child: k, version: BOOT_VERSION });
      for (const i of t.binding.flatMap((o, j) => (o === k ? [j] : []))) go({ kind: 'child.probe', child: k, subdev: i, ok: true });
    }
    for (let n = 0; n < 10 && !bondSettled(s); n++) go({ kind: 'bond.miimon' });
    if (!bondSettled(s)) throw new Error(`boot of ${t.name} did not settle the bond`);
    return { ...rehome(components, s), faults: 0 };
  }

  return { topology, design, components, initial, step, toMessage, accepts, enabled };
}
