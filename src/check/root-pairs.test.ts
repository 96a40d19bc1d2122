import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RootPairs } from './root-pairs.js';
import { StoreFull } from './state-store.js';

const unlimited = (): void => {};

describe('RootPairs', () => {
  it('gives back every pair set, through growth and the move to whole words, and tells equal pairs from others', () => {
    // Values around the 16-bit limit (narrowBits 16), so that some runs widen and some do not.
    const value = fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0x10000, max: 0x7fffffff }), fc.constantFrom(0, 0xffff, 0xffffff));
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 80 }), (pairs) => {
        const roots = new RootPairs(4, unlimited, 16);
        pairs.forEach(([a, b], i) => {
          if (i >= roots.capacity) roots.grow(Math.ceil(roots.capacity * 1.5));
          roots.set(i, a, b);
        });
        const wide = pairs.some(([a, b]) => a > 0xffff || b > 0xffff);
        expect(roots.bytesPerPair).toBe(wide ? 8 : 6);
        pairs.forEach(([a, b], i) => {
          expect([roots.first(i), roots.second(i)]).toEqual([a, b]);
          expect(roots.equals(i, a, b)).toBe(true);
          expect(roots.equals(i, a, b ^ 1)).toBe(false);
          expect(roots.equals(i, a ^ 0x100, b)).toBe(false);
        });
      }),
      { seed: 17, numRuns: 300 },
    );
  });

  it('keeps 6 bytes a pair below 2^24, the tree store default', () => {
    const roots = new RootPairs(2, unlimited);
    roots.set(0, 0xffffff, 0xfedcba);
    roots.set(1, 1, 0x800000);
    expect(roots.bytesPerPair).toBe(6);
    expect(roots.byteLength).toBe(12);
    expect([roots.first(0), roots.second(0), roots.first(1), roots.second(1)]).toEqual([0xffffff, 0xfedcba, 1, 0x800000]);
    roots.set(1, 1, 0x1000000);
    expect(roots.bytesPerPair).toBe(8);
    expect([roots.first(0), roots.second(0), roots.first(1), roots.second(1)]).toEqual([0xffffff, 0xfedcba, 1, 0x1000000]);
  });

  it('asks its store before it grows or widens, and stops at its answer', () => {
    const refuse = (): void => {
      throw new StoreFull('no room');
    };
    const roots = new RootPairs(2, refuse);
    roots.set(0, 1, 2);
    expect(() => roots.grow(4)).toThrow(StoreFull);
    expect(() => roots.set(1, 0x1000000, 0)).toThrow(StoreFull);
    expect([roots.first(0), roots.second(0)]).toEqual([1, 2]);
  });
});
