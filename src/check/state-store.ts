import type { LocalIds } from '../engine/layout.js';

/** The store could not grow within the memory it was allowed, or the machine had none left. */
export class StoreFull extends Error {}

/**
 * The set of visited states: fixed-width vectors of local-state ids in one
 * flat typed array of 16-bit ids, widened once to 32-bit ids when some
 * machine passes 65,535 distinct local states, in the order they were found (so breadth-first order
 * is the queue itself), with the index of the state each was first reached
 * from, and an open-addressing hash table (linear probing) whose slots hold
 * the state's hash beside its index: a probe compares hashes in one cache
 * line and reads a stored vector only when they match.
 */
export class StateStore {
  private vectors: Uint16Array | Uint32Array;
  private parents: Int32Array;
  private table: Int32Array;
  private mask: number;
  private count = 0;
  /** Index of the first state of each breadth-first level. */
  readonly levelStarts: number[] = [0];

  /**
   * `maxBytes` bounds what the store allocates: a growth past it throws
   * StoreFull before allocating (so does a failed allocation).
   */
  constructor(
    readonly width: number,
    capacity = 1 << 12,
    private readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {
    this.vectors = new Uint16Array(capacity * width);
    this.parents = new Int32Array(capacity);
    this.table = new Int32Array(capacity * 4);
    this.mask = capacity * 2 - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held per stored state: the vector, the parent index, and the hash table's share. */
  bytesPerState(): number {
    return this.width * this.vectors.BYTES_PER_ELEMENT + 4 + this.table.byteLength / Math.max(1, this.count);
  }

  /** Bytes per local-state id in the stored vectors: 2, or 4 once some id passed 65,535. */
  get idBytes(): number {
    return this.vectors.BYTES_PER_ELEMENT;
  }

  /** Bytes the store has allocated. */
  bytesAllocated(): number {
    return this.vectors.byteLength + this.parents.byteLength + this.table.byteLength;
  }

  /** Records that breadth-first level `levelStarts.length` begins at state `index`. */
  startLevel(index: number): void {
    this.levelStarts.push(index);
  }

  /** The index of the state first reached from state `index` (-1 for the initial state). */
  parentOf(index: number): number {
    return this.parents[index]!;
  }

  /** Copies state `index` into `out`. */
  read(index: number, out: LocalIds): void {
    out.set(this.vectors.subarray(index * this.width, (index + 1) * this.width));
  }

  /** A view of state `index` (valid until the next add). */
  view(index: number): LocalIds {
    return this.vectors.subarray(index * this.width, (index + 1) * this.width);
  }

  /** The index of the state equal to `v`, or -1. */
  find(v: LocalIds): number {
    const w = this.width;
    const vec = this.vectors;
    const table = this.table;
    const full = vectorHash(v, 0, w) | 0;
    let h = full & this.mask;
    for (;;) {
      const e = table[2 * h + 1]!;
      if (e === 0) return -1;
      if (table[2 * h] === full) {
        const base = (e - 1) * w;
        let j = 0;
        while (j < w && vec[base + j] === v[j]) j++;
        if (j === w) return e - 1;
      }
      h = (h + 1) & this.mask;
    }
  }

  /** Adds a state known to be new; returns its index. */
  add(v: LocalIds, parent: number): number {
    if (this.count * 4 >= (this.mask + 1) * 3) this.rehash((this.mask + 1) * 2);
    if ((this.count + 1) * this.width > this.vectors.length) this.grow();
    if (this.vectors.BYTES_PER_ELEMENT === 2) {
      for (let j = 0; j < this.width; j++) {
        if (v[j]! > 0xffff) {
          this.widen();
          break;
        }
      }
    }
    const index = this.count++;
    this.vectors.set(v.subarray(0, this.width), index * this.width);
    this.parents[index] = parent;
    this.place(index, vectorHash(v, 0, this.width));
    return index;
  }

  private place(index: number, h: number): void {
    const full = h | 0;
    let slot = full & this.mask;
    while (this.table[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
    this.table[2 * slot] = full;
    this.table[2 * slot + 1] = index + 1;
  }

  /** Doubles the room for vectors and parents, or takes what is left of the budget when doubling would pass it. */
  private grow(): void {
    const now = this.vectors.length / this.width;
    const perState = this.width * this.vectors.BYTES_PER_ELEMENT + 4;
    const left = Math.floor((this.maxBytes - this.bytesAllocated()) / perState);
    const cap = Math.max(now + 1, Math.min(Math.ceil(now * 2), now + left));
    this.reserve((cap - now) * perState);
    const vectors = this.vectors.BYTES_PER_ELEMENT === 2 ? allocate(Uint16Array, cap * this.width) : allocate(Uint32Array, cap * this.width);
    vectors.set(this.vectors);
    this.vectors = vectors;
    const parents = allocate(Int32Array, cap);
    parents.set(this.parents);
    this.parents = parents;
  }

  /** Moves the vectors to 32-bit ids (once, when an id first passes 65,535). */
  private widen(): void {
    this.reserve(this.vectors.byteLength);
    this.vectors = Uint32Array.from(this.vectors);
  }

  /** Throws StoreFull when allocating `more` bytes would take the store past its budget. */
  private reserve(more: number): void {
    if (this.bytesAllocated() + more > this.maxBytes) {
      throw new StoreFull(`the state store would grow to ${Math.ceil((this.bytesAllocated() + more) / 2 ** 20)} MB, past the ${Math.floor(this.maxBytes / 2 ** 20)} MB allowed`);
    }
  }

  private rehash(slots: number): void {
    this.reserve(slots * 8 - this.table.byteLength);
    this.table = allocate(Int32Array, slots * 2);
    this.mask = slots - 1;
    for (let i = 0; i < this.count; i++) this.place(i, vectorHash(this.vectors, i * this.width, this.width));
  }
}

/** A typed array of `n` elements, or StoreFull when the machine cannot give the memory. */
function allocate<T>(Kind: new (n: number) => T, n: number): T {
  try {
    return new Kind(n);
  } catch (e) {
    if (e instanceof RangeError) throw new StoreFull(`allocating ${n.toLocaleString('en-US')} elements for the state store failed (${e.message})`);
    throw e;
  }
}

/** Murmur3-style mixing of a vector's words (16-bit ids two to a word; wider ids fold into the same words). */
export function vectorHash(v: LocalIds, at: number, w: number): number {
  let h = 0x9747b28c;
  for (let j = 0; j < w; j += 2) {
    let k = v[at + j]! | ((j + 1 < w ? v[at + j + 1]! : 0) << 16);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= w;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
