import { describe, expect, it } from 'vitest';
import { createSystem } from '../engine/system.js';
import { historyOf } from '../engine/history.js';
import { newVector } from '../engine/layout.js';
import { TableSystem } from '../engine/table/table-system.js';
import { FAULTS } from '../model/faults.js';
import { designOf } from '../mutants.js';
import { PRESETS } from '../topology/presets.js';
import { bfs } from './bfs.js';
import { LocalKeys } from './local-keys.js';

/** claims-10-11 with every fault and one user change, and its first `states` states in breadth-first order. */
function firstStates(states: number) {
  const ts = new TableSystem(createSystem(PRESETS['claims-10-11']!, designOf(null)), [...FAULTS], null, 1, 1, historyOf({}, null));
  return { ts, store: bfs(ts, { maxStates: states }).store };
}

describe('LocalKeys.ownerHash', () => {
  const { ts, store } = firstStates(60_000);
  const keys = new LocalKeys(ts);
  const l = ts.layout;
  const v = newVector(l.width);

  it('reads the children and the bond only: a step of anything else leaves a state with its worker', () => {
    expect([...keys.ownerSlots].map((s) => l.kinds[s])).toEqual(['child', 'child', 'bond']);
    const others = [...Array(l.width).keys()].filter((s) => !keys.ownerSlots.includes(s));
    let bondMoves = 0;
    for (let i = 0; i < store.size; i += 97) {
      store.read(i, v);
      const owner = keys.ownerHash(v);
      const w = newVector(l.width);
      store.read((i * 7919) % store.size, w);
      // Another state's netdevs, tool, traffic, faults, monitors and budget: the same owner hash.
      const mixed = Uint32Array.from(v);
      for (const s of others) mixed[s] = w[s]!;
      expect(keys.ownerHash(mixed)).toBe(owner);
      const moved = Uint32Array.from(v);
      moved[l.bond] = w[l.bond]!;
      if (moved[l.bond] !== v[l.bond] && keys.ownerHash(moved) !== owner) bondMoves++;
    }
    expect(bondMoves).toBeGreaterThan(0);
  });

  it.each([2, 4, 16])('spreads the states over %i workers within 10 % of an even share', (workers) => {
    const counts = new Array<number>(workers).fill(0);
    for (let i = 0; i < store.size; i++) {
      store.read(i, v);
      counts[keys.ownerHash(v) % workers]!++;
    }
    expect(Math.max(...counts) * workers).toBeLessThan(1.1 * store.size);
  });
});
