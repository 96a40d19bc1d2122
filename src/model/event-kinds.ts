import { subdevName } from '../../machines/child.js';
import type { ComponentKind, Message } from '../../machines/messages.js';
import type { ToolObservation } from '../../machines/tool.js';
import { childName, netdevName, type Topology } from '../topology/topology.js';
import { TARGET_VERSION } from './boot.js';
import type { EnvEvent, EnvKind } from './env-event.js';
import type { FaultId } from './faults.js';
import { callsInFlight, observe, slaveLinkPolled, type SystemState } from './state.js';
import { subdevLabel, type TraceEvent } from './trace-event.js';

/** Who causes an environment event: the kernel's own work, the upgrade tool, user space, an operator, the network, or a fault. */
export type Actor = 'kernel' | 'tool' | 'user' | 'operator' | 'traffic' | 'fault';

/**
 * How the enabled events of a kind are found, and which slots of a state
 * decide them: a child's driver-core and operator steps read the child, the
 * parent and the traffic; a netdev's user configuration reads the netdev and
 * the parent; bond options read the bond and the parent; `target` kinds are
 * offered whenever their target machine accepts them.
 */
export type EnabledGroup = 'child' | 'netdev-config' | 'bond-options' | 'parent' | 'target' | 'boot';

type Of<K extends EnvKind> = Extract<EnvEvent, { kind: K }>;

/** Everything the model knows about one kind of environment event, in one place. */
export interface EventKind<K extends EnvKind = EnvKind> {
  readonly actor: Actor;
  /** The fault of model.md this event injects, if any. */
  readonly fault: (e: Of<K>) => FaultId | null;
  /** Weak fairness applies: a step the system takes by itself once it is enabled. */
  readonly fair: (e: Of<K>) => boolean;
  readonly group: EnabledGroup;
  /**
   * Components whose state decides whether the event is enabled and what
   * message it becomes, and every component its cascade delivers to (a
   * delivery reads its target). With `writes` this is the step's footprint,
   * refined to instances in src/check/por/footprint.ts and checked on every
   * step of a reduced search.
   */
  readonly reads: readonly ComponentKind[];
  /** Components the step can change, through everything its message causes. */
  readonly writes: readonly ComponentKind[];
  /** The kernel log events (docs/trace-format.md) this step can show, its own and its cascade's. */
  readonly logs: readonly string[];
  /** The message the event becomes, with its payload read from the state. */
  message(s: SystemState, e: Of<K>): Message;
  /** For a tool step that carries what the tool observed: the message made from the observation alone (`message` is this on `observe(s)`). */
  readonly fromObservation?: (obs: ToolObservation, e: Of<K>) => Message;
  /** The step in the kernel's own words. */
  describe(t: Topology, e: Of<K>, before: SystemState): string;
  /** The log events the environment step itself shows, before anything it causes. */
  shows(t: Topology, e: Of<K>, before: SystemState, log: readonly Message[]): TraceEvent[];
}

const S = subdevLabel;
const never = (): null => null;
const always = (): true => true;
const no = (): false => false;
const fault = (f: FaultId) => (): FaultId => f;
const none = (): TraceEvent[] => [];
const upDown = (b: boolean): 'up' | 'down' => (b ? 'up' : 'down');
/** `message` and `fromObservation` of a tool step whose message carries `observe(s)` and nothing else of the state. */
const observing = <K extends EnvKind>(f: (obs: ToolObservation, e: Of<K>) => Message) => ({ fromObservation: f, message: (s: SystemState, e: Of<K>): Message => f(observe(s), e) });
const USER = { actor: 'fault', fault: fault('FAULT-USER-CONFIG'), fair: no } as const;
const firstInbox = (s: SystemState): { child?: string } => {
  const k = s.tool.context.inbox[0];
  return k === undefined ? {} : { child: childName(k) };
};

