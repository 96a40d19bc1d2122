import { describe, expect, it } from 'vitest';
import type { GuestScenario } from './guest.js';
import { figures } from './measure.js';

const scenario = (after: string[][], log: string[] = []): GuestScenario => ({
  name: 's', log, done: true, ports: [['eth0', 'ifindex=3', 'parent_tx_dropped=2', 'rx_dropped=1'], ['eth1', 'ifindex=5', 'parent_tx_dropped=0', 'rx_dropped=4']], error: null, toolExit: [0],
  ping: { tx: 100, rx: 97, longestGapPackets: 2, lostSeqs: [3, 50, 51] },
  meta: [['before', 'eth0', '3', '9000', '02:00:00:00:00:01', 'enslaved'], ['before', 'eth1', '5', '9000', '02:00:00:00:00:01', 'enslaved'], ...after],
});

describe('figures of a scenario', () => {
  it('kept netdevs: nothing re-created, loss and outage from the ping', () => {
    const f = figures(scenario([['after', 'eth0', '3', '9000', '02:00:00:00:00:01', 'enslaved', 'hotup_c1/3'], ['after', 'eth1', '5', '9000', '02:00:00:00:00:01', 'enslaved']]));
    expect(f).toMatchObject({ pingsSent: 100, pingsLost: 3, longestOutageMs: 40, netdevsRecreated: 0, ifindexKept: true, mtuKept: true, macKept: true, parentTxDropped: 2, rxDropped: 5, ethtoolAfter: ['eth0 hotup_c1/3', 'eth1 -'] });
  });

  it('a re-created netdev with the factory MTU, and the bond messages counted', () => {
    const f = figures(scenario(
      [['after', 'eth0', '7', '1500', '02:00:00:00:00:01', 'enslaved'], ['after', 'eth1', '5', '9000', '02:00:00:00:00:01', 'enslaved']],
      ['[ 1.0] bond0: (slave eth0): Releasing backup interface', '[ 1.1] bond0: now running without any active interface!'],
    ));
    expect(f).toMatchObject({ netdevsRecreated: 1, ifindexKept: false, mtuKept: false, macKept: true, slavesReleased: 1, bondWithoutActive: 1 });
  });
});
