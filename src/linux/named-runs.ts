import type { BondConfig, BondOp } from './bond-env.js';
import type { BondScenario } from './scenarios.js';

const ab = (slaves: number, delay: number, primary: number | null = null, primaryReselect: BondConfig['primaryReselect'] = 'always'): BondConfig => ({
  mode: 'active-backup',
  slaves,
  primary,
  primaryReselect,
  downdelay: delay,
  updelay: delay,
});
const xor = (delay: number): BondConfig => ({ mode: 'balance-xor', slaves: 2, primary: null, primaryReselect: 'always', downdelay: delay, updelay: delay });

/** `off 0` style shorthand for the operations of a named run: `off K`, `on K`, `down K`, `up K`, `del K`, `add K`, `tick` or `tick N` (N runs, each observed). */
function ops(text: string): BondOp[] {
  const kinds = { off: 'carrier_off', on: 'carrier_on', down: 'admin_down', up: 'admin_up', del: 'del_slave', add: 'add_slave' } as const;
  return text
    .split(',')
    .map((w) => w.trim().split(/\s+/))
    .flatMap(([word, arg]): BondOp[] => {
      if (word === 'tick') return Array.from({ length: arg === undefined ? 1 : Number(arg) }, () => ({ op: 'tick', count: 1 }) as const);
      const op = kinds[word as keyof typeof kinds];
      if (op === undefined || arg === undefined) throw new Error(`named run: bad operation "${word} ${arg ?? ''}"; use off/on/down/up/del/add K or tick [N]`);
      return [{ op, slave: Number(arg) }];
    });
}

/**
 * Named runs: short hand-written scenarios, each showing one behaviour of the
 * bonding driver end to end, compared with the bond machine tick by tick like
 * the generated tours (every miimon run is observed).
 */
export function namedRuns(): BondScenario[] {
  const run = (name: string, config: BondConfig, about: string, steps: string): BondScenario => ({ name: `run-${name}`, config, about, ops: ops(steps) });
  return [
    run('ab2-d2-delays', ab(2, 2), 'the active slave loses its carrier: 2 ticks going down (still active), failover at the 3rd; it comes back: 2 ticks going back, up at the 3rd, no failback', 'off 0, tick 4, on 0, tick 4'),
    run('ab2-d3-return-within-downdelay', ab(2, 3), 'the carrier comes back inside downdelay: the next tick has the slave up again, active all along, no failure counted', 'off 0, tick, on 0, tick 3'),
    run('ab2-d3-lost-within-updelay', ab(2, 3), 'the carrier is lost again inside updelay: the next tick has the slave down, counted as a failure', 'off 0, tick 4, on 0, tick, off 0, tick 3'),
    run('ab2-d3-all-down-then-up', ab(2, 3), 'both slaves down, bond0 without carrier; the first slave back skips updelay (ignore_updelay) and is active at once', 'off 0, off 1, tick 4, on 1, tick 4'),
    run('ab2-d0-admin-down-active', ab(2, 0), 'admin down of the active slave: seen at the next tick as a lost carrier; admin up: up again as backup', 'down 0, tick, up 0, tick 2'),
    run('ab2-d0-admin-down-backup', ab(2, 0), 'admin down of the backup slave: down at the next tick, no failover', 'down 1, tick, up 1, tick'),
    run('ab2-d0-del-add-active', ab(2, 0), 'releasing the active slave fails over at once; re-added, it comes back as backup', 'del 0, tick, add 0, tick, del 1, tick'),
    run('ab2-primary-better-d0', ab(2, 0, 0, 'better'), 'primary_reselect better with equal speeds: the primary comes back and the current slave stays', 'off 0, tick, on 0, tick 2'),
    run('ab2-primary-failure-d0', ab(2, 0, 0, 'failure'), 'primary_reselect failure: the primary comes back and the current slave stays until it fails', 'off 0, tick, on 0, tick 2, off 1, tick'),
    run('ab3-d0-cascade', ab(3, 0), 'three slaves fail one after another, then two come back: each failover goes to the next slave in list order', 'off 0, tick, off 1, tick, off 2, tick, on 1, tick, on 0, tick'),
    run('ab2-d1-list-order', ab(2, 1), 'the slave list is s1, s0 (s0 re-added); both down, no active slave, both carriers back: miimon inspects in list order, so s1 skips updelay (ignore_updelay) and becomes active, s0 goes back', 'del 0, add 0, tick 2, off 0, off 1, tick 2, on 0, on 1, tick 2'),
    run('xor2-d1-enslave-selects-nothing', xor(1), 'balance-xor: releasing the active slave while the other is going back without carrier selects nothing; enslaving again selects nothing either (only active-backup selects at enslave), so both stay going back and bond0 has no carrier until miimon', 'del 0, add 0, tick, off 0, del 1, on 0, add 1, tick 2'),
    run('xor2-d3-release-outside-slave-array', xor(3), 'balance-xor: releasing the active slave makes the going-back slave up (selection), but the slave array was rebuilt before that selection: bond0 has carrier and cannot send, tick after tick, until enslaving rebuilds the array', 'off 0, tick 4, on 0, tick, del 1, tick 2, add 1, tick'),
    run('xor2-d2-no-slave-can-send', xor(2), 'balance-xor: the only up slave has just lost its carrier, so no slave can send though miimon has not seen it yet, and the other slave comes back: it skips updelay, as bond_miimon_inspect asks the slave array (usable_slaves) in this mode, not curr_active_slave', 'off 1, tick 3, off 0, on 1, tick 4'),
    run('xor2-d2-admin', xor(2), 'balance-xor with delays 2: a slave going down and back, admin down/up of the other, then both carriers lost', 'off 1, tick 3, on 1, tick 3, down 0, tick, up 0, tick 3, off 0, off 1, tick'),
  ];
}
