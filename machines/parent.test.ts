import { describe, expect, it } from 'vitest';
import { harness, short } from '../test/fire.js';
import { CORRECT_DESIGN } from './design.js';
import { createParentMachine } from './parent.js';

const bound = (design = CORRECT_DESIGN) => {
  const h = harness(createParentMachine(design), { owner: [0, 1, 0], channel: 'netlink' });
  h.send({ type: 'probe' });
  return h;
};

describe('parent machine', () => {
  it('registers every netdev once at probe, with consecutive ifindexes', () => {
    const h = harness(createParentMachine(), { owner: [0, 1, 0], channel: 'netlink' });
    const sent = h.send({ type: 'probe' });
    expect(sent.map(short)).toEqual(['netdev0.register', 'netdev1.register', 'netdev2.register']);
    expect(sent.map((m) => (m.event.type === 'register' ? m.event.ifindex : 0))).toEqual([2, 3, 4]);
  });

  it('fails the bond over before a child removes its sub-devices', () => {
    expect(bound().send({ type: 'prepareRemove', child: 0, subdevs: [0, 2] }).map(short)).toEqual(['bond.failOver']);
    const mutant = bound({ ...CORRECT_DESIGN, failOverBeforeClose: false });
    expect(mutant.send({ type: 'prepareRemove', child: 0, subdevs: [0, 2] })).toEqual([]);
  });

  it('takes a netdev over: link closed, its own tables published', () => {
    expect(bound().send({ type: 'takeOver', child: 0, subdev: 2 }).map(short)).toEqual(['netdev2.carrierOff', 'netdev2.setOps']);
    expect(bound({ ...CORRECT_DESIGN, closeLinkOnTakeOver: false }).send({ type: 'takeOver', child: 0, subdev: 2 }).map(short)).toEqual([
      'netdev2.setOps',
    ]);
    expect(bound({ ...CORRECT_DESIGN, takeOverOnRemove: false }).send({ type: 'takeOver', child: 0, subdev: 2 }).map(short)).toEqual([
      'netdev2.carrierOff',
    ]);
    expect(bound({ ...CORRECT_DESIGN, destroyNetdevOnUnload: true }).send({ type: 'takeOver', child: 0, subdev: 2 }).map(short)).toEqual([
      'netdev2.unregister',
    ]);
  });

  it('opens the links and notifies on the configured channel when a load completes', () => {
    const sent = bound().send({ type: 'loadComplete', child: 0, subdevs: [0, 2] });
    expect(sent.map(short)).toEqual(['netdev0.carrierOn', 'netdev2.carrierOn', 'tool.notification']);
    expect(sent[2]!.event).toEqual({ type: 'notification', child: 0, channel: 'netlink' });
    expect(bound({ ...CORRECT_DESIGN, reopenLink: false }).send({ type: 'loadComplete', child: 0, subdevs: [0, 2] }).map(short)).toEqual([
      'tool.notification',
    ]);
  });

  it('re-creates netdevs with new ifindexes under MUT-PRIOR-ART', () => {
    const sent = bound({ ...CORRECT_DESIGN, destroyNetdevOnUnload: true }).send({ type: 'attach', child: 0, subdev: 0, openLink: false });
    expect(sent.map(short)).toEqual(['netdev0.register', 'netdev0.setOps']);
    expect(sent[0]!.event.type === 'register' && sent[0]!.event.ifindex).toBe(5);
  });

  it('remove deletes the auxiliary devices then unregisters the netdevs', () => {
    const h = bound();
    expect(h.send({ type: 'remove' }).map(short)).toEqual([
      'child0.deviceGone',
      'child1.deviceGone',
      'child0.deviceGone',
      'netdev0.unregister',
      'netdev1.unregister',
      'netdev2.unregister',
    ]);
    expect(h.snapshot.value).toBe('removed');
  });
});
