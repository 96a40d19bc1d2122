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
  /** The primary option (params.primary): kept when that slave is released, in force again when it is enslaved. */
  readonly primary: number | null;
  readonly primaryReselect: PrimaryReselect;
  /** force_primary: set by writing primary or enslaving the primary; the next selection takes the primary if it is UP. */
  readonly forcePrimary: boolean;
  /** In miimon ticks. */
  readonly downdelay: number;
  /** In miimon ticks. */
  readonly updelay: number;
  readonly slaves: readonly SlaveView[];
  /** The slave list: enslave appends, release removes; selection walks it in this order. */
  readonly order: readonly number[];
  /** curr_active_slave: what active-backup transmits on; balance-xor keeps one too, unseen, for its own selection. */
  readonly active: number | null;
  /**
   * balance-xor's usable_slaves: the slaves it hashes over, as
   * bond_update_slave_arr() last built them (at enslave, release, a slave's
   * netdev event, a miimon commit of up or down; not when a selection makes a
   * `going back` slave up). null in active-backup, which has none.
   */
  readonly slaveArray: readonly number[] | null;
}

/** bond_update_slave_arr(): the slaves that are up, running and have carrier, in list order (balance-xor only). */
export function rebuildSlaveArray(b: BondView): BondView {
  if (b.mode !== 'balance-xor') return b;
  return { ...b, slaveArray: b.order.filter((i) => isUp(b.slaves[i]) && b.slaves[i]!.canTransmit) };
}

const isUp = (s: SlaveView | undefined): s is SlaveView => s !== undefined && s.enslaved && s.link === 'up';

/**
 * What a write of the active slave requires of the new one (SIOCBONDCHANGEACTIVE,
 * bond_option_active_slave_set()): UP in the bond's view and bond_slave_is_up(),
 * running with carrier, as the netdev notifier last said.
 */
export const canBecomeActive = (s: SlaveView | undefined): s is SlaveView => isUp(s) && s.canTransmit;

/** bond_choose_primary_or_current(), and whether it used up force_primary. */
export function choosePrimaryOrCurrent(b: BondView): { slave: number | null; forced: boolean } {
  const prim = b.primary === null ? undefined : b.slaves[b.primary];
  const curr = b.active === null ? undefined : b.slaves[b.active];
  if (!isUp(prim)) return { slave: isUp(curr) ? b.active : null, forced: false };
  if (b.forcePrimary) return { slave: b.primary, forced: true };
  if (!isUp(curr)) return { slave: b.primary, forced: false };
  return { slave: b.primaryReselect === 'always' ? b.primary : b.active, forced: false };
}

/**
 * bond_find_best_slave(): primary or current, else the first UP slave, else the
 * BACK slave nearest to UP (with less than a whole updelay left: a slave just
 * enslaved is not taken).
 */
export function findBestSlave(b: BondView): number | null {
  const chosen = choosePrimaryOrCurrent(b).slave;
  if (chosen !== null) return chosen;
  let best: number | null = null;
  let minDelay = b.updelay;
  for (const i of b.order) {
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
export function selectActiveSlave(b0: BondView): BondView {
  const b = choosePrimaryOrCurrent(b0).forced ? { ...b0, forcePrimary: false } : b0;
  const best = findBestSlave(b0);
  if (best === b.active) return b;
  const slaves =
    best !== null && b.slaves[best]!.link === 'back'
      ? b.slaves.map((s, i) => (i === best ? { ...s, link: 'up' as const, delay: 0 } : s))
      : b.slaves;
  return { ...b, slaves, active: best };
}

/**
 * One pass of bond_mii_monitor(): inspect every slave against its polled link,
 * in list order, apply downdelay/updelay, then commit; balance-xor rebuilds its
 * slave array when a slave went up or down; fail over when the active slave
 * went down or when a slave came up and the bond has no active slave or it is
 * the primary.
 */
export function miimonPass(b: BondView, links: readonly boolean[]): BondView {
  let reselect = false;
  let committed = false;
  // The first slave to come back (in list order) skips updelay (ignore_updelay) when
  // active-backup has no active slave, or balance-xor no slave in its array.
  let ignoreUpdelay = b.mode === 'balance-xor' ? b.slaveArray !== null && b.slaveArray.length === 0 : b.active === null;
  const inspect = (s: SlaveView, i: number): SlaveView => {
    const link = links[i] ?? false;
    let { link: state, delay } = s;
    if (state === 'up') {
      if (link) return s;
      state = 'fail';
      delay = b.downdelay;
    }
    if (state === 'fail') {
      if (link) {
        // Recovered within downdelay: a commit to UP like any other.
        if (b.active === null || b.primary === i) reselect = true;
        committed = true;
        return { ...s, link: 'up', delay: 0 };
      }
      if (delay <= 0) {
        if (b.active === i) reselect = true;
        committed = true;
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
    if (!link) {
      committed = true;
      return { ...s, link: 'down', delay: 0 };
    }
    if (ignoreUpdelay) delay = 0;
    if (delay <= 0) {
      if (b.active === null || b.primary === i) reselect = true;
      ignoreUpdelay = false;
      committed = true;
      return { ...s, link: 'up', delay: 0 };
    }
    return { ...s, link: 'back', delay: delay - 1 };
  };
  const slaves = [...b.slaves];
  for (const i of b.order) if (b.slaves[i]!.enslaved) slaves[i] = inspect(b.slaves[i]!, i);
  const next = { ...b, slaves };
  const rebuilt = committed ? rebuildSlaveArray(next) : next;
  return reselect ? selectActiveSlave(rebuilt) : rebuilt;
}

/** Slaves that carry traffic in balance-xor: its slave array (usable_slaves), as last built. */
export function xmitSlaves(b: BondView): number[] {
  return [...(b.slaveArray ?? [])];
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
 * Make-before-break: move the active slave off `leaving` to another slave that
 * can become active (the primary when it qualifies), as a write of the bond's
 * active_slave does. A slave still UP in the bond's view whose carrier is
 * already gone is refused, as the kernel refuses it. When no other slave
 * qualifies, nothing changes.
 */
export function failOverFrom(b: BondView, leaving: readonly number[]): BondView {
  if (b.mode !== 'active-backup' || b.active === null || !leaving.includes(b.active)) return b;
  const eligible = (i: number | null): i is number => i !== null && !leaving.includes(i) && canBecomeActive(b.slaves[i]);
  if (eligible(b.primary)) return { ...b, active: b.primary };
  // hotup_bond_fail_over() walks bond0's slave list, as bond_for_each_slave() does.
  const other = b.order.find((i) => eligible(i));
  return other === undefined ? b : { ...b, active: other };
}
