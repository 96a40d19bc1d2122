import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { bondMachine, type BondInput } from './bond.js';
import { findBestSlave, miimonPass, xmitSlave, type BondView } from './bond-logic.js';

const ab = (over: Partial<BondInput> = {}): BondInput => ({
  mode: 'active-backup',
  slaves: 2,
  primary: null,
  primaryReselect: 'always',
  downdelay: 0,
  updelay: 0,
  ...over,
});

function bond(input: BondInput) {
  const a = createActor(bondMachine, { input }).start();
  for (let i = 0; i < input.slaves; i++) a.send({ type: 'enslave', slave: i, link: true });
  return a;
}

describe('bond machine (active-backup)', () => {
  it('makes the first UP slave active and has carrier', () => {
    const a = bond(ab());
    expect(a.getSnapshot().context.active).toBe(0);
    expect(a.getSnapshot().value).toBe('carrier');
  });

  it('fails over only when miimon notices the lost link', () => {
    const a = bond(ab());
    a.send({ type: 'slaveState', slave: 0, canTransmit: false });
    expect(a.getSnapshot().context.active).toBe(0);
    a.send({ type: 'miimon', links: [false, true] });
    expect(a.getSnapshot().context.active).toBe(1);
    expect(a.getSnapshot().context.slaves[0]!.link).toBe('down');
  });

  it('does not fail back without a primary', () => {
    const a = bond(ab());
    a.send({ type: 'miimon', links: [false, true] });
    a.send({ type: 'miimon', links: [true, true] });
    expect(a.getSnapshot().context.active).toBe(1);
  });

  it('fails back to the primary with primary_reselect=always', () => {
    const a = bond(ab({ primary: 0 }));
    a.send({ type: 'miimon', links: [false, true] });
    expect(a.getSnapshot().context.active).toBe(1);
    a.send({ type: 'miimon', links: [true, true] });
    expect(a.getSnapshot().context.active).toBe(0);
  });

  it('keeps the current slave with primary_reselect=failure', () => {
    const a = bond(ab({ primary: 0, primaryReselect: 'failure' }));
    a.send({ type: 'miimon', links: [false, true] });
    a.send({ type: 'miimon', links: [true, true] });
    expect(a.getSnapshot().context.active).toBe(1);
  });

  it('counts downdelay through FAIL and updelay through BACK', () => {
    const a = bond(ab({ downdelay: 1, updelay: 1 }));
    // enslaved with updelay: BACK, made active at once by selection
    a.send({ type: 'miimon', links: [true, true] });
    a.send({ type: 'miimon', links: [true, true] });
    expect(a.getSnapshot().context.slaves.map((s) => s.link)).toEqual(['up', 'up']);
    a.send({ type: 'miimon', links: [false, true] });
    expect(a.getSnapshot().context.slaves[0]!.link).toBe('fail');
    expect(a.getSnapshot().context.active).toBe(0);
    a.send({ type: 'miimon', links: [false, true] });
    expect(a.getSnapshot().context.slaves[0]!.link).toBe('down');
    expect(a.getSnapshot().context.active).toBe(1);
    a.send({ type: 'miimon', links: [true, true] });
    expect(a.getSnapshot().context.slaves[0]!.link).toBe('back');
    a.send({ type: 'miimon', links: [true, true] });
    expect(a.getSnapshot().context.slaves[0]!.link).toBe('up');
  });

  it('skips updelay for the first slave back when no slave is active (ignore_updelay)', () => {
    const a = bond(ab({ updelay: 2 }));
    a.send({ type: 'miimon', links: [false, false] });
    expect(a.getSnapshot().context.active).toBeNull();
    a.send({ type: 'miimon', links: [true, true] });
    expect(a.getSnapshot().context.slaves.map((s) => s.link)).toEqual(['up', 'back']);
    expect(a.getSnapshot().context.active).toBe(0);
  });

  it('returns to UP when the link comes back during downdelay', () => {
    const a = bond(ab({ downdelay: 2 }));
    a.send({ type: 'miimon', links: [false, true] });
    a.send({ type: 'miimon', links: [true, true] });
    expect(a.getSnapshot().context.slaves[0]!.link).toBe('up');
    expect(a.getSnapshot().context.active).toBe(0);
  });

  it('moves the active slave off leaving slaves before they close (make before break)', () => {
    const a = bond(ab({ slaves: 3 }));
    a.send({ type: 'failOver', slaves: [0, 2] });
    expect(a.getSnapshot().context.active).toBe(1);
  });

  it('loses carrier when no slave is UP', () => {
    const a = bond(ab());
    a.send({ type: 'miimon', links: [false, false] });
    expect(a.getSnapshot().value).toBe('noCarrier');
    expect(a.getSnapshot().context.active).toBeNull();
  });

  it('selects a new slave when the active one is released', () => {
    const a = bond(ab());
    a.send({ type: 'release', slave: 0 });
    expect(a.getSnapshot().context.active).toBe(1);
  });
});

describe('bond machine (balance-xor)', () => {
  it('drops a slave from the transmit set as soon as the notifier reports carrier loss', () => {
    const a = bond(ab({ mode: 'balance-xor' }));
    expect([xmitSlave(a.getSnapshot().context, 0), xmitSlave(a.getSnapshot().context, 1)]).toEqual([0, 1]);
    a.send({ type: 'slaveState', slave: 0, canTransmit: false });
    const b = a.getSnapshot().context;
    expect(b.slaves[0]!.link).toBe('up');
    expect([xmitSlave(b, 0), xmitSlave(b, 1)]).toEqual([1, 1]);
    expect(findBestSlave(b)).toBe(0);
  });
});

describe('bond logic', () => {
  it('miimon leaves released slaves alone', () => {
    const b: BondView = {
      mode: 'active-backup',
      primary: null,
      primaryReselect: 'always',
      forcePrimary: false,
      order: [],
      downdelay: 0,
      updelay: 0,
      active: null,
      slaveArray: null,
      slaves: [{ enslaved: false, link: 'down', delay: 0, canTransmit: false }],
    };
    expect(miimonPass(b, [true])).toEqual(b);
  });
});