/** The environment's event kinds: adding one is one entry here plus its machine transitions. */
export const EVENT_KINDS: { readonly [K in EnvKind]: EventKind<K> } = {
  'parent.probe': {
    actor: 'kernel', fault: never, fair: no, group: 'boot', reads: ['parent'], writes: ['parent', 'netdev'],
    logs: ['parent.probe', 'netdev.register', 'auxdev.add'],
    message: () => ({ to: 'parent', event: { type: 'probe' } }),
    describe: () => 'PCI core: probe the parent driver',
    shows: none,
  },
  'parent.remove': {
    actor: 'fault', fault: fault('FAULT-PARENT-REMOVE'), fair: no, group: 'parent', reads: ['parent', 'child', 'netdev', 'bond'], writes: ['parent', 'child', 'netdev', 'bond'],
    logs: ['parent.remove', 'subdev.remove', 'auxdev.delete', 'netdev.unregister', 'bond.release'],
    message: () => ({ to: 'parent', event: { type: 'remove' } }),
    describe: () => 'PCI core: remove the parent driver',
    shows: none,
  },
  'child.load': {
    actor: 'kernel', fault: never, fair: always, group: 'child', reads: ['child', 'parent'], writes: ['child'],
    logs: ['module.load.begin', 'module.load.end', 'notify.send'],
    message: (s, e) => ({ to: 'child', index: e.child, event: { type: 'load', version: e.version, present: observe(s).present } }),
    describe: (_, e) => `${childName(e.child)} version ${e.version}: the module's init runs and registers its auxiliary driver`,
    shows: none,
  },
  'child.rmmod': {
    actor: 'fault', fault: fault('FAULT-FORCED-UNLOAD'), fair: no, group: 'child', reads: ['child', 'parent'], writes: ['child', 'parent', 'bond'],
    logs: ['module.unload.begin'],
    message: (_, e) => ({ to: 'child', index: e.child, event: { type: 'rmmod' } }),
    describe: (_, e) => `operator: rmmod ${childName(e.child)} outside the tool`,
    shows: none,
  },
  'child.probe': {
    actor: 'kernel', fault: (e) => (e.ok ? null : 'FAULT-PROBE-FAIL'), fair: (e) => e.ok, group: 'child', reads: ['child', 'parent'], writes: ['child', 'parent', 'netdev', 'bond', 'tool'],
    logs: ['subdev.probe', 'hw.program', 'ops.switch', 'carrier.on', 'notify.send', 'module.load.end'],
    message: (_, e) => ({ to: 'child', index: e.child, event: { type: 'probe', subdev: e.subdev, ok: e.ok } }),
    describe: (t, e) => `driver core: ${childName(e.child)} probe(${subdevName(t.binding[e.subdev]!, e.subdev)}) ${e.ok ? 'matches' : 'fails'} ${S(e.subdev)}`,
    shows: none,
  },
  'child.remove': {
    actor: 'kernel', fault: never, fair: always, group: 'child', reads: ['child', 'parent'], writes: ['child', 'parent', 'netdev', 'bond'],
    logs: ['subdev.remove', 'bond.failover', 'carrier.off', 'ops.switch'],
    message: (_, e) => ({ to: 'child', index: e.child, event: { type: 'remove', subdev: e.subdev } }),
    describe: (_, e) => `driver core: ${childName(e.child)} remove(${S(e.subdev)})`,
    shows: none,
  },
  'child.drain': {
    actor: 'kernel', fault: never, fair: always, group: 'child', reads: ['child', 'traffic'], writes: ['child'],
    logs: [],
    message: (s, e) => ({ to: 'child', index: e.child, event: { type: 'drain', callsInFlight: callsInFlight(s, e.child) } }),
    describe: (_, e) => `${childName(e.child)}: synchronize_rcu(), waiting for calls in flight`,
    shows: none,
  },
  'child.free': {
    actor: 'kernel', fault: never, fair: always, group: 'child', reads: ['child'], writes: ['child', 'tool'],
    logs: ['module.unload.end'],
    message: (_, e) => ({ to: 'child', index: e.child, event: { type: 'free' } }),
    describe: (_, e) => `${childName(e.child)}: module code freed, delete_module() returns`,
    shows: none,
  },
  'child.unbind': {
    actor: 'fault', fault: fault('FAULT-FORCED-UNLOAD'), fair: no, group: 'child', reads: ['child', 'parent'], writes: ['child', 'parent', 'netdev', 'bond'],
    logs: ['sysfs.unbind', 'subdev.remove', 'carrier.off', 'ops.switch'],
    message: (_, e) => ({ to: 'child', index: e.child, event: { type: 'unbind', subdev: e.subdev } }),
    describe: (_, e) => `operator: unbind ${S(e.subdev)} from ${childName(e.child)} in sysfs`,
    shows: (_, e) => [{ event: 'sysfs.unbind', child: childName(e.child), subdev: S(e.subdev) }],
  },
  'child.bind': {
    actor: 'fault', fault: fault('FAULT-FORCED-UNLOAD'), fair: no, group: 'child', reads: ['child', 'parent'], writes: ['child', 'parent', 'netdev', 'bond', 'tool'],
    logs: ['sysfs.bind', 'subdev.probe', 'hw.program', 'ops.switch', 'carrier.on'],
    message: (_, e) => ({ to: 'child', index: e.child, event: { type: 'probe', subdev: e.subdev, ok: true } }),
    describe: (_, e) => `operator: bind ${S(e.subdev)} to ${childName(e.child)} in sysfs`,
    shows: (_, e) => [{ event: 'sysfs.bind', child: childName(e.child), subdev: S(e.subdev) }],
  },
  'bond.enslave': {
    actor: 'user', fault: never, fair: no, group: 'boot', reads: ['bond', 'netdev'], writes: ['bond'],
    logs: ['bond.enslave', 'bond.link'],
    message: (s, e) => ({ to: 'bond', event: { type: 'enslave', slave: e.netdev, link: slaveLinkPolled(s, e.netdev) } }),
    describe: (_, e) => `user: enslave ${netdevName(e.netdev)} to bond0`,
    shows: none,
  },
  'bond.miimon': {
    actor: 'kernel', fault: never, fair: always, group: 'target', reads: ['bond', 'netdev'], writes: ['bond'],
    logs: ['bond.link', 'bond.active', 'bond.carrier'],
    message: (s) => ({ to: 'bond', event: { type: 'miimon', links: s.netdevs.map((_, i) => slaveLinkPolled(s, i)) } }),
    describe: () => 'bond0: miimon pass',
    shows: none,
  },
  'bond.primary': {
    ...USER, group: 'bond-options', reads: ['bond', 'parent'], writes: ['bond'], logs: ['user.bond', 'bond.active'],
    message: (_, e) => ({ to: 'bond', event: { type: 'setPrimary', slave: e.netdev } }),
    describe: (_, e) => `user: bond0 primary = ${e.netdev === null ? '(none)' : netdevName(e.netdev)}`,
    shows: (_, e) => [{ event: 'user.bond', option: 'primary', value: e.netdev === null ? null : netdevName(e.netdev) }],
  },
  'bond.primaryReselect': {
    ...USER, group: 'bond-options', reads: ['bond', 'parent'], writes: ['bond'], logs: ['user.bond', 'bond.active'],
    message: (_, e) => ({ to: 'bond', event: { type: 'setPrimaryReselect', reselect: e.reselect } }),
    describe: (_, e) => `user: bond0 primary_reselect = ${e.reselect}`,
    shows: (_, e) => [{ event: 'user.bond', option: 'primary_reselect', value: e.reselect }],
  },
  'bond.activeSlave': {
    ...USER, group: 'bond-options', reads: ['bond', 'parent'], writes: ['bond'], logs: ['user.bond', 'bond.active'],
    message: (_, e) => ({ to: 'bond', event: { type: 'setActiveSlave', slave: e.netdev } }),
    describe: (_, e) => `user: bond0 active_slave = ${netdevName(e.netdev)}`,
    shows: (_, e) => [{ event: 'user.bond', option: 'active_slave', value: netdevName(e.netdev) }],
  },
  'user.mtu': {
    ...USER, group: 'netdev-config', reads: ['netdev', 'parent', 'child'], writes: ['netdev', 'child'], logs: ['user.config', 'hw.program'],
    message: (_, e) => ({ to: 'netdev', index: e.netdev, event: { type: 'userConfig', mtu: e.mtu } }),
    describe: (_, e) => `user: ip link set ${netdevName(e.netdev)} mtu ${e.mtu}`,
    shows: (_, e) => [{ event: 'user.config', netdev: netdevName(e.netdev), mtu: e.mtu }],
  },
  'user.mac': {
    ...USER, group: 'netdev-config', reads: ['netdev', 'parent', 'child'], writes: ['netdev', 'child'], logs: ['user.config', 'hw.program'],
    message: (_, e) => ({ to: 'netdev', index: e.netdev, event: { type: 'userConfig', mac: e.mac } }),
    describe: (_, e) => `user: ip link set ${netdevName(e.netdev)} address #${e.mac}`,
    shows: (_, e) => [{ event: 'user.config', netdev: netdevName(e.netdev), mac: e.mac }],
  },
  'user.admin': {
    ...USER, group: 'netdev-config', reads: ['netdev', 'parent', 'child', 'bond'], writes: ['netdev', 'child', 'bond'], logs: ['user.config', 'hw.program', 'carrier.on', 'carrier.off'],
    message: (_, e) => ({ to: 'netdev', index: e.netdev, event: { type: 'userConfig', adminUp: e.up } }),
    describe: (_, e) => `user: ip link set ${netdevName(e.netdev)} ${e.up ? 'up' : 'down'}`,
    shows: (_, e) => [{ event: 'user.config', netdev: netdevName(e.netdev), admin: upDown(e.up) }],
  },
  'tool.start': {
    actor: 'tool', fault: never, fair: no, group: 'target', reads: ['tool'], writes: ['tool'], logs: ['tool.start'],
    message: () => ({ to: 'tool', event: { type: 'start', target: TARGET_VERSION } }),
    describe: () => 'tool: start the rolling upgrade',
    shows: (_, __, ___, log) => {
      const m = log[0];
      return [{ event: 'tool.start', ...(m?.to === 'tool' && m.event.type === 'start' ? { version: m.event.target } : {}) }];
    },
  },
  'tool.rerun': {
    actor: 'tool', fault: never, fair: no, group: 'target', reads: ['tool', 'parent', 'child', 'bond', 'netdev'], writes: ['tool'], logs: ['tool.start'],
    ...observing<'tool.rerun'>((obs, e) => ({ to: 'tool', event: { type: 'rerun', target: e.version, obs } })),
    describe: (_, e) => `tool: run the rolling upgrade again, to version ${e.version}`,
    shows: (_, e) => [{ event: 'tool.start', version: e.version }],
  },
  'tool.step': {
    actor: 'tool', fault: never, fair: always, group: 'target', reads: ['tool', 'parent', 'child', 'bond', 'netdev'], writes: ['tool', 'child', 'bond'],
    logs: ['tool.rmmod', 'tool.insmod', 'module.unload.begin', 'tool.done', 'tool.stop'],
    ...observing<'tool.step'>((obs) => ({ to: 'tool', event: { type: 'step', obs } })),
    describe: () => 'tool: next action',
    shows: none,
  },
  'tool.recv': {
    actor: 'tool', fault: never, fair: always, group: 'target', reads: ['tool'], writes: ['tool'], logs: ['notify.recv'],
    message: () => ({ to: 'tool', event: { type: 'recv' } }),
    describe: () => 'tool: read the notification',
    shows: (t, _, before) => [{ event: 'notify.recv', ...firstInbox(before), channel: t.channel }],
  },
  'tool.timeout': {
    actor: 'tool', fault: never, fair: always, group: 'target', reads: ['tool', 'parent', 'child', 'bond', 'netdev'], writes: ['tool'],
    logs: ['tool.timeout', 'tool.stop'],
    ...observing<'tool.timeout'>((obs) => ({ to: 'tool', event: { type: 'timeout', obs } })),
    describe: () => 'tool: timed out waiting for the notification',
    shows: (_, __, before) => {
      const k = before.tool.context.current;
      return [{ event: 'tool.timeout', ...(k === null ? {} : { child: childName(k) }) }];
    },
  },
  'tool.restart': {
    actor: 'fault', fault: fault('FAULT-TOOL-RESTART'), fair: no, group: 'target', reads: ['tool'], writes: ['tool'], logs: ['tool.restart'],
    message: () => ({ to: 'tool', event: { type: 'restart' } }),
    describe: () => 'tool: killed and started again',
    shows: () => [{ event: 'tool.restart' }],
  },
  'notify.lost': {
    actor: 'fault', fault: fault('FAULT-NOTIFY-LOST'), fair: no, group: 'target', reads: ['tool'], writes: ['tool'], logs: ['notify.lost'],
    message: () => ({ to: 'tool', event: { type: 'notifyLost' } }),
    describe: () => 'the notification is lost before the tool reads it',
    shows: (_, __, before) => [{ event: 'notify.lost', ...firstInbox(before) }],
  },
  'traffic.send': {
    actor: 'traffic', fault: never, fair: no, group: 'target', reads: ['traffic', 'bond', 'netdev'], writes: ['traffic'],
    logs: ['xmit.begin', 'packet.dropped'],
    message: (_, e) => ({ to: 'traffic', event: { type: 'send', flow: e.flow } }),
    describe: (_, e) => `transmit begins on bond0 (flow ${e.flow})`,
    shows: (_, e, __, log) => {
      const via = log.find((m) => m.to === 'traffic' && m.event.type === 'viaSlave');
      const slave = via && via.event.type === 'viaSlave' ? netdevName(via.event.slave) : null;
      return [{ event: 'xmit.begin', flow: e.flow, netdev: slave }];
    },
  },
  'traffic.complete': {
    actor: 'kernel', fault: never, fair: always, group: 'target', reads: ['traffic', 'child', 'netdev'], writes: ['traffic'],
    logs: ['xmit.end', 'packet.processed', 'packet.dropped', 'oops'],
    message: () => ({ to: 'traffic', event: { type: 'complete' } }),
    describe: () => 'transmit ends: ndo_start_xmit runs',
    shows: (_, __, before) => {
      const x = before.traffic.context.inFlight[0];
      return x ? [{ event: 'xmit.end', netdev: netdevName(x.netdev), child: childName(x.holder) }] : [];
    },
  },
};

/** The table entry of an event's kind. */
export const kindOf = (e: EnvEvent): EventKind => EVENT_KINDS[e.kind] as unknown as EventKind;

/** The fault an environment step injects, if it is one. */
export const faultOf = (e: EnvEvent): FaultId | null => kindOf(e).fault(e);

/** Whether weak fairness applies to the step: driver work, miimon, the tool's own progress, the end of a transmit. */
export const isDriverStep = (e: EnvEvent): boolean => kindOf(e).fair(e);

/** The message an environment event becomes in state `s`. */
export const toMessage = (s: SystemState, e: EnvEvent): Message => kindOf(e).message(s, e);

/** An environment step in the kernel's own words. */
export const describeEvent = (t: Topology, e: EnvEvent, before: SystemState): string => kindOf(e).describe(t, e, before);

/** The log events the environment step itself shows, before anything it causes. */
export const envShows = (t: Topology, e: EnvEvent, before: SystemState, log: readonly Message[]): TraceEvent[] => kindOf(e).shows(t, e, before, log);
