import type { SlaveLink } from '../../machines/bond-logic.js';
import { allOps, apply, initialEnv, observeBond, possible, type BondConfig, type BondEnv, type BondOp } from './bond-env.js';

/** A slave as the per-slave link machine sees it: one of the four link states, or not enslaved. */
export type LinkState = 'released' | SlaveLink;

/** What moves a slave's link state: a miimon run, enslaving, releasing, or a selection outside a miimon run. */
export type Cause = 'miimon' | 'enslave' | 'release' | 'select';

/** One transition of the bond machine, with the kernel path it follows (bond_main.c). */
export interface BondTransition {
  readonly id: string;
  readonly when: string;
}

const t = (cause: Cause | 'carrier', from: string, to: string): string => `${cause}: ${from} -> ${to}`;

/**
 * Every transition of the bond machine: the per-slave link machine of
 * bond_miimon_inspect()/bond_miimon_commit() (a miimon run takes one from
 * every enslaved slave, staying put included), enslave and release, a `going
 * back` slave made active outside a miimon run, and bond0's carrier.
 */
export const BOND_TRANSITIONS: readonly BondTransition[] = [
  { id: t('miimon', 'up', 'up'), when: 'carrier still on' },
  { id: t('miimon', 'up', 'fail'), when: 'carrier lost, downdelay > 0: `going down`' },
  { id: t('miimon', 'up', 'down'), when: 'carrier lost, downdelay 0: committed down at once' },
  { id: t('miimon', 'fail', 'fail'), when: 'carrier still lost, downdelay not yet over' },
  { id: t('miimon', 'fail', 'down'), when: 'downdelay over: committed down' },
  { id: t('miimon', 'fail', 'up'), when: 'carrier back within downdelay: committed up again' },
  { id: t('miimon', 'down', 'down'), when: 'carrier still lost' },
  { id: t('miimon', 'down', 'back'), when: 'carrier back, updelay > 0: `going back`' },
  { id: t('miimon', 'down', 'up'), when: 'carrier back with updelay 0, or no active slave (ignore_updelay)' },
  { id: t('miimon', 'back', 'back'), when: 'carrier still on, updelay not yet over' },
  { id: t('miimon', 'back', 'up'), when: 'updelay over, no active slave (ignore_updelay), or made active' },
  { id: t('miimon', 'back', 'down'), when: 'carrier lost within updelay: committed down' },
  { id: t('enslave', 'released', 'up'), when: 'enslaved with carrier, updelay 0' },
  { id: t('enslave', 'released', 'back'), when: 'enslaved with carrier, updelay > 0' },
  { id: t('enslave', 'released', 'down'), when: 'enslaved without carrier' },
  { id: t('release', 'up', 'released'), when: 'released while up' },
  { id: t('release', 'fail', 'released'), when: 'released while going down' },
  { id: t('release', 'down', 'released'), when: 'released while down' },
  { id: t('release', 'back', 'released'), when: 'released while going back' },
  { id: t('select', 'back', 'up'), when: 'another slave released or enslaved, this `going back` slave made active' },
  { id: t('carrier', 'off', 'on'), when: 'bond0 gets carrier: a slave is up again' },
  { id: t('carrier', 'on', 'off'), when: 'bond0 loses carrier: no slave is up' },
];

/** The kernel's names for the model's link states, as sysfs shows them. */
export const LINK_NAMES: Readonly<Record<LinkState, string>> = {
  released: 'released',
  up: 'up',
  fail: 'going down',
  down: 'down',
  back: 'going back',
};

const linkOf = (e: BondEnv, i: number): LinkState => {
  const s = e.bond.context.slaves[i]!;
  return s.enslaved ? s.link : 'released';
};

/** The transitions one model step (not a whole tick count: one miimon run or one operation) takes. */
export function oneStep(before: BondEnv, o: BondOp, after: BondEnv): string[] {
  const out: string[] = [];
  before.bond.context.slaves.forEach((_, i) => {
    const from = linkOf(before, i);
    const to = linkOf(after, i);
    if (o.op === 'tick') {
      if (from !== 'released') out.push(t('miimon', from, to));
    } else if (from !== to) {
      const cause: Cause = o.op === 'add_slave' && o.slave === i ? 'enslave' : o.op === 'del_slave' && o.slave === i ? 'release' : 'select';
      out.push(t(cause, from, to));
    }
  });
  const c0 = observeBond(before).carrier;
  const c1 = observeBond(after).carrier;
  if (c0 !== c1) out.push(t('carrier', c0 ? 'on' : 'off', c1 ? 'on' : 'off'));
  return out;
}

/** The bond after `o` and the distinct transitions it took (a tick of N runs takes those of each run). */
export function takeStep(before: BondEnv, o: BondOp): { after: BondEnv; taken: string[] } {
  if (o.op !== 'tick') {
    const after = apply(before, o);
    return { after, taken: [...new Set(oneStep(before, o, after))] };
  }
  let env = before;
  const taken = new Set<string>();
  for (let n = 0; n < o.count; n++) {
    const next = apply(env, { op: 'tick', count: 1 });
    for (const x of oneStep(env, o, next)) taken.add(x);
    env = next;
  }
  return { after: env, taken: [...taken] };
}

/** Every transition the bond machine can take in a configuration: an exhaustive search (2 slaves: well under a second). */
export function reachableTransitions(config: BondConfig): Set<string> {
  const key = (e: BondEnv): string => JSON.stringify([e.bond.context, e.carrier, e.admin]);
  const ops = allOps(config.slaves);
  const root = initialEnv(config);
  const seen = new Set([key(root)]);
  const taken = new Set<string>();
  let frontier = [root];
  while (frontier.length) {
    const next: BondEnv[] = [];
    for (const e of frontier) {
      for (const o of ops) {
        if (!possible(e, o)) continue;
        const step = takeStep(e, o);
        for (const x of step.taken) taken.add(x);
        const k = key(step.after);
        if (!seen.has(k)) {
          seen.add(k);
          next.push(step.after);
        }
      }
    }
    frontier = next;
  }
  return taken;
}
