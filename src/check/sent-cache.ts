import type { LocalIds } from '../engine/layout.js';

/** Bytes of one line of a sent cache: the vector's 4-byte ids and a tag. */
export const sentCacheLineBytes = (width: number): number => 4 * width + 1;

/**
 * A lossy, direct-mapped set of the successors one worker of a parallel
 * check sent to their owners. A successor it holds was sent before, in this
 * level (its owner keeps the smaller key it came with then) or an earlier one
 * (its owner stored it), and was checked against every invariant when it was:
 * so it need not travel again, and only the invariants that read the step can
 * fail on it. Each line keeps the last vector whose hash fell to it; a
 * successor evicted by another is simply sent again, as with no cache.
 */
export class SentCache {
  private readonly vectors: Uint32Array;
  private readonly used: Uint8Array;
  private readonly mask: number;
  /** Successors found in the cache. */
  hits = 0;

  /** A cache of the largest power of two of lines, at most 2^20, that fits `maxBytes` (none below 1,024 lines). */
  static within(width: number, maxBytes: number): SentCache | null {
    const lines = Math.min(2 ** 20, 2 ** Math.floor(Math.log2(Math.max(1, maxBytes / sentCacheLineBytes(width)))));
    return lines >= 1024 ? new SentCache(width, lines) : null;
  }

  constructor(
    readonly width: number,
    lines: number,
  ) {
    if (!Number.isInteger(Math.log2(lines))) throw new Error(`a sent cache has a power of two of lines, got ${lines}`);
    this.vectors = new Uint32Array(lines * width);
    this.used = new Uint8Array(lines);
    this.mask = lines - 1;
  }

  /** Bytes the cache holds. */
  bytesAllocated(): number {
    return this.vectors.byteLength + this.used.byteLength;
  }

  /** Whether `v` (of hash `hash`) was recorded; if not, records it in place of what its line held. */
  seenOrRecord(v: LocalIds, hash: number): boolean {
    const w = this.width;
    // Any 32-bit hash of the vector will do: its bits from 11 up pick the line.
    const line = (hash >>> 11) & this.mask;
    const at = line * w;
    const vectors = this.vectors;
    if (this.used[line]) {
      let s = 0;
      while (s < w && vectors[at + s] === v[s]) s++;
      if (s === w) {
        this.hits++;
        return true;
      }
    }
    for (let s = 0; s < w; s++) vectors[at + s] = v[s]!;
    this.used[line] = 1;
    return false;
  }
}
