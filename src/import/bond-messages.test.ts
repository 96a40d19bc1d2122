import { describe, expect, it } from 'vitest';
import { BOND_MESSAGES, readBondMessage } from './bond-messages.js';

describe('the bonding driver messages', () => {
  it('reads every example the table documents', () => {
    for (const b of BOND_MESSAGES) expect(readBondMessage(b.example), b.example).not.toBeNull();
  });

  it('maps link, active slave, enslave, release and carrier to bond.* events', () => {
    const records = (m: string) => readBondMessage(m)?.records;
    expect(records('bond0: (slave eth1): link status definitely down, disabling slave')).toEqual([{ event: 'bond.link', netdev: 'eth1', link: 'down' }]);
    expect(records('bond0: (slave eth1): link status definitely up, 100000 Mbps full duplex')).toEqual([{ event: 'bond.link', netdev: 'eth1', link: 'up' }]);
    expect(records('bond0: (slave eth1): link status down for interface, disabling it in 200 ms')).toEqual([{ event: 'bond.link', netdev: 'eth1', link: 'fail' }]);
    expect(records('bond0: (slave eth1): link status up, enabling it in 200 ms')).toEqual([{ event: 'bond.link', netdev: 'eth1', link: 'back' }]);
    expect(records('bond0: (slave eth2): making interface the new active one')).toEqual([{ event: 'bond.active', netdev: 'eth2' }]);
    expect(records('bond0: making interface eth2 the new active one')).toEqual([{ event: 'bond.active', netdev: 'eth2' }]);
    expect(records('bond0: Enslaving eth1 as a backup interface with an up link')).toEqual([{ event: 'bond.enslave', netdev: 'eth1' }]);
    expect(records('bond0: (slave eth1): Enslaving as an active interface with a down link')).toEqual([{ event: 'bond.enslave', netdev: 'eth1' }]);
    expect(records('bond0: Releasing backup interface eth1')).toEqual([{ event: 'bond.release', netdev: 'eth1' }]);
    expect(records('bond0: now running without any active interface!')).toEqual([
      { event: 'bond.active', netdev: null },
      { event: 'bond.carrier', carrier: 'off' },
    ]);
    expect(records('bond0: active interface up!')).toEqual([{ event: 'bond.carrier', carrier: 'on' }]);
    expect(readBondMessage('bond0: (slave eth1): link status definitely down, disabling slave')?.slave).toBe('eth1');
  });

  it('reads nothing into messages it does not know', () => {
    expect(readBondMessage('bond0: (slave eth1): the permanent HWaddr of slave - 02:00:5e:00:53:01 - is still in use by bond')).toBeNull();
    expect(readBondMessage('IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready')).toBeNull();
    expect(readBondMessage('bond0: (slave eth1): link status definitely sideways')).toBeNull();
    expect(readBondMessage('link status definitely down, disabling slave')).toBeNull();
  });
});
