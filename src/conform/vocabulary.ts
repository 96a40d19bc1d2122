/**
 * The words of a hotup trace: every event kind and observation kind with its
 * fields. The JSON Schema in schema/, the line parser and docs/trace-format.md
 * all follow this table, so it is the one place a word is added.
 */

/** What a field holds. Names (netdev, child, subdev) may be the implementation's own, mapped by the header's `names`. */
export type FieldType =
  | 'netdev'
  | 'netdev-or-none'
  | 'netdev-list'
  | 'child'
  | 'child-or-none'
  | 'bool'
  | 'subdev'
  | 'holder'
  | 'ifindex'
  | 'version'
  | 'mac'
  | 'mtu'
  | 'flow'
  | 'count'
  | 'text'
  | 'bond-value'
  | 'subdev-states'
  | 'slave-states'
  | { readonly enum: readonly string[] };

/** One event kind: its fields, which of them a line must give, and what it is in the kernel's words. */
export interface EventSpec {
  readonly kind: string;
  readonly fields: Readonly<Record<string, FieldType>>;
  readonly required: readonly string[];
  readonly says: string;
}

/** One observation kind: what the implementation reports it saw; every field but the subject is optional. */
export interface ObservationSpec {
  readonly kind: string;
  readonly subject: string | null;
  readonly fields: Readonly<Record<string, FieldType>>;
  readonly says: string;
}

export const ON_OFF = { enum: ['on', 'off'] } as const;
export const UP_DOWN = { enum: ['up', 'down'] } as const;
export const SLAVE_LINKS = ['up', 'fail', 'down', 'back'] as const;
export const DROP_REASONS = ['no-slave', 'carrier-off', 'not-running', 'no-netdev', 'parent-holds'] as const;
export const CHANNELS = ['netlink', 'chardev'] as const;
export const BOND_OPTIONS = ['primary', 'primary_reselect', 'active_slave'] as const;
export const MODULE_STATES = ['unloaded', 'inserting', 'loading', 'loaded', 'unloading'] as const;
export const TOOL_STATES = ['idle', 'selecting', 'waitingUnload', 'readyToLoad', 'waitingNotify', 'done', 'stopped'] as const;

const ev = (kind: string, says: string, fields: Record<string, FieldType> = {}, required: string[] = []): EventSpec => ({ kind, says, fields, required });

/** Every event a trace line may carry, in the order docs/trace-format.md lists them. */
export const EVENTS: readonly EventSpec[] = [
  ev('parent.probe', 'the PCI core probes the parent driver'),
  ev('parent.remove', 'the PCI core removes the parent driver (FAULT-PARENT-REMOVE)'),
  ev('netdev.register', 'register_netdev()', { netdev: 'netdev', ifindex: 'ifindex' }, ['netdev']),
  ev('netdev.unregister', 'unregister_netdev()', { netdev: 'netdev', ifindex: 'ifindex' }, ['netdev']),
  ev('auxdev.add', "auxiliary_device_add() of a netdev's sub-device", { subdev: 'subdev' }, ['subdev']),
  ev('auxdev.delete', 'auxiliary_device_delete()', { subdev: 'subdev' }, ['subdev']),
  ev('module.load.begin', 'finit_module() of a child driver begins', { child: 'child', version: 'version' }, ['child']),
  ev('module.load.end', "the child's module init returns (every probe done)", { child: 'child', version: 'version' }, ['child']),
  ev('module.unload.begin', 'delete_module(): the child module is GOING', { child: 'child' }, ['child']),
  ev('module.unload.end', "the child's code is freed; delete_module() returns", { child: 'child' }, ['child']),
  ev('subdev.probe', "the child's probe() on its sub-device, matched or failed", { child: 'child', subdev: 'subdev', result: { enum: ['ok', 'error'] } }, ['subdev']),
  ev('subdev.remove', "the child's remove() on its sub-device", { child: 'child', subdev: 'subdev' }, ['subdev']),
  ev('sysfs.bind', 'an operator writes the sub-device to the driver\'s sysfs bind file (FAULT-FORCED-UNLOAD)', { child: 'child', subdev: 'subdev' }, ['subdev']),
  ev('sysfs.unbind', "an operator writes the sub-device to the driver's sysfs unbind file (FAULT-FORCED-UNLOAD)", { child: 'child', subdev: 'subdev' }, ['subdev']),
  ev('ops.switch', "the netdev's ndo/ethtool calls now go to the parent's or a child's tables (RCU pointer published)", { netdev: 'netdev', to: 'holder' }, ['netdev', 'to']),
  ev('carrier.on', 'netif_carrier_on()', { netdev: 'netdev' }, ['netdev']),
  ev('carrier.off', 'netif_carrier_off()', { netdev: 'netdev' }, ['netdev']),
  ev('bond.enslave', 'bond_enslave(): the netdev joins bond0', { netdev: 'netdev' }, ['netdev']),
  ev('bond.release', 'bond_release(): the netdev leaves bond0', { netdev: 'netdev' }, ['netdev']),
  ev('bond.link', "bond0's view of a slave's link changes (BOND_LINK_UP/FAIL/DOWN/BACK)", { netdev: 'netdev', link: { enum: SLAVE_LINKS } }, ['netdev', 'link']),
  ev('bond.active', "bond0's curr_active_slave changes (none: no slave)", { netdev: 'netdev-or-none' }, ['netdev']),
  ev('bond.carrier', "bond0's own carrier changes", { carrier: ON_OFF }, ['carrier']),
  ev('bond.failover', "the parent asks bond0 to move its active slave off a child's netdevs before their links close", { from: 'netdev-list' }),
  ev('notify.send', 'the parent sends the upgrade-finished notification', { child: 'child', channel: { enum: CHANNELS } }, ['child']),
  ev('notify.recv', 'the upgrade tool reads the notification', { child: 'child', channel: { enum: CHANNELS } }),
  ev('notify.lost', 'the notification is lost before the tool reads it, e.g. ENOBUFS (FAULT-NOTIFY-LOST)', { child: 'child' }),
  ev('xmit.begin', "dev_queue_xmit() on bond0: the bond picks a slave and reads its live table (none: no slave)", { flow: 'flow', netdev: 'netdev-or-none' }),
  ev('xmit.end', 'ndo_start_xmit() runs the code behind the table read at begin', { netdev: 'netdev', child: 'child' }),
  ev('packet.processed', 'the packet was processed by the sub-device of the netdev under a child', { netdev: 'netdev', child: 'child', version: 'version' }, ['netdev']),
  ev('packet.dropped', 'the packet handed to bond0 was dropped, with the reason', { reason: { enum: DROP_REASONS }, netdev: 'netdev-or-none' }, ['reason']),
  ev('oops', "a call ran in a child's freed code: kernel oops (supervisor instruction fetch)", { netdev: 'netdev', child: 'child' }, ['child']),
  ev('hw.program', 'the child programs the hardware with the configuration the netdev keeps', { child: 'child', netdev: 'netdev', mtu: 'mtu', mac: 'mac', admin: UP_DOWN, reason: { enum: ['probe', 'ndo'] } }, ['netdev']),
  ev('user.config', 'the user changes MTU, MAC or admin state, one per line (FAULT-USER-CONFIG)', { netdev: 'netdev', mtu: 'mtu', mac: 'mac', admin: UP_DOWN }, ['netdev']),
  ev('user.bond', "the user writes one of bond0's options (FAULT-USER-CONFIG)", { option: { enum: BOND_OPTIONS }, value: 'bond-value' }, ['option', 'value']),
  ev('tool.start', 'the upgrade tool starts a rolling upgrade to a version', { version: 'version' }),
  ev('tool.rmmod', 'the upgrade tool unloads a child', { child: 'child' }, ['child']),
  ev('tool.insmod', 'the upgrade tool loads a child at the target version', { child: 'child', version: 'version' }, ['child']),
  ev('tool.timeout', 'the upgrade tool gives up waiting for the notification', { child: 'child' }),
  ev('tool.restart', 'the upgrade tool dies and starts again (FAULT-TOOL-RESTART)'),
  ev('tool.done', 'the upgrade tool finished: every child on the target version'),
  ev('tool.stop', 'the upgrade tool stopped and reported', { report: 'text' }),
];

