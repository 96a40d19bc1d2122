import { describe, expect, it } from 'vitest';
import { harness, short } from '../test/fire.js';
import { CORRECT_DESIGN } from './design.js';
import { createToolMachine, type ToolObservation } from './tool.js';

type C = ToolObservation['children'][number];
const obs = (children: C[], bondSettled = true): ToolObservation => ({
  parentBound: true,
  children,
  present: [true, true],
  bondSettled,
});
const live = (version: number): C => ({ state: 'loaded', version, allBound: true });

describe('upgrade tool machine', () => {
  it('upgrades one child at a time, waiting for rmmod and for the notification', () => {
    const h = harness(createToolMachine());
    h.send({ type: 'start', target: 2 });
    expect(h.send({ type: 'step', obs: obs([live(1), live(1)]) }).map(short)).toEqual(['child0.rmmod']);
    expect(h.snapshot.value).toBe('waitingUnload');
    h.send({ type: 'rmmodDone', child: 0 });
    expect(h.send({ type: 'step', obs: obs([{ state: 'unloaded', version: 1, allBound: false }, live(1)]) }).map(short)).toEqual([
      'child0.load',
    ]);
    expect(h.snapshot.value).toBe('waitingNotify');
    h.send({ type: 'notification', child: 0, channel: 'netlink' });
    h.send({ type: 'recv' });
    expect(h.send({ type: 'step', obs: obs([live(2), live(1)]) }).map(short)).toEqual(['child1.rmmod']);
  });

  it('does not unload the next child before the bond has caught up', () => {
    const h = harness(createToolMachine());
    h.send({ type: 'start', target: 2 });
    expect(h.can({ type: 'step', obs: obs([live(2), live(1)], false) })).toBe(false);
  });

  it('stops with a report when the load finishes without a notification', () => {
    const h = harness(createToolMachine());
    h.send({ type: 'start', target: 2 });
    h.send({ type: 'step', obs: obs([{ state: 'unloaded', version: 1, allBound: false }, live(1)]) });
    const failed = obs([{ state: 'loaded', version: 2, allBound: false }, live(1)]);
    h.send({ type: 'timeout', obs: failed });
    expect(h.snapshot.value).toBe('stopped');
    expect(h.snapshot.context.report).toMatch(/no upgrade-finished notification from C1/);
  });

  it('stops with a report when an operator unloads the child it waits for', () => {
    const h = harness(createToolMachine());
    h.send({ type: 'start', target: 2 });
    h.send({ type: 'step', obs: obs([{ state: 'unloaded', version: 1, allBound: false }, live(1)]) });
    const loading = obs([{ state: 'loading', version: 2, allBound: false }, live(1)]);
    h.send({ type: 'timeout', obs: loading });
    expect(h.snapshot.value).toBe('waitingNotify');
    h.send({ type: 'timeout', obs: obs([{ state: 'unloaded', version: 2, allBound: false }, live(1)]) });
    expect(h.snapshot.value).toBe('stopped');
    expect(h.snapshot.context.report).toMatch(/C1 was unloaded before it notified/);
  });

  it('under MUT-IGNORE-PROBE-FAIL goes on after a failed load', () => {
    const h = harness(createToolMachine({ ...CORRECT_DESIGN, toolStopsOnFailure: false }));
    h.send({ type: 'start', target: 2 });
    h.send({ type: 'step', obs: obs([{ state: 'unloaded', version: 1, allBound: false }, live(1)]) });
    h.send({ type: 'timeout', obs: obs([{ state: 'loaded', version: 2, allBound: false }, live(1)]) });
    expect(h.send({ type: 'step', obs: obs([{ state: 'loaded', version: 2, allBound: false }, live(1)]) }).map(short)).toEqual([
      'child1.rmmod',
    ]);
  });

  it('after a restart finds the child that is down and loads it first', () => {
    const h = harness(createToolMachine());
    h.send({ type: 'start', target: 2 });
    h.send({ type: 'step', obs: obs([live(1), live(1)]) });
    h.send({ type: 'restart' });
    expect(h.snapshot.value).toBe('selecting');
    expect(h.can({ type: 'step', obs: obs([{ state: 'unloading', version: 1, allBound: false }, live(1)]) })).toBe(false);
    expect(h.send({ type: 'step', obs: obs([{ state: 'unloaded', version: 1, allBound: false }, live(1)]) }).map(short)).toEqual([
      'child0.load',
    ]);
  });

  it('a lost notification leaves the inbox empty', () => {
    const h = harness(createToolMachine());
    h.send({ type: 'start', target: 2 });
    h.send({ type: 'step', obs: obs([{ state: 'unloaded', version: 1, allBound: false }, live(1)]) });
    h.send({ type: 'notification', child: 0, channel: 'netlink' });
    h.send({ type: 'notifyLost' });
    expect(h.can({ type: 'recv' })).toBe(false);
  });
});
