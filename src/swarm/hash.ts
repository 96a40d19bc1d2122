import type { LocalIds } from '../engine/layout.js';

/** The 32-bit finaliser of MurmurHash3: every input bit reaches every output bit. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A seeded 32-bit hash of a state vector (MurmurHash3's body over its slots).
 * Each swarm member hashes with seeds of its own, so two members rarely
 * mistake the same pair of states for one another: their omissions differ.
 */
export function hashVector(v: LocalIds, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < v.length; i++) {
    let k = Math.imul(v[i]!, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return mix32(h ^ (v.length << 2));
}
