import type { SlaveLink } from '../../machines/bond-logic.js';
import { xmitSlaves } from '../../machines/bond-logic.js';
import { apply, initialEnv, observeBond, type BondEnv, type BondOp } from './bond-env.js';
import type { BondScenario } from './scenarios.js';

/** One observation the guest reports (scripts/linux-vm: /proc/net/bonding/bond0 and sysfs). */
export interface KernelObservation {
  readonly step: number;
  readonly active_slave: string | null;
  readonly bond_carrier: boolean;
  readonly slaves: readonly { readonly name: string; readonly mii_status: string; readonly link_failure_count: number; readonly enslaved: boolean }[];
  readonly ping?: boolean | null;
  /** The slaves whose tx_packets grew during the ping. */
  readonly ping_tx?: readonly string[] | null;
}

/** What the bond machine predicts, in the kernel's terms. */
export interface Prediction {
  readonly active_slave: string | null;
  readonly bond_carrier: boolean;
  readonly slaves: readonly { readonly name: string; readonly mii_status: string; readonly link_failure_count: number; readonly enslaved: boolean }[];
  readonly ping: boolean;
  /** The slaves a packet may leave through: the active slave, or in balance-xor every UP slave with carrier. */
  readonly transmitters: readonly string[];
}

/** A field where the kernel and the model disagree after a step. */
export interface Divergence {
  readonly field: string;
  readonly kernel: unknown;
  readonly model: unknown;
}

/** The result of one scenario step (step 0 is the set-up bond). */
export interface StepVerdict {
  readonly step: number;
  readonly op: string;
  readonly divergences: readonly Divergence[];
}

const MII: Record<SlaveLink, string> = { up: 'up', down: 'down', fail: 'going down', back: 'going back' };

/** How a step's operation is written in a verdict. */
export const opText = (o: BondOp): string => (o.op === 'tick' ? `tick x${o.count}` : `${o.op} s${o.slave}`);

/**
 * What the bond machine says /proc/net/bonding/bond0 shows. link_failure_count
 * is not part of the machine's state: it counts the slave's commits to DOWN
 * since it was enslaved, as bond_miimon_commit() does.
 */
export function predict(env: BondEnv, failures: readonly number[]): Prediction {
  const o = observeBond(env);
  const b = env.bond.context;
  const running = (i: number): boolean => (env.carrier[i] ?? false) && (env.admin[i] ?? false);
  // A ping needs bond0's own queue (its carrier) and the queue of the slave it leaves through.
  const ping = o.carrier && (b.mode === 'active-backup' ? b.active !== null && running(b.active) : xmitSlaves(b).length > 0);
  return {
    active_slave: o.active === null ? null : `s${o.active}`,
    bond_carrier: o.carrier,
    slaves: o.slaves.map((s, i) => ({ name: `s${i}`, mii_status: s.enslaved ? MII[s.link] : 'down', link_failure_count: failures[i] ?? 0, enslaved: s.enslaved })),
    ping,
    transmitters: (b.mode === 'active-backup' ? (b.active === null ? [] : [b.active]) : xmitSlaves(b)).map((i) => `s${i}`),
  };
}

function diff(k: KernelObservation, m: Prediction, checkPing: boolean): Divergence[] {
  const out: Divergence[] = [];
  if (k.active_slave !== m.active_slave) out.push({ field: 'active_slave', kernel: k.active_slave, model: m.active_slave });
  if (k.bond_carrier !== m.bond_carrier) out.push({ field: 'bond carrier', kernel: k.bond_carrier, model: m.bond_carrier });
  m.slaves.forEach((ms, i) => {
    const ks = k.slaves[i];
    if (!ks) return;
    if (ks.enslaved !== ms.enslaved) out.push({ field: `${ms.name} enslaved`, kernel: ks.enslaved, model: ms.enslaved });
    if (!ms.enslaved) return;
    if (ks.mii_status !== ms.mii_status) out.push({ field: `${ms.name} mii_status`, kernel: ks.mii_status, model: ms.mii_status });
    if (ks.link_failure_count !== ms.link_failure_count) {
      out.push({ field: `${ms.name} link_failure_count`, kernel: ks.link_failure_count, model: ms.link_failure_count });
    }
  });
  if (checkPing && typeof k.ping === 'boolean' && k.ping !== m.ping) out.push({ field: 'ping', kernel: k.ping, model: m.ping });
  // An answered ping left through slaves the bond may send on: balance-xor's slave array drops a slave at its carrier loss.
  const stray = checkPing && k.ping === true && Array.isArray(k.ping_tx) ? k.ping_tx.filter((x) => !m.transmitters.includes(x)) : [];
  if (stray.length) out.push({ field: 'ping left through', kernel: k.ping_tx, model: m.transmitters });
  return out;
}

/** Replays a scenario through the bond machine and compares every kernel observation with the prediction. */
export function compareScenario(s: BondScenario, observations: readonly KernelObservation[], checkPing = true): StepVerdict[] {
  let env = initialEnv(s.config);
  let failures = env.bond.context.slaves.map(() => 0);
  const verdicts: StepVerdict[] = [];
  const at = (n: number) => observations.find((o) => o.step === n);
  const first = at(0);
  verdicts.push({ step: 0, op: 'set up', divergences: first ? diff(first, predict(env, failures), checkPing) : [{ field: 'observation', kernel: 'missing', model: 'set up' }] });
  // When its last slave goes, the kernel gives bond0 a random MAC and later takes the next slave's
  // (MACs are not modelled): the harness's static neighbour entries then point at the old MAC, so
  // from there on a ping says nothing about the bond.
  let macChanged = false;
  s.ops.forEach((o, n) => {
    const before = env;
    env = apply(env, o);
    if (env.bond.context.slaves.every((x) => !x.enslaved)) macChanged = true;
    failures = failures.map((f, i) => {
      const was = before.bond.context.slaves[i]!;
      const now = env.bond.context.slaves[i]!;
      if (o.op === 'add_slave' && o.slave === i) return 0;
      return was.enslaved && was.link !== 'down' && now.link === 'down' && now.enslaved ? f + 1 : f;
    });
    const k = at(n + 1);
    verdicts.push({
      step: n + 1,
      op: opText(o),
      divergences: k ? diff(k, predict(env, failures), checkPing && !macChanged) : [{ field: 'observation', kernel: 'missing', model: opText(o) }],
    });
  });
  return verdicts;
}
