import { describe, expect, it } from 'vitest';
import { StateStore, StoreFull } from './state-store.js';

const vec = (...xs: number[]): Uint32Array => Uint32Array.from(xs);

describe('the state store', () => {
  it('keeps 16-bit ids until one passes 65,535, then holds every state in 32-bit ids', () => {
    const s = new StateStore(3, 16);
    for (let i = 0; i < 1000; i++) expect(s.add(vec(i, i + 1, 7), i - 1)).toBe(i);
    expect(s.idBytes).toBe(2);
    expect(s.add(vec(70_000, 1, 0x1_0000_0), 5)).toBe(1000);
    expect(s.idBytes).toBe(4);
    for (let i = 0; i < 1000; i++) expect(s.find(vec(i, i + 1, 7))).toBe(i);
    expect(s.find(vec(70_000, 1, 0x1_0000_0))).toBe(1000);
    // 70,000 cut to 16 bits is 4,464: that state was never stored.
    expect(s.find(vec(4464, 1, 0))).toBe(-1);
    const out = new Uint32Array(3);
    s.read(1000, out);
    expect([...out]).toEqual([70_000, 1, 0x1_0000_0]);
    expect(s.parentOf(1000)).toBe(5);
    expect(s.bytesPerState()).toBeGreaterThan(3 * 4 + 4);
  });

  it('refuses to grow past its byte budget, and stays usable at the size it had', () => {
    const s = new StateStore(4, 16, 64 * 1024);
    let added = 0;
    expect(() => {
      for (;;) {
        s.add(vec(added, 0, 0, 1), -1);
        added++;
      }
    }).toThrow(StoreFull);
    expect(s.size).toBe(added);
    expect(s.bytesAllocated()).toBeLessThanOrEqual(64 * 1024);
    for (let i = 0; i < added; i += 97) expect(s.find(vec(i, 0, 0, 1))).toBe(i);
  });

  it('fills what is left of its budget when doubling would pass it, before it refuses', () => {
    // 32 16-bit ids and a parent: 68 bytes a state. Doubling from 4,096 states would pass the budget; what is left holds 800 more.
    const width = 32;
    const perState = 2 * width + 4;
    const budget = 400 * 1024;
    const s = new StateStore(width, 16, budget);
    const v = new Uint32Array(width);
    let added = 0;
    expect(() => {
      for (;;) {
        v[0] = added;
        s.add(v, -1);
        added++;
      }
    }).toThrow(StoreFull);
    expect(added).toBeGreaterThan(4096 + 800);
    expect(s.bytesAllocated()).toBeLessThanOrEqual(budget);
    expect(budget - s.bytesAllocated()).toBeLessThan(perState);
    for (let i = 0; i < added; i += 31) {
      v[0] = i;
      expect(s.find(v)).toBe(i);
    }
  });
});
