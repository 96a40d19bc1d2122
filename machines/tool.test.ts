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
const live = (version: number): C => ({ state: 'loaded', version, allBound: true, failed: false });

describe('upgrade tool machine', () => {
  it('upgrades one child at a time, waiting for rmmod and for the notification', () => {
    const h = harness(createToolMachine());
    h.send({ type: 'start', target: 2 });
    expect(h.send({ type: 'step', obs: obs([live(1), live(1)]) }).map(short)).toEqual(['child0.rmmod']);
    expect(h.snapshot.value).toBe('waitingUnload');
    h.send({ type: 'rmmodDone', child: 0 });
    expect(h.send({ type: 'step', obs: obs([{ state: 'unloaded', version: 1, allBound: false, failed: false }, live(1)]) }).map(short)).toEqual([
      'child0.insmod',
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
    h.send({ type: 'step', obs: obs([{ state: 'unloaded', version: 1, allBound: false, failed: false }, live(1)]) });
    const failed = obs([{ state: 'loaded', version: 2, allBound: false, failed: false }, live(1)]);
    h.send({ type: 'timeout', obs: failed });
    expect(h.snapshot.value).toBe('stopped');
    expect(h.snapshot.context.report).toMatch(/no upgrade-finished notification from C1/);
  });

  it('stops with a report when an operator unloads the child it waits for', () => {
    const h = harness(createToolMachine());
    h.send({ type: 'start', target: 2 });
    h.send({ type: 'step', obs: obs([{ state: 'unloaded', version: 1, allBound: false, failed: false }, live(1)]) });
    const loading = obs([{ state: 'loading', version: 2, allBound: false, failed: false }, live(1)]);
    h.send({ type: 'timeout', obs: loading });
    expect(h.snapshot.value).toBe('waitingNotify');
    h.send({ type: 'timeout', obs: obs([{ state: 'unloaded', version: 2, allBound: false, failed: false }, live(1)]) });
    expect(h.snapshot.value).toBe('stopped');
    expect(h.snapshot.context.report).toMatch(/C1 was unloaded before it notified/);
  });

  it('under MUT-IGNORE-PROBE-FAIL goes on after a failed load', () => {
    const h = harness(createToolMachine({ ...CORRECT_DESIGN, toolStopsOnFailure: false }));
    h.send({ type: 'start', target: 2 });
    h.send({ type: 'step', obs: obs([{ state: 'unloaded', version: 1, allBound: false, failed: false }, live(1)]) });
    h.send({ type: 'timeout', obs: obs([{ state: 'loaded', version: 2, allBound: false, failed: false }, live(1)]) });
    expect(h.send({ type: 'step', obs: obs([{ state: 'loaded', version: 2, allBound: false, failed: false }, live(1)]) }).map(short)).toEqual([
      'child1.rmmod',
    ]);
  });

  it('after a restart finds the child that is down and loads it first', () => {
    const h = harness(createToolMachine());
    h.send({ type: 'start', target: 2 });
    h.send({ type: 'step', obs: obs([live(1), live(1)]) });
    h.send({ type: 'restart' });
    expect(h.snapshot.value).toBe('selecting');
    expect(h.can({ type: 'step', obs: obs([{ state: 'unloading', version: 1, allBound: false, failed: false }, live(1)]) })).toBe(false);
    expect(h.send({ type: 'step', obs: obs([{ state: 'unloaded', version: 1, allBound: false, failed: false }, live(1)]) }).map(short)).toEqual([
      'child0.insmod',
    ]);
  });

  it('a lost notification leaves the inbox empty', () => {
    const h = harness(createToolMachine());
    h.send({ type: 'start', target: 2 });
    h.send({ type: 'step', obs: obs([{ state: 'unloaded', version: 1, allBound: false, failed: false }, live(1)]) });
    h.send({ type: 'notification', child: 0, channel: 'netlink' });
    h.send({ type: 'notifyLost' });
    expect(h.can({ type: 'recv' })).toBe(false);
  });

  describe('later rounds', () => {
    const down = (version: number): C => ({ state: 'unloaded', version, allBound: false, failed: false });
    /** A tool that finished its first round with both children at version 2. */
    const finished = () => {
      const h = harness(createToolMachine());
      h.send({ type: 'start', target: 2 });
      h.send({ type: 'step', obs: obs([live(2), live(2)]) });
      expect(h.snapshot.value).toBe('done');
      return h;
    };

    it('is not offered before the first run has ended', () => {
      const h = harness(createToolMachine());
      expect(h.can({ type: 'rerun', target: 3, obs: obs([live(1), live(1)]) })).toBe(false);
      h.send({ type: 'start', target: 2 });
      expect(h.can({ type: 'rerun', target: 3, obs: obs([live(1), live(1)]) })).toBe(false);
    });

    it('upgrades every child again to the next version', () => {
      const h = finished();
      h.send({ type: 'rerun', target: 3, obs: obs([live(2), live(2)]) });
      expect(h.snapshot.value).toBe('selecting');
      expect(h.snapshot.context.reload).toEqual([]);
      expect(h.send({ type: 'step', obs: obs([live(2), live(2)]) }).map(short)).toEqual(['child0.rmmod']);
      h.send({ type: 'rmmodDone', child: 0 });
      const load = h.send({ type: 'step', obs: obs([down(2), live(2)]) });
      expect(load).toEqual([{ to: 'child', index: 0, event: { type: 'insmod', version: 3 } }]);
    });

    it('the same version again reloads every child once, then finishes', () => {
      const h = finished();
      h.send({ type: 'rerun', target: 2, obs: obs([live(2), live(2)]) });
      expect(h.snapshot.context.reload).toEqual([0, 1]);
      expect(h.send({ type: 'step', obs: obs([live(2), live(2)]) }).map(short)).toEqual(['child0.rmmod']);
      expect(h.snapshot.context.reload).toEqual([1]);
      h.send({ type: 'rmmodDone', child: 0 });
      h.send({ type: 'step', obs: obs([down(2), live(2)]) });
      h.send({ type: 'notification', child: 0, channel: 'netlink' });
      h.send({ type: 'recv' });
      expect(h.send({ type: 'step', obs: obs([live(2), live(2)]) }).map(short)).toEqual(['child1.rmmod']);
      h.send({ type: 'rmmodDone', child: 1 });
      h.send({ type: 'step', obs: obs([live(2), down(2)]) });
      h.send({ type: 'notification', child: 1, channel: 'netlink' });
      h.send({ type: 'recv' });
      h.send({ type: 'step', obs: obs([live(2), live(2)]) });
      expect(h.snapshot.value).toBe('done');
    });

    it('a downgrade unloads the children at the newer version and loads the older', () => {
      const h = finished();
      h.send({ type: 'rerun', target: 1, obs: obs([live(2), live(2)]) });
      expect(h.send({ type: 'step', obs: obs([live(2), live(2)]) }).map(short)).toEqual(['child0.rmmod']);
      h.send({ type: 'rmmodDone', child: 0 });
      const load = h.send({ type: 'step', obs: obs([down(2), live(2)]) });
      expect(load).toEqual([{ to: 'child', index: 0, event: { type: 'insmod', version: 1 } }]);
    });

    it('starts again after a stop, with the report of the last round cleared', () => {
      const h = harness(createToolMachine());
      h.send({ type: 'start', target: 2 });
      h.send({ type: 'step', obs: obs([down(1), live(1)]) });
      h.send({ type: 'timeout', obs: obs([{ state: 'loaded', version: 2, allBound: false, failed: false }, live(1)]) });
      expect(h.snapshot.value).toBe('stopped');
      h.send({ type: 'rerun', target: 2, obs: obs([{ state: 'loaded', version: 2, allBound: false, failed: false }, live(1)]) });
      expect(h.snapshot.value).toBe('selecting');
      expect(h.snapshot.context.report).toBeNull();
      // The child that failed is reloaded at the same version rather than reported again.
      expect(h.send({ type: 'step', obs: obs([{ state: 'loaded', version: 2, allBound: false, failed: false }, live(1)]) }).map(short)).toEqual(['child0.rmmod']);
    });

    it('a round begun after a failed probe reloads the failed child before one that still carries traffic', () => {
      const h = finished();
      const failedC2 = obs([live(2), { state: 'loaded', version: 2, allBound: false, failed: true }]);
      h.send({ type: 'rerun', target: 1, obs: failedC2 });
      expect(h.send({ type: 'step', obs: failedC2 }).map(short)).toEqual(['child1.rmmod']);
    });

    it('a restarted tool forgets which children the round still had to reload', () => {
      const h = finished();
      h.send({ type: 'rerun', target: 2, obs: obs([live(2), live(2)]) });
      h.send({ type: 'restart' });
      expect(h.snapshot.context.reload).toEqual([]);
      h.send({ type: 'step', obs: obs([live(2), live(2)]) });
      expect(h.snapshot.value).toBe('done');
    });
  });
});
