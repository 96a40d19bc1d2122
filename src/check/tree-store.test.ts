import { describe, expect, it } from 'vitest';
import { check } from './check.js';
import { FAULTS } from '../model/faults.js';
import { PRESETS } from '../topology/presets.js';
import { StoreFull } from './state-store.js';
import { TreeStore } from './tree-store.js';
import { bfs } from './bfs.js';
import { pathTo } from './paths.js';
import { designOf } from '../mutants.js';
import { createSystem } from '../engine/system.js';
import { TableSystem } from '../engine/table/table-system.js';

/** A fixed-seed generator of vectors that share most slots, like the states of a search. */
function* vectors(width: number, n: number, seed = 7): Generator<Uint32Array> {
  let x = seed;
  const next = (): number => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
  const v = new Uint32Array(width);
  for (let i = 0; i < n; i++) {
    v[next() % width] = next() % 40;
    if (i % 1000 === 0) v[0] = 70_000 + i;
    yield v.slice();
  }
}

describe('the tree-compressed store', () => {
  it('finds every state it added, reads it back whole, and tells new states apart', () => {
    for (const width of [2, 3, 14, 15, 26]) {
      const s = new TreeStore(width, 16);
      const seen = new Map<string, number>();
      for (const v of vectors(width, 5_000)) {
        const key = v.join(',');
        const found = s.find(v);
        expect(found).toBe(seen.get(key) ?? -1);
        if (found < 0) seen.set(key, s.add(v, -1));
      }
      const out = new Uint32Array(width);
      for (const [key, i] of seen) {
        s.read(i, out);
        expect(out.join(',')).toBe(key);
      }
    }
  });

  it('widens the index its root table slots hold past what they started with, and still finds and reads every state', () => {
    // Slots of 4 index bits hold 14 states; 5,000 states take the index to 13 bits, fingerprint bits given up one by one.
    const width = 15;
    const s = new TreeStore(width, 16, Number.POSITIVE_INFINITY, 4);
    const seen = new Map<string, number>();
    for (const v of vectors(width, 5_000, 11)) {
      const key = v.join(',');
      const found = s.find(v);
      expect(found).toBe(seen.get(key) ?? -1);
      if (found < 0) seen.set(key, s.add(v, -1));
    }
    expect(seen.size).toBeGreaterThan(2 ** 12);
    const out = new Uint32Array(width);
    for (const [key, i] of seen) {
      s.read(i, out);
      expect(out.join(',')).toBe(key);
      expect(s.find(out)).toBe(i);
    }
  });

  it('works with every bit of a slot taken by the index and no fingerprint left, and takes no more than 32', () => {
    const width = 3;
    const s = new TreeStore(width, 16, Number.POSITIVE_INFINITY, 32);
    const v = new Uint32Array(width);
    for (let i = 0; i < 300; i++) {
      v[0] = i;
      v[2] = i % 7;
      expect(s.find(v)).toBe(-1);
      s.add(v, -1);
    }
    for (let i = 0; i < 300; i++) {
      v[0] = i;
      v[2] = i % 7;
      expect(s.find(v)).toBe(i);
    }
    expect(() => new TreeStore(width, 16, Number.POSITIVE_INFINITY, 33)).toThrow(/2 to 32 index bits/);
  });

  it('keeps a search of claims-1-9 with every fault but user config under 16 bytes per state, with the same figures as whole vectors', () => {
    const o = { topology: PRESETS['claims-1-9']!, mutant: null, faults: FAULTS.filter((f) => f !== 'FAULT-USER-CONFIG'), liveness: false, fullHistory: true } as const;
    const tree = check({ ...o, store: 'tree' });
    const whole = check({ ...o, store: 'vectors' });
    expect(tree.states).toBe(whole.states);
    expect(tree.transitions).toBe(whole.transitions);
    expect(tree.diameter).toBe(whole.diameter);
    expect(tree.states).toBeGreaterThan(50_000);
    expect(tree.bytesPerState).toBeLessThanOrEqual(16);
    expect(whole.bytesPerState).toBeGreaterThan(16);
  });

  it('gives the same lasso as whole vectors, its prefix found again level by level', () => {
    const o = { topology: PRESETS['claims-10-11']!, mutant: 'MUT-IGNORE-PROBE-FAIL', faults: ['FAULT-PROBE-FAIL'], properties: ['LIVE-REPORT'] } as const;
    const tree = check({ ...o, store: 'tree' });
    const whole = check({ ...o, store: 'vectors' });
    expect(tree.verdict).toBe('violation');
    expect(tree.counterexample!.loopStart).toBe(whole.counterexample!.loopStart);
    expect(tree.counterexample!.events.length).toBe(whole.counterexample!.events.length);
    expect(tree.counterexample!.violation.id).toBe('LIVE-REPORT');
  });

  it('refuses to grow past its byte budget', () => {
    const s = new TreeStore(8, 16, 256 * 1024);
    expect(() => {
      for (let i = 0; i < 1_000_000; i++) s.add(Uint32Array.of(i, i >> 4, 0, 0, i, 1, 2, 3), -1);
    }).toThrow(StoreFull);
    expect(s.bytesAllocated()).toBeLessThanOrEqual(256 * 1024);
  });
});

describe('the auto store', () => {
  it('moves its whole vectors into a tree store when they pass their share, keeping indices, counts and shortest paths', () => {
    const ts = new TableSystem(createSystem(PRESETS['claims-1-9']!, designOf(null)), ['FAULT-FORCED-UNLOAD']);
    const auto = bfs(ts, { store: 'auto', compressAbove: 64 * 1024 });
    const whole = bfs(ts, { store: 'vectors' });
    expect(auto.store).toBeInstanceOf(TreeStore);
    expect(auto.complete).toBe(true);
    expect(auto.store.size).toBe(whole.store.size);
    expect(auto.transitions).toBe(whole.transitions);
    expect(auto.store.levelStarts).toEqual(whole.store.levelStarts);
    const a = new Uint32Array(ts.width);
    const b = new Uint32Array(ts.width);
    for (const i of [1, auto.store.size >> 1, auto.store.size - 1]) {
      auto.store.read(i, a);
      whole.store.read(i, b);
      expect([...a]).toEqual([...b]);
      const path = pathTo(ts, auto.store, i);
      expect(path).toHaveLength(pathTo(ts, whole.store, i).length);
      // The path leads from the initial state to state i.
      const env = new Int32Array(512);
      const msg = new Int32Array(512);
      let v = Uint32Array.from(ts.initial);
      for (const e of path) {
        const n = ts.enabled(v, env, msg);
        const j = env.subarray(0, n).indexOf(e);
        const out = new Uint32Array(ts.width);
        ts.step(v, e, msg[j]!, out);
        v = out;
      }
      expect([...v]).toEqual([...a]);
    }
  });
});
