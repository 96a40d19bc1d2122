import type { SnapshotFrom } from 'xstate';
import type { SlaveLink } from '../../machines/bond-logic.js';
import { bondMachine, type BondInput } from '../../machines/bond.js';
import type { Message } from '../../machines/messages.js';
import { createScope } from '../engine/scope.js';

/** A bond's configuration as a scenario gives it (the bond machine's input; delays in miimon ticks). */
export type BondConfig = BondInput;

/** What the environment of a bond does: a slave's peer goes down/up, admin state, slave deleted/added, miimon runs. */
export type BondOp =
  | { readonly op: 'carrier_off' | 'carrier_on' | 'admin_down' | 'admin_up' | 'del_slave' | 'add_slave'; readonly slave: number }
  | { readonly op: 'tick'; readonly count: number };

/** Every operation on every slave, and one miimon pass. */
export function allOps(slaves: number): BondOp[] {
  const kinds = ['carrier_off', 'carrier_on', 'admin_down', 'admin_up', 'del_slave', 'add_slave'] as const;
  return [{ op: 'tick', count: 1 }, ...Array.from({ length: slaves }, (_, i) => kinds.map((op) => ({ op, slave: i }))).flat()];
}

/** The bond machine with its slaves' links around it. */
export interface BondEnv {
  readonly bond: SnapshotFrom<typeof bondMachine>;
  readonly carrier: readonly boolean[];
  readonly admin: readonly boolean[];
}

/** What can be seen of a bond from /proc/net/bonding and sysfs. */
export interface BondObservation {
  readonly active: number | null;
  readonly carrier: boolean;
  readonly slaves: readonly { readonly enslaved: boolean; readonly link: SlaveLink }[];
}

const scope = createScope(bondMachine, [] as Message[]);
const send = (s: BondEnv['bond'], event: Parameters<typeof bondMachine.transition>[1]) => bondMachine.transition(s, event, scope);
const running = (e: BondEnv, i: number): boolean => (e.carrier[i] ?? false) && (e.admin[i] ?? false);

/** A bond with every slave enslaved in index order, links up, settled by miimon. */
export function initialEnv(c: BondConfig): BondEnv {
  let bond = bondMachine.getInitialSnapshot(scope, { ...c });
  for (let i = 0; i < c.slaves; i++) bond = send(bond, { type: 'enslave', slave: i, link: true });
  let env: BondEnv = { bond, carrier: Array(c.slaves).fill(true), admin: Array(c.slaves).fill(true) };
  for (let t = 0; t <= c.updelay; t++) env = apply(env, { op: 'tick', count: 1 });
  return env;
}

/** Whether an operation makes sense in this state (the harness can perform it and it changes something). */
export function possible(e: BondEnv, o: BondOp): boolean {
  if (o.op === 'tick') return true;
  const enslaved = e.bond.context.slaves[o.slave]?.enslaved ?? false;
  switch (o.op) {
    case 'carrier_off':
      return e.carrier[o.slave] === true;
    case 'carrier_on':
      return e.carrier[o.slave] === false;
    case 'admin_down':
      return enslaved && e.admin[o.slave] === true;
    case 'admin_up':
      return enslaved && e.admin[o.slave] === false;
    case 'del_slave':
      return enslaved;
    case 'add_slave':
      return !enslaved;
  }
}

/** The bond after an operation, through the bond machine's own transitions. */
export function apply(e: BondEnv, o: BondOp): BondEnv {
  const notify = (next: Omit<BondEnv, 'bond'>, i: number): BondEnv => {
    const was = running(e, i);
    const now = (next.carrier[i] ?? false) && (next.admin[i] ?? false);
    const enslaved = e.bond.context.slaves[i]?.enslaved ?? false;
    return { ...next, bond: enslaved && was !== now ? send(e.bond, { type: 'slaveState', slave: i, canTransmit: now }) : e.bond };
  };
  const set = (xs: readonly boolean[], i: number, v: boolean) => xs.map((x, j) => (j === i ? v : x));
  switch (o.op) {
    case 'tick': {
      let bond = e.bond;
      for (let n = 0; n < o.count; n++) bond = send(bond, { type: 'miimon', links: e.carrier.map((_, i) => running(e, i)) });
      return { ...e, bond };
    }
    case 'carrier_off':
    case 'carrier_on':
      return notify({ carrier: set(e.carrier, o.slave, o.op === 'carrier_on'), admin: e.admin }, o.slave);
    case 'admin_down':
    case 'admin_up':
      return notify({ carrier: e.carrier, admin: set(e.admin, o.slave, o.op === 'admin_up') }, o.slave);
    case 'del_slave':
      return { ...e, bond: send(e.bond, { type: 'release', slave: o.slave }) };
    case 'add_slave':
      // bond_enslave() opens the slave itself: it joins admin up, with whatever carrier its peer gives.
      return {
        ...e,
        admin: set(e.admin, o.slave, true),
        bond: send(e.bond, { type: 'enslave', slave: o.slave, link: e.carrier[o.slave] ?? false }),
      };
  }
}

/** The bond as /proc/net/bonding/bond0 would show it. */
export function observeBond(e: BondEnv): BondObservation {
  const b = e.bond.context;
  return {
    active: b.mode === 'active-backup' ? b.active : null,
    carrier: e.bond.value === 'carrier',
    slaves: b.slaves.map((s) => ({ enslaved: s.enslaved, link: s.link })),
  };
}
