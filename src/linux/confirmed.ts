import type { BondEnv } from './bond-env.js';
import { predict } from './compare.js';
import type { StepRecord } from './coverage.js';

/** A behaviour of the real driver the doc states, and the model steps that show it: stated only when compared steps show it. */
export interface Confirmation {
  readonly text: string;
  readonly shows: (r: StepRecord) => boolean;
}

const ctx = (e: BondEnv) => e.bond.context;
const running = (e: BondEnv, i: number): boolean => (e.carrier[i] ?? false) && (e.admin[i] ?? false);
const ab = (r: StepRecord): boolean => r.scenario.config.mode === 'active-backup';
const tick = (r: StepRecord): boolean => r.op.op === 'tick';
const took = (r: StepRecord, ...ids: string[]): boolean => ids.some((id) => r.taken.includes(id));
const cameUp = (r: StepRecord, i: number): boolean => {
  const was = ctx(r.before).slaves[i]!;
  return was.enslaved && (was.link === 'down' || was.link === 'back') && ctx(r.after).slaves[i]!.link === 'up';
};
const someCameUp = (r: StepRecord, pred: (i: number) => boolean): boolean => ctx(r.before).slaves.some((_, i) => cameUp(r, i) && pred(i));

/**
 * What the real bonding driver confirmed, each with the steps that show it:
 * the doc lists a behaviour only with the compared steps that took it.
 */
export const CONFIRMED: readonly Confirmation[] = [
  {
    text: 'active-backup keeps the slave that lost its carrier (or was set admin down) active until the next miimon run, and a ping through the bond is lost meanwhile (the detection window the model contains, and the reason for make-before-break)',
    shows: (r) => ab(r) && (r.op.op === 'carrier_off' || r.op.op === 'admin_down') && ctx(r.before).active === r.op.slave && ctx(r.after).active === r.op.slave && !predict(r.after, []).ping,
  },
  {
    text: 'without downdelay, that next miimon run marks the slave down and fails over in the same run',
    shows: (r) => ab(r) && tick(r) && r.scenario.config.downdelay === 0 && ctx(r.before).active !== null && !running(r.before, ctx(r.before).active!) && ctx(r.after).active !== ctx(r.before).active,
  },
  {
    text: 'downdelay keeps a slave `going down` and still active for its ticks',
    shows: (r) => ab(r) && tick(r) && ctx(r.after).active !== null && ctx(r.after).active === ctx(r.before).active && ctx(r.after).slaves[ctx(r.after).active!]!.link === 'fail',
  },
  {
    text: 'updelay keeps a slave `going back` for its ticks',
    shows: (r) => tick(r) && took(r, 'miimon: down -> back', 'miimon: back -> back'),
  },
  {
    text: 'a carrier that returns within downdelay has the slave `up` again at the next miimon run, with no failure counted',
    shows: (r) => tick(r) && took(r, 'miimon: fail -> up'),
  },
  {
    text: 'a carrier lost within updelay has the slave `down` again at the next miimon run, and link_failure_count counts it (it counts every commit to `down`)',
    shows: (r) => tick(r) && took(r, 'miimon: back -> down'),
  },
  {
    text: 'active-backup with no active slave: the first slave to come back skips updelay (ignore_updelay), which the model first lacked',
    shows: (r) => ab(r) && tick(r) && r.scenario.config.updelay > 0 && ctx(r.before).active === null && someCameUp(r, () => true),
  },
  {
    text: 'balance-xor with no slave in its slave array (none can send): the first slave to come back skips updelay',
    shows: (r) => !ab(r) && tick(r) && r.scenario.config.updelay > 0 && ctx(r.before).slaveArray?.length === 0 && someCameUp(r, () => true),
  },
  {
    text: 'without a primary the bond does not fail back: a slave that comes back stays backup',
    shows: (r) => ab(r) && tick(r) && ctx(r.before).primary === null && ctx(r.before).active !== null && ctx(r.after).active === ctx(r.before).active && someCameUp(r, (i) => i !== ctx(r.before).active),
  },
  {
    text: 'with a primary and primary_reselect `always` the bond fails back in the miimon run that sees the primary up',
    shows: (r) => ab(r) && tick(r) && ctx(r.before).primaryReselect === 'always' && ctx(r.before).active !== null && someCameUp(r, (i) => i === ctx(r.before).primary && ctx(r.after).active === i && ctx(r.before).active !== i),
  },
  {
    text: 'with primary_reselect `better` (equal speeds) or `failure`, the current slave stays when the primary comes back',
    shows: (r) => ab(r) && tick(r) && ctx(r.before).primaryReselect !== 'always' && ctx(r.before).active !== null && ctx(r.after).active === ctx(r.before).active && someCameUp(r, (i) => i === ctx(r.before).primary),
  },
  {
    text: 'releasing the active slave fails over at once, without waiting for miimon',
    shows: (r) => ab(r) && r.op.op === 'del_slave' && ctx(r.before).active === r.op.slave && ctx(r.after).active !== null,
  },
  {
    text: 'admin down of a slave is seen at the next miimon run, as a lost carrier',
    shows: (r) => tick(r) && ctx(r.before).slaves.some((s, i) => s.enslaved && s.link === 'up' && r.before.carrier[i] === true && r.before.admin[i] === false),
  },
  {
    text: 'balance-xor: right after a slave loses its carrier, before miimon marks it down, a ping is answered and leaves through a slave that still has carrier (the notifier rebuilt the slave array at once)',
    shows: (r) => !ab(r) && r.op.op === 'carrier_off' && ctx(r.after).slaves[r.op.slave]!.link === 'up' && predict(r.after, []).ping,
  },
  {
    text: 'bond0 loses its carrier when no slave is up, and gets it back with the first slave up',
    shows: (r) => took(r, 'carrier: on -> off') || took(r, 'carrier: off -> on'),
  },
];
