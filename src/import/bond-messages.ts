import type { TraceRecord } from './hotup-line.js';

/** One message of the Linux bonding driver that the importer understands, and the trace records it stands for. */
export interface BondMessage {
  /** The message after "bond0: ", as the kernel prints it; `slave` names the slave when the message has one. */
  readonly pattern: RegExp;
  readonly records: (slave: string) => TraceRecord[];
  /** The message as docs/trace-format.md shows it. */
  readonly example: string;
}

const link = (l: 'up' | 'fail' | 'down' | 'back') => (slave: string): TraceRecord[] => [{ event: 'bond.link', netdev: slave, link: l }];
const S = '(?<slave>[^\\s():]+)';

/**
 * The bonding driver's messages (drivers/net/bonding/bond_main.c): first as
 * kernels since 5.3 print them, "(slave eth1): ..." after the bond's name,
 * then the older "... interface eth1 ..." forms. The link messages are
 * miimon's (bond_miimon_inspect/commit); with downdelay or updelay 0 only the
 * "definitely" ones appear.
 */
export const BOND_MESSAGES: readonly BondMessage[] = [
  { pattern: new RegExp(`^\\(slave ${S}\\): link status definitely down, disabling slave`), records: link('down'), example: 'bond0: (slave eth1): link status definitely down, disabling slave' },
  { pattern: new RegExp(`^\\(slave ${S}\\): link status definitely up\\b`), records: link('up'), example: 'bond0: (slave eth1): link status definitely up, 10000 Mbps full duplex' },
  { pattern: new RegExp(`^\\(slave ${S}\\): link status down for interface, disabling it in \\d+ ms`), records: link('fail'), example: 'bond0: (slave eth1): link status down for interface, disabling it in 200 ms' },
  { pattern: new RegExp(`^\\(slave ${S}\\): link status up again after \\d+ ms`), records: link('up'), example: 'bond0: (slave eth1): link status up again after 100 ms' },
  { pattern: new RegExp(`^\\(slave ${S}\\): link status up, enabling it in \\d+ ms`), records: link('back'), example: 'bond0: (slave eth1): link status up, enabling it in 200 ms' },
  { pattern: new RegExp(`^\\(slave ${S}\\): link status down again after \\d+ ms`), records: link('down'), example: 'bond0: (slave eth1): link status down again after 100 ms' },
  { pattern: new RegExp(`^\\(slave ${S}\\): making interface the new active one`), records: (s) => [{ event: 'bond.active', netdev: s }], example: 'bond0: (slave eth2): making interface the new active one' },
  { pattern: new RegExp(`^\\(slave ${S}\\): Enslaving as an? (?:active|backup) interface`), records: (s) => [{ event: 'bond.enslave', netdev: s }], example: 'bond0: (slave eth1): Enslaving as a backup interface with an up link' },
  { pattern: new RegExp(`^\\(slave ${S}\\): Releasing (?:active|backup) interface`), records: (s) => [{ event: 'bond.release', netdev: s }], example: 'bond0: (slave eth1): Releasing backup interface' },
  { pattern: new RegExp(`^link status definitely down for interface ${S}, disabling it`), records: link('down'), example: 'bond0: link status definitely down for interface eth1, disabling it' },
  { pattern: new RegExp(`^link status definitely up for interface ${S}\\b`), records: link('up'), example: 'bond0: link status definitely up for interface eth1, 10000 Mbps full duplex' },
  { pattern: new RegExp(`^link status down for interface ${S}, disabling it in \\d+ ms`), records: link('fail'), example: 'bond0: link status down for interface eth1, disabling it in 200 ms' },
  { pattern: new RegExp(`^link status up again after \\d+ ms for interface ${S}`), records: link('up'), example: 'bond0: link status up again after 100 ms for interface eth1' },
  { pattern: new RegExp(`^link status up for interface ${S}, enabling it in \\d+ ms`), records: link('back'), example: 'bond0: link status up for interface eth1, enabling it in 200 ms' },
  { pattern: new RegExp(`^link status down again after \\d+ ms for interface ${S}`), records: link('down'), example: 'bond0: link status down again after 100 ms for interface eth1' },
  { pattern: new RegExp(`^making interface ${S} the new active one`), records: (s) => [{ event: 'bond.active', netdev: s }], example: 'bond0: making interface eth2 the new active one' },
  { pattern: new RegExp(`^Enslaving ${S} as an? (?:active|backup) interface`), records: (s) => [{ event: 'bond.enslave', netdev: s }], example: 'bond0: Enslaving eth1 as a backup interface with an up link' },
  { pattern: new RegExp(`^Releasing (?:active|backup) interface ${S}`), records: (s) => [{ event: 'bond.release', netdev: s }], example: 'bond0: Releasing backup interface eth1' },
  // bond_select_active_slave(): bond0's carrier changed with the new active slave.
  { pattern: /^now running without any active interface!/, records: (): TraceRecord[] => [{ event: 'bond.active', netdev: null }, { event: 'bond.carrier', carrier: 'off' }], example: 'bond0: now running without any active interface!' },
  { pattern: /^(?:first )?active interface up!/, records: () => [{ event: 'bond.carrier', carrier: 'on' }], example: 'bond0: active interface up!' },
];

/** What one bonding message says: the bond, the slave it names (if any), the records. */
export interface BondReading {
  readonly bond: string;
  readonly slave: string | null;
  readonly records: TraceRecord[];
}

const BOND_PREFIX = /^(?<bond>[\w.-]+): (?<rest>.*)$/;

/** The trace records a printk message of the bonding driver stands for, or null when it is not one of BOND_MESSAGES. */
export function readBondMessage(message: string): BondReading | null {
  const m = BOND_PREFIX.exec(message.trim());
  if (!m) return null;
  const rest = m.groups!.rest!;
  for (const b of BOND_MESSAGES) {
    const hit = b.pattern.exec(rest);
    if (!hit) continue;
    const slave = hit.groups?.slave ?? null;
    return { bond: m.groups!.bond!, slave, records: b.records(slave ?? '') };
  }
  return null;
}
