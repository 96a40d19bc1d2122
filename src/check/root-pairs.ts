import { StoreFull } from './state-store.js';

/**
 * The root pairs of a tree store, one per state in breadth-first order: 6
 * bytes each while both values fit `narrowBits` (24) bits, a 32-bit word
 * holding the first value and the second's top 8 bits beside a 16-bit word
 * holding the second's low 16; 8 bytes each from the first pair that does
 * not fit (more than 16.7M inner nodes, or wider leaves).
 */
export class RootPairs {
  private words: Uint32Array;
  /** The second values' low 16 bits, while the pairs are narrow; null once they are whole words. */
  private low: Uint16Array | null;
  private readonly limit: number;

  /** `reserve(bytes)` throws StoreFull when the store may not grow by that much. */
  constructor(
    capacity: number,
    private readonly reserve: (more: number) => void,
    narrowBits = 24,
  ) {
    if (narrowBits < 16 || narrowBits > 24) throw new Error(`narrow root pairs hold 16 to 24 bits per value, not ${narrowBits}`);
    this.limit = 2 ** narrowBits;
    this.words = allocate(Uint32Array, capacity);
    this.low = allocate(Uint16Array, capacity);
  }

  /** Pairs the arrays have room for. */
  get capacity(): number {
    return this.low !== null ? this.words.length : this.words.length / 2;
  }

  /** Bytes per pair: 6 while narrow, else 8. */
  get bytesPerPair(): number {
    return this.low !== null ? 6 : 8;
  }

  get byteLength(): number {
    return this.words.byteLength + (this.low?.byteLength ?? 0);
  }

  first(i: number): number {
    return this.low !== null ? this.words[i]! & 0xffffff : this.words[2 * i]!;
  }

  second(i: number): number {
    const low = this.low;
    return low !== null ? ((this.words[i]! >>> 24) << 16) | low[i]! : this.words[2 * i + 1]!;
  }

  /** Whether pair `i` is (a, b). */
  equals(i: number, a: number, b: number): boolean {
    const low = this.low;
    if (low === null) return this.words[2 * i] === a && this.words[2 * i + 1] === b;
    const w = this.words[i]!;
    return (w & 0xffffff) === a && w >>> 24 === b >>> 16 && low[i] === (b & 0xffff);
  }

  /** Sets pair `i` (below `capacity`) to (a, b), both whole numbers below 2^31. */
  set(i: number, a: number, b: number): void {
    if (this.low !== null && (a >= this.limit || b >= this.limit)) this.widen();
    const low = this.low;
    if (low === null) {
      this.words[2 * i] = a;
      this.words[2 * i + 1] = b;
      return;
    }
    this.words[i] = a | ((b >>> 16) << 24);
    low[i] = b & 0xffff;
  }

  /** Room for `capacity` pairs, keeping those set. */
  grow(capacity: number): void {
    const low = this.low;
    this.reserve((capacity - this.capacity) * this.bytesPerPair);
    const words = allocate(Uint32Array, low !== null ? capacity : 2 * capacity);
    words.set(this.words);
    this.words = words;
    if (low !== null) {
      const grown = allocate(Uint16Array, capacity);
      grown.set(low);
      this.low = grown;
    }
  }

  /** Moves every pair to two whole words. */
  private widen(): void {
    const n = this.capacity;
    this.reserve(2 * n);
    const words = allocate(Uint32Array, 2 * n);
    for (let i = 0; i < n; i++) {
      words[2 * i] = this.first(i);
      words[2 * i + 1] = this.second(i);
    }
    this.words = words;
    this.low = null;
  }
}

function allocate<T>(Kind: new (n: number) => T, n: number): T {
  try {
    return new Kind(n);
  } catch (e) {
    if (e instanceof RangeError) throw new StoreFull(`allocating ${n.toLocaleString('en-US')} root pairs for the state store failed (${e.message})`);
    throw e;
  }
}
