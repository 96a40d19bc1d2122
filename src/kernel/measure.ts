import type { GuestScenario } from './guest.js';

/** The guest pings every 20 ms: a run of lost replies lasts that many times 20 ms. */
export const PING_INTERVAL_MS = 20;

/** What one scenario measured on the real kernel. */
export interface Figures {
  readonly pingsSent: number;
  readonly pingsLost: number;
  /** The sequence numbers of the lost echo requests (20 ms apart from the scenario's start). */
  readonly lostSeqs: readonly number[];
  readonly longestOutageMs: number;
  /** Netdevs whose ifindex changed: unregistered and registered again. */
  readonly netdevsRecreated: number;
  readonly ifindexKept: boolean;
  readonly mtuKept: boolean;
  readonly macKept: boolean;
  readonly slavesReleased: number;
  /** What ethtool -i says serves each netdev at the end: "eth0 hotup_c1/3". */
  readonly ethtoolAfter: readonly string[];
  /** Transmits the parent dropped while it held a port (the model's loss: a transmit on a closed port). */
  readonly parentTxDropped: number;
  /** Frames from the peer dropped at a port that was closed or held by the parent (replies in flight at a switch). */
  readonly rxDropped: number;
  /** Kernel log lines where bond0 ran without an active slave. */
  readonly bondWithoutActive: number;
  /** Kernel splats (WARN, BUG, oops) in the window. */
  readonly splats: number;
}

/** The figures of one scenario from the guest's @@META, @@PING lines and its kernel log. */
export function figures(s: GuestScenario): Figures {
  const at = (when: string) => new Map(s.meta.filter((m) => m[0] === when).map((m) => [m[1]!, m.slice(2)]));
  const before = at('before');
  const after = at('after');
  const same = (i: number) => [...before].every(([d, b]) => after.get(d)?.[i] === b[i]);
  const counter = (key: string): number => s.ports.reduce((n, p) => n + Number(p.find((x) => x.startsWith(`${key}=`))?.slice(key.length + 1) ?? 0), 0);
  return {
    pingsSent: s.ping?.tx ?? 0,
    pingsLost: s.ping ? s.ping.tx - s.ping.rx : 0,
    lostSeqs: s.ping?.lostSeqs ?? [],
    longestOutageMs: (s.ping?.longestGapPackets ?? 0) * PING_INTERVAL_MS,
    netdevsRecreated: [...before].filter(([d, b]) => after.get(d)?.[0] !== b[0]).length,
    ifindexKept: same(0),
    mtuKept: same(1),
    macKept: same(2),
    ethtoolAfter: [...after].map(([d, a]) => `${d} ${a[4] ?? '-'}`),
    parentTxDropped: counter('parent_tx_dropped'),
    rxDropped: counter('rx_dropped'),
    slavesReleased: s.log.filter((l) => /Releasing (backup|active) interface/.test(l)).length,
    bondWithoutActive: s.log.filter((l) => /now running without any active interface/.test(l)).length,
    splats: s.log.filter((l) => /WARNING:|BUG:|Oops|general protection|unable to handle/.test(l)).length,
  };
}
