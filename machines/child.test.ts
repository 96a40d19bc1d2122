import { describe, expect, it } from 'vitest';
import { harness, short } from '../test/fire.js';
import { createChildMachine } from './child.js';
import { CORRECT_DESIGN } from './design.js';

const loadedChild = (design = CORRECT_DESIGN) => {
  const h = harness(createChildMachine(design), { index: 0, subdevs: [0, 2] });
  h.send({ type: 'load', version: 1, present: [true, true, true] });
  h.send({ type: 'probe', subdev: 0, ok: true });
  h.send({ type: 'probe', subdev: 2, ok: true });
  return h;
};

describe('child machine', () => {
  it('probes its sub-devices in order and completes the load only when all matched', () => {
    const h = harness(createChildMachine(), { index: 0, subdevs: [0, 2] });
    expect(h.send({ type: 'load', version: 2, present: [true, true, true] })).toEqual([]);
    expect(h.snapshot.value).toBe('loading');
    expect(h.send({ type: 'probe', subdev: 0, ok: true }).map(short)).toEqual(['parent.attach']);
    expect(h.send({ type: 'probe', subdev: 2, ok: true }).map(short)).toEqual(['parent.attach', 'parent.loadComplete']);
    expect(h.snapshot.value).toBe('loaded');
    expect(h.snapshot.context.version).toBe(2);
  });

  it('sends no load-complete when a probe fails', () => {
    const h = harness(createChildMachine(), { index: 0, subdevs: [0, 2] });
    h.send({ type: 'load', version: 2, present: [true, true, true] });
    h.send({ type: 'probe', subdev: 0, ok: false });
    expect(h.send({ type: 'probe', subdev: 2, ok: true }).map(short)).toEqual(['parent.attach']);
    expect(h.snapshot.value).toBe('loaded');
    expect(h.snapshot.context.status).toEqual(['failed', 'bound']);
  });

  it('completes a load whose probe failed when the operator binds the last sub-device in sysfs, once', () => {
    const h = harness(createChildMachine(), { index: 0, subdevs: [0, 2] });
    h.send({ type: 'load', version: 2, present: [true, true, true] });
    h.send({ type: 'probe', subdev: 0, ok: true });
    h.send({ type: 'probe', subdev: 2, ok: false });
    expect(h.snapshot.context.completed).toBe(false);
    expect(h.send({ type: 'probe', subdev: 2, ok: true }).map(short)).toEqual(['parent.attach', 'parent.loadComplete']);
    expect(h.snapshot.context.completed).toBe(true);
    // An operator's later unbind and bind of a completed load is no new load: no second notification.
    h.send({ type: 'unbind', subdev: 2 });
    expect(h.send({ type: 'probe', subdev: 2, ok: true }).map(short)).toEqual(['parent.attach']);
  });

  it('with MUT-EARLY-NOTIFY completes the load after the first match', () => {
    const h = harness(createChildMachine({ ...CORRECT_DESIGN, notifyAfterAllMatched: false }), { index: 0, subdevs: [0, 2] });
    h.send({ type: 'load', version: 2, present: [true, true, true] });
    expect(h.send({ type: 'probe', subdev: 0, ok: true }).map(short)).toEqual(['parent.attach', 'parent.loadComplete']);
  });

  it('unloads in separate steps: stop (prepare), remove per sub-device, drain, free', () => {
    const h = loadedChild();
    expect(h.send({ type: 'rmmod' }).map(short)).toEqual(['parent.prepareRemove']);
    expect(h.send({ type: 'remove', subdev: 0 }).map(short)).toEqual(['parent.takeOver']);
    expect(h.can({ type: 'remove', subdev: 0 })).toBe(false);
    expect(h.send({ type: 'remove', subdev: 2 }).map(short)).toEqual(['parent.takeOver']);
    expect(h.snapshot.value).toEqual({ unloading: 'draining' });
    expect(h.can({ type: 'drain', callsInFlight: 1 })).toBe(false);
    h.send({ type: 'drain', callsInFlight: 0 });
    expect(h.send({ type: 'free' }).map(short)).toEqual(['tool.rmmodDone']);
    expect(h.snapshot.value).toBe('unloaded');
  });

  it('removes its sub-devices in any order, as driver_detach() removes the last bound first', () => {
    const h = loadedChild();
    h.send({ type: 'rmmod' });
    const takeOver = (m: ReturnType<typeof h.send>) => m.map((x) => (x.event.type === 'takeOver' ? x.event.subdev : null));
    expect(takeOver(h.send({ type: 'remove', subdev: 2 }))).toEqual([2]);
    expect(takeOver(h.send({ type: 'remove', subdev: 0 }))).toEqual([0]);
    expect(h.snapshot.value).toEqual({ unloading: 'draining' });
  });

  it('with MUT-NO-DRAIN frees code with calls in flight', () => {
    const h = loadedChild({ ...CORRECT_DESIGN, drainBeforeFree: false });
    h.send({ type: 'rmmod' });
    h.send({ type: 'remove', subdev: 0 });
    h.send({ type: 'remove', subdev: 2 });
    expect(h.can({ type: 'drain', callsInFlight: 1 })).toBe(true);
  });

  it('runs ndo_start_xmit in its code, and oopses once the code is freed', () => {
    const h = loadedChild();
    expect(h.send({ type: 'ndoStartXmit', netdev: 0 }).map(short)).toEqual(['traffic.processed']);
    h.send({ type: 'rmmod' });
    h.send({ type: 'remove', subdev: 0 });
    h.send({ type: 'remove', subdev: 2 });
    h.send({ type: 'drain', callsInFlight: 0 });
    h.send({ type: 'free' });
    expect(h.send({ type: 'ndoStartXmit', netdev: 0 }).map(short)).toEqual(['traffic.oops']);
  });

  it('programs the kept configuration on probe, or defaults under MUT-CONFIG-LOST', () => {
    const kept = { mtu: 9000, mac: 1, adminUp: true };
    const good = loadedChild();
    good.send({ type: 'program', netdev: 2, config: kept, reason: 'probe' });
    expect(good.snapshot.context.programmed[1]).toEqual(kept);
    const lost = loadedChild({ ...CORRECT_DESIGN, programKeptConfig: false });
    lost.send({ type: 'program', netdev: 2, config: kept, reason: 'probe' });
    expect(lost.snapshot.context.programmed[1]!.mtu).toBe(1500);
  });

  it('sysfs unbind removes one sub-device without unloading', () => {
    const h = loadedChild();
    expect(h.send({ type: 'unbind', subdev: 2 }).map(short)).toEqual(['parent.prepareRemove', 'parent.takeOver']);
    expect(h.snapshot.value).toBe('loaded');
    expect(h.send({ type: 'probe', subdev: 2, ok: true }).map(short)).toEqual(['parent.attach']);
  });
});
