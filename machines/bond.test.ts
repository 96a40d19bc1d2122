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

describe('bond machine: what the kernel showed at delays 2 and 3 and in balance-xor', () => {
  it('inspects slaves in list order: with no active slave, ignore_updelay goes to the first slave in the list, not the lowest index', () => {
    const a = bond(ab({ updelay: 2, downdelay: 0 }));
    for (let t = 0; t < 3; t++) a.send({ type: 'miimon', links: [true, true] });
    a.send({ type: 'release', slave: 0 });
    a.send({ type: 'enslave', slave: 0, link: true }); // list: s1, s0
    a.send({ type: 'miimon', links: [false, false] });
    expect(a.getSnapshot().context.active).toBeNull();
    a.send({ type: 'miimon', links: [true, true] });
    expect(a.getSnapshot().context.slaves.map((s) => s.link)).toEqual(['back', 'up']);
    expect(a.getSnapshot().context.active).toBe(1);
  });

  it('balance-xor: enslaving selects nothing, so a going-back slave stays going back', () => {
    const a = bond(ab({ mode: 'balance-xor', updelay: 1, downdelay: 1 }));
    a.send({ type: 'miimon', links: [true, true] });
    a.send({ type: 'release', slave: 0 });
    a.send({ type: 'enslave', slave: 0, link: true });
    a.send({ type: 'miimon', links: [true, true] }); // s0 going back, 0 ticks left
    a.send({ type: 'slaveState', slave: 0, canTransmit: false });
    a.send({ type: 'release', slave: 1 }); // s0 has no carrier: nothing to select
    a.send({ type: 'slaveState', slave: 0, canTransmit: true });
    a.send({ type: 'enslave', slave: 1, link: true });
    expect(a.getSnapshot().context.slaves.map((s) => s.link)).toEqual(['back', 'back']);
    expect(a.getSnapshot().value).toBe('noCarrier');
  });

  it('balance-xor: a going-back slave made up by the selection after a release is not in the slave array until the next rebuild', () => {
    const a = bond(ab({ mode: 'balance-xor', updelay: 3, downdelay: 0 }));
    for (let t = 0; t < 4; t++) a.send({ type: 'miimon', links: [true, true] });
    a.send({ type: 'slaveState', slave: 0, canTransmit: false });
    a.send({ type: 'miimon', links: [false, true] });
    a.send({ type: 'slaveState', slave: 0, canTransmit: true });
    a.send({ type: 'miimon', links: [true, true] }); // s0 going back, s1 up and active
    a.send({ type: 'release', slave: 1 });
    const b = a.getSnapshot().context;
    expect(b.slaves[0]!.link).toBe('up');
    expect(a.getSnapshot().value).toBe('carrier');
    expect(xmitSlave(b, 0)).toBeNull();
    a.send({ type: 'slaveState', slave: 0, canTransmit: true });
    expect(xmitSlave(a.getSnapshot().context, 0)).toBe(0);
  });

  it('balance-xor: with no slave able to send, the first slave back skips updelay even though a slave is still active', () => {
    const a = bond(ab({ mode: 'balance-xor', updelay: 2, downdelay: 2 }));
    for (let t = 0; t < 3; t++) a.send({ type: 'miimon', links: [true, true] });
    a.send({ type: 'slaveState', slave: 1, canTransmit: false });
    for (let t = 0; t < 3; t++) a.send({ type: 'miimon', links: [true, false] });
    a.send({ type: 'slaveState', slave: 0, canTransmit: false });
    a.send({ type: 'slaveState', slave: 1, canTransmit: true });
    expect(a.getSnapshot().context.active).toBe(0);
    a.send({ type: 'miimon', links: [false, true] });
    expect(a.getSnapshot().context.slaves.map((s) => s.link)).toEqual(['fail', 'up']);
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
