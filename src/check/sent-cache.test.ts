import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SentCache, sentCacheLineBytes } from './sent-cache.js';

describe('SentCache', () => {
  it('answers seen only for a vector it recorded and has not evicted since: one vector per line, compared slot by slot', () => {
    const vector = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 });
    // Hashes that fall to a few lines, so that lines are shared and evictions happen.
    const hash = fc.integer({ min: 0, max: 3 }).map((line) => line << 11);
    fc.assert(
      fc.property(fc.array(fc.tuple(vector, hash), { maxLength: 60 }), (ops) => {
        const cache = new SentCache(3, 1024);
        const lines = new Map<number, string>();
        let seen = 0;
        for (const [v, h] of ops) {
          const line = (h >>> 11) & 1023;
          const expected = lines.get(line) === v.join();
          if (expected) seen++;
          expect(cache.seenOrRecord(Uint32Array.from(v), h)).toBe(expected);
          lines.set(line, v.join());
        }
        expect(cache.hits).toBe(seen);
      }),
      { seed: 17, numRuns: 200 },
    );
  });

  it('takes the largest power of two of lines within its bytes, at most 2^20, and none below 1,024', () => {
    expect(SentCache.within(15, 1024 * sentCacheLineBytes(15) - 1)).toBeNull();
    expect(SentCache.within(15, 1024 * sentCacheLineBytes(15))!.bytesAllocated()).toBe(1024 * sentCacheLineBytes(15));
    expect(SentCache.within(15, 3000 * sentCacheLineBytes(15))!.bytesAllocated()).toBe(2048 * sentCacheLineBytes(15));
    expect(SentCache.within(4, Number.POSITIVE_INFINITY)!.bytesAllocated()).toBe(2 ** 20 * sentCacheLineBytes(4));
    expect(() => new SentCache(4, 1000)).toThrow(/power of two/);
  });
});
