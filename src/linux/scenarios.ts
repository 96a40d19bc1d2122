import { allOps, apply, initialEnv, observeBond, possible, type BondConfig, type BondEnv, type BondOp } from './bond-env.js';
import { oneStep, takeStep } from './transitions.js';

/** A scenario for the Linux VM harness: a bond configuration and the operations to run on it. */
export interface BondScenario {
  readonly name: string;
  readonly config: BondConfig;
  readonly ops: readonly BondOp[];
  /** For a named run: what it shows (tours have none). */
  readonly about?: string;
}

const keyOf = (e: BondEnv): string => JSON.stringify([e.bond.context, e.carrier, e.admin]);
/**
 * What a state shows that a scenario should reach: the bond's carrier with its
 * active slave, and each slave's link state (and whether it is the active one).
 */
function facts(e: BondEnv): string[] {
  const o = observeBond(e);
  return [
    `bond carrier=${o.carrier} active=${o.active}`,
    ...o.slaves.map((s, i) => `s${i} ${s.enslaved ? s.link : 'released'}${o.active === i ? ' active' : ''}`),
  ];
}
/**
 * The facts an operation shows: what a miimon pass does to each slave's link
 * state, what an operation does to a slave, and every transition of the bond
 * machine it takes.
 */
function stepFacts(e: BondEnv, o: BondOp, after: BondEnv): string[] {
  const o0 = observeBond(e);
  const state = (i: number) => (o0.slaves[i]!.enslaved ? o0.slaves[i]!.link : 'released');
  const taken = o.op === 'tick' && o.count !== 1 ? takeStep(e, o).taken : oneStep(e, o, after);
  if (o.op === 'tick') return [...o0.slaves.map((_, i) => `tick s${i} ${state(i)}`), ...taken];
  const failover = (o.op === 'carrier_off' || o.op === 'admin_down' || o.op === 'del_slave') && o0.active === o.slave;
  return [`${o.op} s${o.slave} while ${state(o.slave)}${failover ? ' active' : ''}`, ...taken];
}
const isNew = (before: BondEnv, o: BondOp, after: BondEnv, covered: ReadonlySet<string>): boolean =>
  [...stepFacts(before, o, after), ...facts(after)].some((f) => !covered.has(f));

/** The shortest operations from `from` to a state whose observation is not yet covered (BFS), or null. */
function nearestUncovered(from: BondEnv, ops: readonly BondOp[], covered: ReadonlySet<string>, maxDepth: number): BondOp[] | null {
  const seen = new Set([keyOf(from)]);
  let frontier: { env: BondEnv; path: BondOp[] }[] = [{ env: from, path: [] }];
  for (let d = 0; d < maxDepth && frontier.length; d++) {
    const next: typeof frontier = [];
    for (const { env, path } of frontier) {
      for (const o of ops) {
        if (!possible(env, o)) continue;
        const e2 = apply(env, o);
        const k = keyOf(e2);
        if (seen.has(k)) continue;
        seen.add(k);
        const p2 = [...path, o];
        if (isNew(env, o, e2, covered)) return p2;
        next.push({ env: e2, path: p2 });
      }
    }
    frontier = next;
  }
  return null;
}

/**
 * Tours through the bond machine that together reach every fact a bond can
 * show (each active slave with the bond's carrier, each slave in each link
 * state, active or not, every operation in every link state, every transition
 * of the bond machine) reachable within `maxDepth` operations: each tour walks to the nearest observation not yet
 * seen, again and again, up to `maxLength` operations.
 */
export function bondTours(name: string, config: BondConfig, maxDepth = 6, maxLength = 40): BondScenario[] {
  const ops = allOps(config.slaves);
  const root = initialEnv(config);
  const covered = new Set(facts(root));
  const tours: BondScenario[] = [];
  for (;;) {
    let env = root;
    const path: BondOp[] = [];
    for (;;) {
      const leg = nearestUncovered(env, ops, covered, maxDepth);
      if (!leg || (path.length > 0 && path.length + leg.length > maxLength)) break;
      for (const o of leg) {
        const next = apply(env, o);
        for (const f of stepFacts(env, o, next)) covered.add(f);
        env = next;
        for (const f of facts(env)) covered.add(f);
        path.push(o);
      }
    }
    if (path.length === 0) break;
    tours.push({ name: `${name}-${tours.length + 1}`, config, ops: path });
  }
  return tours;
}

/** The delays (downdelay = updelay, in miimon ticks) the real bonding driver is checked with. */
export const DELAYS = [0, 1, 2, 3] as const;

/**
 * The configurations the real bonding driver is checked in (delays in miimon
 * ticks, downdelay = updelay): active-backup with 2 slaves with no primary at
 * every delay, and with primary under each primary_reselect at delays 0 and 1;
 * with 3 slaves with no primary at every delay, and with primary and `always`
 * at delays 0 and 1; balance-xor with 2 slaves at every delay.
 */
export function bondConfigs(): { name: string; config: BondConfig }[] {
  const out: { name: string; config: BondConfig }[] = [];
  for (const slaves of [2, 3]) {
    for (const delay of DELAYS) {
      const base = { mode: 'active-backup' as const, slaves, downdelay: delay, updelay: delay };
      out.push({ name: `ab${slaves}-noprimary-d${delay}`, config: { ...base, primary: null, primaryReselect: 'always' } });
      if (delay > 1) continue;
      for (const r of slaves === 2 ? (['always', 'better', 'failure'] as const) : (['always'] as const)) {
        out.push({ name: `ab${slaves}-primary-${r}-d${delay}`, config: { ...base, primary: 0, primaryReselect: r } });
      }
    }
  }
  for (const delay of DELAYS) {
    out.push({ name: `xor2-d${delay}`, config: { mode: 'balance-xor', slaves: 2, primary: null, primaryReselect: 'always', downdelay: delay, updelay: delay } });
  }
  return out;
}