const obs = (kind: string, subject: string | null, says: string, fields: Record<string, FieldType>): ObservationSpec => ({ kind, subject, says, fields });

/** What an observation line may report, compared with the model's state at that point. */
export const OBSERVATIONS: readonly ObservationSpec[] = [
  obs('parent', null, 'the parent driver', { state: { enum: ['unbound', 'bound', 'removed'] } }),
  obs('netdev', 'netdev', 'a netdev as ip link and ethtool show it', {
    netdev: 'netdev',
    registered: 'bool',
    ifindex: 'ifindex',
    mtu: 'mtu',
    mac: 'mac',
    admin: UP_DOWN,
    carrier: ON_OFF,
    ops: 'holder',
  }),
  obs('module', 'child', 'a child module as /proc/modules and the driver core show it (version: none while unloaded)', {
    child: 'child',
    state: { enum: MODULE_STATES },
    version: 'version',
    subdevs: 'subdev-states',
  }),
  obs('bond', null, "bond0 as /proc/net/bonding/bond0 shows it", { carrier: ON_OFF, active: 'netdev-or-none', slaves: 'slave-states' }),
  obs('tool', null, "the upgrade tool's state (the model's names), the child it works on, its report", {
    state: { enum: TOOL_STATES },
    child: 'child-or-none',
    report: 'text',
  }),
  obs('traffic', null, 'transmits in flight', { in_flight: 'count' }),
];

/** Every event kind. */
export const EVENT_KINDS: readonly string[] = EVENTS.map((e) => e.kind);

/** The spec of an event kind, or undefined. */
export const eventSpec = (kind: string): EventSpec | undefined => EVENT_BY_KIND.get(kind);
const EVENT_BY_KIND = new Map(EVENTS.map((e) => [e.kind, e]));

/** The spec of an observation kind, or undefined. */
export const observationSpec = (kind: string): ObservationSpec | undefined => OBSERVATIONS.find((o) => o.kind === kind);

/**
 * Fields whose values are the implementation's, not the model's: they are
 * compared up to a consistent renaming learned along the trace (a real
 * netdev's ifindex is 7 where the model's is 2; a version is "5.2.1" where the
 * model's is 2). MAC addresses are renamed per netdev.
 */
export const RENAMED_FIELDS: Readonly<Record<string, 'ifindex' | 'version' | 'mac'>> = { ifindex: 'ifindex', version: 'version', mac: 'mac' };


/** Free-text fields (a tool's report): compared by meaning (src/conform/meaning.ts), not wording. */
export const TEXT_FIELDS: ReadonlySet<string> = new Set(
  [...EVENTS.flatMap((e) => Object.entries(e.fields)), ...OBSERVATIONS.flatMap((o) => Object.entries(o.fields))].filter(([, t]) => t === 'text').map(([k]) => k),
);

/** Fields an implementation may add for itself: ignored by the checker. */
export const isExtensionField = (name: string): boolean => name.startsWith('x-');
