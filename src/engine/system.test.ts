import { describe, expect, it } from 'vitest';
import { CORRECT_DESIGN } from '../../machines/design.js';
import { designOf } from '../mutants.js';
import { PRESETS } from '../topology/presets.js';
import { deserialise, serialise, stateHash, stateKey } from '../model/canonical.js';
import { isDriverStep } from '../model/event-kinds.js';
import { FAULTS } from '../model/faults.js';
import { bondSettled, moduleState } from '../model/state.js';
import { TARGET_VERSION } from '../model/boot.js';
import { createSystem } from './system.js';
import { targetEvents } from './enabled.js';
import { EVENT_KINDS } from '../model/event-kinds.js';

const topology = PRESETS['claims-10-11']!;

describe('the composed system', () => {
  it('boots to the steady state: netdevs registered, children bound, links open, bond settled', () => {
    const s = createSystem(topology, CORRECT_DESIGN).initial();
    expect(s.parent.value).toBe('bound');
    expect(s.netdevs.map((n) => [n.context.ifindex, n.context.carrier, n.context.ops])).toEqual([
      [2, true, 0],
      [3, true, 1],
      [4, true, 0],
    ]);
    expect(bondSettled(s)).toBe(true);
    expect(s.bond.context.active).toBe(0);
    expect(s.tool.value).toBe('idle');
  });

  it('boots every design to the same state', () => {
    const key = stateKey(createSystem(topology, CORRECT_DESIGN).initial());
    expect(stateKey(createSystem(topology, designOf('MUT-CONFIG-LOST')).initial())).toBe(key);
  });

  it('runs the rolling upgrade to the end by driver steps alone, netdevs untouched', () => {
    const sys = createSystem(topology, CORRECT_DESIGN);
    let s = sys.step(sys.initial(), { kind: 'tool.start' }).state;
    for (let i = 0; i < 200 && s.tool.value !== 'done'; i++) {
      const e = sys.enabled(s, []).filter(isDriverStep).find((x) => x.kind !== 'bond.miimon') ?? { kind: 'bond.miimon' as const };
      s = sys.step(s, e).state;
    }
    expect(s.tool.value).toBe('done');
    expect(s.children.map((c, k) => [moduleState(s, k), c.context.version])).toEqual([
      ['loaded', TARGET_VERSION],
      ['loaded', TARGET_VERSION],
    ]);
    expect(s.netdevs.map((n) => n.context.ifindex)).toEqual([2, 3, 4]);
  });

  it('is deterministic and its states serialise, restore and hash canonically', () => {
    const sys = createSystem(topology, CORRECT_DESIGN);
    let a = sys.initial();
    let b = sys.initial();
    for (let i = 0; i < 60; i++) {
      const ea = sys.enabled(a, [...FAULTS]);
      const e = ea[(i * 7) % ea.length]!;
      a = sys.step(a, e).state;
      b = sys.step(b, e).state;
      expect(stateHash(a)).toBe(stateHash(b));
      const restored = deserialise(sys.components, JSON.parse(JSON.stringify(serialise(a))));
      expect(stateKey(restored)).toBe(stateKey(a));
      expect(sys.enabled(restored, [...FAULTS])).toEqual(sys.enabled(a, [...FAULTS]));
    }
  });

  it('offers faults only when they are allowed', () => {
    const sys = createSystem(topology, CORRECT_DESIGN);
    const s = sys.initial();
    expect(sys.enabled(s, []).some((e) => e.kind === 'parent.remove')).toBe(false);
    expect(sys.enabled(s, ['FAULT-PARENT-REMOVE']).some((e) => e.kind === 'parent.remove')).toBe(true);
  });

  it('records which faults happened', () => {
    const sys = createSystem(topology, CORRECT_DESIGN);
    const s = sys.step(sys.initial(), { kind: 'parent.remove' }).state;
    expect(s.faults).not.toBe(0);
    expect(s.netdevs.every((n) => n.value === 'unregistered')).toBe(true);
  });

  it('offers, as the target group, exactly the event kinds the event table puts in it', () => {
    const offered = new Set(targetEvents(topology, [...FAULTS]).map((e) => e.kind));
    const listed = new Set(Object.entries(EVENT_KINDS).flatMap(([kind, k]) => (k.group === 'target' ? [kind] : [])));
    expect([...offered].sort()).toEqual([...listed].sort());
  });
});
