import { describe, expect, it } from 'vitest';
import { harness, short } from '../test/fire.js';
import { trafficMachine } from './traffic.js';

describe('traffic machine', () => {
  it('splits a transmit into begin (bond, slave, table read) and end (the ndo runs)', () => {
    const h = harness(trafficMachine, { maxInFlight: 1 });
    expect(h.send({ type: 'send', flow: 0 }).map(short)).toEqual(['bond.xmit']);
    expect(h.send({ type: 'viaSlave', slave: 2, flow: 0 }).map(short)).toEqual(['netdev2.xmit']);
    h.send({ type: 'queued', netdev: 2, holder: 0, flow: 0 });
    expect(h.snapshot.context.inFlight).toHaveLength(1);
    expect(h.can({ type: 'send', flow: 0 })).toBe(false);
    expect(h.send({ type: 'complete' }).map(short)).toEqual(['child0.ndoStartXmit']);
    expect(h.snapshot.context.inFlight).toHaveLength(0);
    expect(h.can({ type: 'complete' })).toBe(false);
  });
});
