import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { CORRECT_DESIGN } from '../../machines/design.js';
import { DEFAULT_CONFIG } from '../../machines/messages.js';
import { netdevMachine } from '../../machines/netdev.js';
import { check } from '../check/check.js';
import { createComponents } from '../model/components.js';
import type { FaultId } from '../model/faults.js';
import { PRESETS } from '../topology/presets.js';
import { guardedTransitions, possiblePairs } from './coverage-items.js';
import { Coverage } from './coverage.js';
import { composePairs } from './pair-composition.js';
import { explore } from './explore.js';

const components = createComponents(CORRECT_DESIGN);

describe('transition pairs', () => {
  it('are counted per machine instance, in the order each instance takes its transitions', () => {
    const cov = new Coverage();
    const snaps = [0, 1].map((index) => initialTransition(netdevMachine, { index })[0] as AnyMachineSnapshot);
    // Two netdevs, their deliveries interleaved: N1 register, N2 register, N1 carrier on, N2 carrier on, N1 carrier off.
    const deliveries: [number, { type: string; [k: string]: unknown }][] = [
      [0, { type: 'register', ifindex: 2, config: DEFAULT_CONFIG }],
      [1, { type: 'register', ifindex: 3, config: DEFAULT_CONFIG }],
      [0, { type: 'carrierOn' }],
      [1, { type: 'carrierOn' }],
      [0, { type: 'carrierOff' }],
    ];
    for (const [i, event] of deliveries) {
      cov.record('netdev', netdevMachine, snaps[i], event as never, i);
      snaps[i] = transition(netdevMachine, snaps[i] as never, event as never)[0] as AnyMachineSnapshot;
    }
    expect(cov.counts().netdev!.pairs).toEqual({
      'netdev.unregistered:register->netdev.registered then netdev.registered:carrierOn->netdev.registered': 2,
      'netdev.registered:carrierOn->netdev.registered then netdev.registered:carrierOff->netdev.registered': 1,
    });
    expect(cov.counts().netdev!.transitions['netdev.unregistered:register->netdev.registered']).toBe(2);
    const s = cov.summary(components).find((c) => c.machine === 'netdev')!;
    expect(s.pairs).toEqual([2, possiblePairs(netdevMachine).length]);
  });

  it('are composed from a search’s local-state edges: boot seeds, deliveries that take nothing carry the last transition on', () => {
    const pairs = composePairs(
      [
        { from: 0, to: 1, taken: ['a'] },
        { from: 1, to: 2, taken: [] },
        { from: 2, to: 3, taken: ['b'] },
        { from: 3, to: 0, taken: ['c', 'd'] },
      ],
      new Map([[0, new Set(['boot'])]]),
    );
    expect([...pairs].sort()).toEqual(['a then b', 'b then c', 'boot then a', 'c then d', 'd then a']);
  });

  it.each<[string, FaultId[]]>([
    ['no fault', []],
    ['a failed probe, a lost notification, a restarted tool', ['FAULT-PROBE-FAIL', 'FAULT-NOTIFY-LOST', 'FAULT-TOOL-RESTART']],
  ])('with %s, every pair, guard outcome, transition and state random runs take is one the complete search composes (so what it lacks is unreachable)', (_, faults) => {
    const searched = check({ topology: PRESETS['claims-1-9']!, mutant: null, faults, coverage: true, liveness: false, audit: false }).coverage!.visited;
    const ran = explore({ topology: PRESETS['claims-1-9']!, mutant: null, runs: 60, steps: 40, seed: 11, faults, coverage: true }).visited;
    for (const [kind, v] of Object.entries(ran)) {
      const s = searched[kind as keyof typeof searched]!;
      expect(v.pairs!.length, kind).toBeGreaterThan(0);
      for (const item of ['states', 'transitions', 'guards', 'pairs'] as const) expect(v[item]!.filter((x) => !s[item]!.includes(x)), `${kind} ${item}`).toEqual([]);
      expect(s.pairs!.filter((p) => !possiblePairs(components[kind as keyof typeof components] as never).includes(p)), `${kind}: pairs the graph does not allow`).toEqual([]);
    }
  });
});

describe('guard outcomes', () => {
  it('name each guarded transition once per machine, by source, event, guard and target', () => {
    for (const m of Object.values(components)) {
      const keys = guardedTransitions(m as never);
      expect(new Set(keys).size, m.id).toBe(keys.length);
    }
    expect(guardedTransitions(components.tool as never)).toContain('tool.selecting:step[!childBusy && childFailed]->tool.stopped');
    expect(guardedTransitions(components.bond as never)).toContain('bond.noCarrier:always[anySlaveUp]->bond.carrier');
  });

  it('count what XState tried: the guards before the candidate taken false, the one taken true, later ones not at all', () => {
    const cov = new Coverage();
    const tool = components.tool as never;
    const [idle] = initialTransition(tool, undefined as never);
    const [selecting] = transition(tool, idle as never, { type: 'start', target: 2 } as never);
    const child = (state: string) => ({ state, version: 1, bound: [], failed: false });
    // No parent gone, a child unloaded: parentGone false, childUnloaded true, the three after it never tried.
    const obs = { parentBound: true, bondSettled: true, present: [true], children: [child('unloaded'), child('loaded')] };
    cov.record('tool', tool, selecting, { type: 'step', obs } as never, 0);
    expect(cov.counts().tool!.guards).toEqual({
      'tool.selecting:step[parentGone]->tool.stopped': [0, 1],
      'tool.selecting:step[childUnloaded]->tool.waitingNotify': [1, 0],
    });
  });
});
