import { describe, expect, it } from 'vitest';
import { harness, short } from '../test/fire.js';
import { DEFAULT_CONFIG } from './messages.js';
import { netdevMachine } from './netdev.js';

const registered = () => {
  const h = harness(netdevMachine, { index: 1 });
  h.send({ type: 'register', ifindex: 3, config: DEFAULT_CONFIG });
  return h;
};

describe('netdev machine', () => {
  it('registers with a name and ifindex, served by the parent, link closed', () => {
    const h = registered();
    expect(h.snapshot.context).toMatchObject({ name: 'N2', ifindex: 3, ops: 'parent', carrier: false });
  });

  it('tells the bond when it can or cannot transmit', () => {
    const h = registered();
    expect(h.send({ type: 'carrierOn' }).map(short)).toEqual(['bond.slaveState']);
    expect(h.send({ type: 'carrierOn' })).toEqual([]);
    expect(h.send({ type: 'userConfig', adminUp: false }).map(short)).toEqual(['bond.slaveState']);
  });

  it('hands the kept configuration to the child its tables delegate to', () => {
    const h = registered();
    h.send({ type: 'userConfig', mtu: 9000 });
    const sent = h.send({ type: 'setOps', holder: 0 });
    expect(sent.map(short)).toEqual(['child0.program']);
    expect(sent[0]!.event).toMatchObject({ config: { mtu: 9000 }, reason: 'probe' });
    expect(h.send({ type: 'userConfig', mtu: 1500 })[0]!.event).toMatchObject({ config: { mtu: 1500 }, reason: 'ndo' });
  });

  it('answers a transmit: dropped on carrier off or when the parent holds it, queued to a child otherwise', () => {
    const h = registered();
    expect(h.send({ type: 'xmit', flow: 0 })[0]!.event).toEqual({ type: 'dropped', reason: 'carrier-off' });
    h.send({ type: 'carrierOn' });
    expect(h.send({ type: 'xmit', flow: 0 })[0]!.event).toEqual({ type: 'dropped', reason: 'parent-holds' });
    h.send({ type: 'setOps', holder: 1 });
    expect(h.send({ type: 'xmit', flow: 0 })[0]!.event).toEqual({ type: 'queued', netdev: 1, holder: 1, flow: 0 });
  });

  it('releases its slave when unregistered', () => {
    const h = registered();
    expect(h.send({ type: 'unregister' }).map(short)).toEqual(['bond.release']);
    expect(h.send({ type: 'xmit', flow: 0 })[0]!.event).toEqual({ type: 'dropped', reason: 'no-netdev' });
  });
});
