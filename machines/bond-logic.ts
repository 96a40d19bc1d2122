/**
 * The bonding driver's decisions as pure functions over the bond's view of its
 * slaves, named after their counterparts in drivers/net/bonding/bond_main.c.
 */

/** A slave's link as the bond sees it (BOND_LINK_UP/FAIL/DOWN/BACK). */
export type SlaveLink = 'up' | 'fail' | 'down' | 'back';

/** Bonding modes the model has: active-backup, and balance-xor as its load-sharing mode. */
export type BondMode = 'active-backup' | 'balance-xor';

/** primary_reselect. With equal slave speeds, `better` keeps the current slave. */
export type PrimaryReselect = 'always' | 'better' | 'failure';

/** One slave as the bond sees it. */
export interface SlaveView {
  readonly enslaved: boolean;
  readonly link: SlaveLink;
  /** Miimon ticks left of downdelay (in FAIL) or updelay (in BACK). */
  readonly delay: number;
  /** What the netdev notifier last said: netif_running() && netif_carrier_ok(). */
  readonly canTransmit: boolean;
}

/** The bond's parameters and state. */
export interface BondView {
  readonly mode: BondMode;
  readonly primary: number | null;
  readonly primaryReselect: PrimaryReselect;
  /** In miimon ticks. */
  readonly downdelay: number;
  /** In miimon ticks. */
  readonly updelay: number;
  readonly slaves: readonly SlaveView[];
  /** curr_active_slave (active-backup only). */
  readonly active: number | null;
}

const isUp = (s: SlaveView | undefined): s is SlaveView => s !== undefined && s.enslaved && s.link === 'up';

/** bond_choose_primary_or_current(). */
export function choosePrimaryOrCurrent(b: BondView): number | null {
  const prim = b.primary === null ? undefined : b.slaves[b.primary];
  const curr = b.active === null ? undefined : b.slaves[b.active];
  if (!isUp(prim)) return isUp(curr) ? b.active : null;
  if (!isUp(curr)) return b.primary;
  return b.primaryReselect === 'always' ? b.primary : b.active;
}

/** bond_find_best_slave(): primary or current, else the first UP slave, else the BACK slave nearest to UP. */
export function findBestSlave(b: BondView): number | null {
  const chosen = choosePrimaryOrCurrent(b);
  if (chosen !== null) return chosen;
  let best: number | null = null;
  let minDelay = Number.POSITIVE_INFINITY;
  for (let i = 0; i < b.slaves.length; i++) {
    const s = b.slaves[i]!;
    if (!s.enslaved) continue;
    if (s.link === 'up') return i;
    if (s.link === 'back' && s.canTransmit && s.delay < minDelay) {
      minDelay = s.delay;
      best = i;
    }
  }
  return best;
}

/** bond_select_active_slave(): a BACK slave made active is declared UP at once. */
export function selectActiveSlave(b: BondView): BondView {
  if (b.mode !== 'active-backup') return b;
  const best = findBestSlave(b);
  if (best === b.active) return b;
  const slaves =
    best !== null && b.slaves[best]!.link === 'back'
      ? b.slaves.map((s, i) => (i === best ? { ...s, link: 'up' as const, delay: 0 } : s))
      : b.slaves;
  return { ...b, slaves, active: best };
}

/**
 * One pass of bond_mii_monitor(): inspect every slave against its polled link,
 * apply downdelay/updelay, then commit; fail over when the active slave went
 * down or when a slave came up and the bond has no active slave or it is the primary.
 */
export function miimonPass(b: BondView, links: readonly boolean[]): BondView {
  let reselect = false;
  // With no active slave the first slave to come back skips updelay (ignore_updelay).
  let ignoreUpdelay = b.active === null;
  const slaves = b.slaves.map((s, i): SlaveView => {
    if (!s.enslaved) return s;
    const link = links[i] ?? false;
    let { link: state, delay } = s;
    if (state === 'up') {
      if (link) return s;
      state = 'fail';
      delay = b.downdelay;
    }
    if (state === 'fail') {
      if (link) return { ...s, link: 'up', delay: 0 };
      if (delay <= 0) {
        if (b.active === i) reselect = true;
        return { ...s, link: 'down', delay: 0 };
      }
      return { ...s, link: 'fail', delay: delay - 1 };
    }
    if (state === 'down') {
      if (!link) return s;
      state = 'back';
      delay = b.updelay;
    }
    // state === 'back'
    if (!link) return { ...s, link: 'down', delay: 0 };
    if (ignoreUpdelay) delay = 0;
    if (delay <= 0) {
      if (b.active === null || b.primary === i) reselect = true;
      ignoreUpdelay = false;
      return { ...s, link: 'up', delay: 0 };
    }
    return { ...s, link: 'back', delay: delay - 1 };
  });
  const next = { ...b, slaves };
  return reselect ? selectActiveSlave(next) : next;
}

/** Slaves that carry traffic in balance-xor: bond_slave_can_tx(), in list order (the slave array). */
export function xmitSlaves(b: BondView): number[] {
  const out: number[] = [];
  b.slaves.forEach((s, i) => {
    if (s.enslaved && s.link === 'up' && s.canTransmit) out.push(i);
  });
  return out;
}

/** The slave a packet of `flow` leaves through, or null when the bond has none. */
export function xmitSlave(b: BondView, flow: number): number | null {
  if (b.mode === 'active-backup') return b.active;
  const arr = xmitSlaves(b);
  return arr.length === 0 ? null : arr[flow % arr.length]!;
}

/** bond_set_carrier(): the bond has carrier while any slave is UP. */
export function bondCarrier(b: BondView): boolean {
  return b.slaves.some((s) => s.enslaved && s.link === 'up');
}

/**
 * Make-before-break: move the active slave off `leaving` to another UP slave
 * (the primary when it qualifies), as a write of the bond's active_slave does.
 * When no other slave is UP, nothing changes.
 */
export function failOverFrom(b: BondView, leaving: readonly number[]): BondView {
  if (b.mode !== 'active-backup' || b.active === null || !leaving.includes(b.active)) return b;
  const eligible = (i: number | null): i is number => i !== null && !leaving.includes(i) && isUp(b.slaves[i]);
  if (eligible(b.primary)) return { ...b, active: b.primary };
  const other = b.slaves.findIndex((_, i) => eligible(i));
  return other < 0 ? b : { ...b, active: other };
}
