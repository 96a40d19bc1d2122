import { describe, expect, it } from 'vitest';
import { hashVector } from './hash.js';
import { SKETCH_ERROR, SKETCH_MAX_RANK, SKETCH_PRECISION, UnionSketch } from './union-sketch.js';

/** The hashes of n distinct state-shaped vectors, numbered from `from`. */
function vectors(from: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => hashVector(Uint32Array.from([(from + i) % 977, Math.floor((from + i) / 977), 3, 1, 0, 7]), 0x5eed));
}

const sketchOf = (hashes: readonly number[]): UnionSketch => {
  const s = new UnionSketch();
  for (const h of hashes) s.add(h);
  return s;
};

describe('the union sketch (HyperLogLog)', () => {
  it.each([1, 10, 1_000, 30_000, 300_000])('estimates %i distinct states within three standard errors, however often each is counted', (n) => {
    const s = sketchOf(vectors(0, n));
    for (const v of vectors(0, Math.min(n, 1000))) s.add(v);
    expect(Math.abs(s.estimate() - n)).toBeLessThanOrEqual(Math.max(1, 3 * SKETCH_ERROR * n));
  });

  it('merges two members into the sketch of their union, not of their sum', () => {
    const a = sketchOf(vectors(0, 60_000));
    const b = sketchOf(vectors(40_000, 60_000));
    a.merge(b);
    expect(Math.abs(a.estimate() - 100_000)).toBeLessThanOrEqual(3 * SKETCH_ERROR * 100_000);
  });

  it('goes through base64 unchanged and refuses registers no hash could set', () => {
    const s = sketchOf(vectors(0, 5_000));
    const back = UnionSketch.fromBase64(s.toBase64())!;
    expect(back.estimate()).toBe(s.estimate());
    expect(UnionSketch.fromBase64('AAAA')).toBeNull();
    const bad = new Uint8Array(2 ** SKETCH_PRECISION);
    bad[5] = SKETCH_MAX_RANK + 1;
    expect(UnionSketch.fromBase64(Buffer.from(bad).toString('base64'))).toBeNull();
  });
});
