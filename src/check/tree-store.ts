import type { LocalIds } from '../engine/layout.js';
import { RootPairs } from './root-pairs.js';
import { StoreFull } from './state-store.js';

/**
 * The set of visited states under tree (collapse) compression: a state
 * vector is the leaves of a balanced binary tree; every inner node below the
 * root is a pair of child values numbered once in a shared table, so states
 * that agree on a half, a quarter... of their slots share those nodes. A
 * state is then its root pair (6 bytes, see RootPairs) in breadth-first order, plus a
 * 4-byte slot of the hash table over roots, kept 64..90 % full (growth by
 * 1.4, not 2, so it holds 4.4..6.2 bytes per state, never 8..16). A slot
 * holds the state's index and, in the bits the index does not need, a
 * fingerprint of its hash; past 2^28 states the index takes fingerprint bits,
 * up to all 32 (so the store holds up to 2^32 - 2 states). No parent
 * is stored: a path is found again level by level (see paths.ts), which the
 * breadth-first level starts allow.
 */
export class TreeStore {
  /** Inner nodes in post-order: each a pair of references (slot j >= 0, or inner node -(k + 1)); the last is the root. */
  private readonly ops: Int32Array;
  private readonly scratch: Int32Array;
  /**
   * The last state read and its inner node ids: a successor differs from it
   * in a few slots, so only the nodes above those are looked up again.
   */
  private readonly base: Uint32Array;
  private readonly baseIds: Int32Array;
  private hasBase = false;
  private readonly dirty: Uint8Array;
  private nodes: Int32Array = new Int32Array(2 * 1024);
  private nodeCount = 0;
  private nodeTable: Int32Array = new Int32Array(2048);
  private readonly roots: RootPairs;
  private rootTable: Int32Array;
  /** Bits of a root table slot that hold the index (+ 1); the others hold the top of the hash. */
  private indexBits: number;
  private count = 0;
  /** Index of the first state of each breadth-first level. */
  readonly levelStarts: number[] = [0];

  /** `maxBytes` bounds what the store allocates, as in StateStore; `indexBits` is what a root table slot starts with (fewer to test the widening). */
  constructor(
    readonly width: number,
    capacity = 1 << 12,
    private readonly maxBytes = Number.POSITIVE_INFINITY,
    indexBits = INDEX_BITS,
  ) {
    if (width < 2) throw new Error('tree compression needs vectors of two slots or more');
    if (!(Number.isInteger(indexBits) && indexBits >= 2 && indexBits <= 32)) throw new Error(`a root table slot holds 2 to 32 index bits, not ${indexBits}`);
    this.indexBits = indexBits;
    const ops: number[] = [];
    const build = (lo: number, hi: number): number => {
      if (hi - lo === 1) return lo;
      const mid = lo + Math.ceil((hi - lo) / 2);
      const a = build(lo, mid);
      const b = build(mid, hi);
      ops.push(a, b);
      return -(ops.length / 2);
    };
    build(0, width);
    this.ops = Int32Array.from(ops);
    this.scratch = new Int32Array(ops.length / 2);
    this.base = new Uint32Array(width);
    this.baseIds = new Int32Array(ops.length / 2);
    this.dirty = new Uint8Array(ops.length / 2);
    this.roots = new RootPairs(capacity, (more) => this.reserve(more));
    this.rootTable = new Int32Array(Math.ceil(capacity * 2));
  }

  get size(): number {
    return this.count;
  }

  /** Local-state ids are kept whole in the tree's nodes (4 bytes). */
  get idBytes(): number {
    return 4;
  }

  /** Bytes per stored state: its root pair, its share of the root table, and of the inner nodes and their table. */
  bytesPerState(): number {
    const n = Math.max(1, this.count);
    return this.roots.bytesPerPair + this.rootTable.byteLength / n + (this.nodeCount * 8 + this.nodeTable.byteLength) / n;
  }

  /** Bytes the store has allocated. */
  bytesAllocated(): number {
    return this.nodes.byteLength + this.nodeTable.byteLength + this.roots.byteLength + this.rootTable.byteLength;
  }

  /** Records that breadth-first level `levelStarts.length` begins at state `index`. */
  startLevel(index: number): void {
    this.levelStarts.push(index);
  }

  /** Copies state `index` into `out`. */
  read(index: number, out: LocalIds): void {
    const ops = this.ops;
    const s = this.scratch;
    const last = s.length - 1;
    this.put(ops[2 * last]!, this.roots.first(index), out);
    this.put(ops[2 * last + 1]!, this.roots.second(index), out);
    for (let k = last - 1; k >= 0; k--) {
      const id = s[k]!;
      this.put(ops[2 * k]!, this.nodes[2 * id]!, out);
      this.put(ops[2 * k + 1]!, this.nodes[2 * id + 1]!, out);
    }
    for (let j = 0; j < this.width; j++) this.base[j] = out[j]!;
    this.baseIds.set(s);
    this.hasBase = true;
  }

  /** The index of the state equal to `v`, or -1 (a new inner node means a new state). */
  find(v: LocalIds): number {
    if (!this.inner(v, false)) return -1;
    const last = this.scratch.length - 1;
    const a = this.value(this.ops[2 * last]!, v);
    const b = this.value(this.ops[2 * last + 1]!, v);
    const h = mix(a, b);
    const table = this.rootTable;
    const bits = this.indexBits;
    const high = highMask(bits);
    const fp = h & high;
    for (let slot = spread(h, bits, table.length); ; slot = slot + 1 === table.length ? 0 : slot + 1) {
      const e = table[slot]!;
      if (e === 0) return -1;
      if ((e & high) !== fp) continue;
      const i = ((e & ~high) >>> 0) - 1;
      if (this.roots.equals(i, a, b)) return i;
    }
  }

  /** Adds a state known to be new; returns its index. The parent is not kept (see the class comment). */
  add(v: LocalIds, _parent: number): number {
    if (this.count + 2 >= 2 ** this.indexBits) {
      if (this.indexBits === 32) throw new StoreFull(`the tree store indexes at most ${(2 ** 32 - 2).toLocaleString('en-US')} states`);
      // Every slot is rewritten with one more index bit and one fingerprint bit fewer.
      this.indexBits++;
      this.rehashRoots(this.rootTable.length);
    }
    if (this.count + 1 > MAX_LOAD * this.rootTable.length) this.rehashRoots(Math.ceil(this.rootTable.length * GROWTH));
    if (this.count + 1 > this.roots.capacity) this.roots.grow(Math.ceil(this.roots.capacity * 1.5));
    this.inner(v, true);
    const last = this.scratch.length - 1;
    const a = this.value(this.ops[2 * last]!, v);
    const b = this.value(this.ops[2 * last + 1]!, v);
    const index = this.count++;
    this.roots.set(index, a, b);
    this.placeRoot(index, mix(a, b));
    return index;
  }

  /** Numbers the inner nodes of `v` into scratch (adding new ones when `insert`); false when one is new and not inserted. */
  private inner(v: LocalIds, insert: boolean): boolean {
    const ops = this.ops;
    const s = this.scratch;
    const base = this.base;
    const dirty = this.dirty;
    const all = !this.hasBase;
    for (let k = 0; k < s.length - 1; k++) {
      const a = ops[2 * k]!;
      const b = ops[2 * k + 1]!;
      if (!all && !(a >= 0 ? v[a] !== base[a] : dirty[-a - 1]) && !(b >= 0 ? v[b] !== base[b] : dirty[-b - 1])) {
        s[k] = this.baseIds[k]!;
        dirty[k] = 0;
        continue;
      }
      dirty[k] = 1;
      const id = this.node(this.value(a, v), this.value(b, v), insert);
      if (id < 0) return false;
      s[k] = id;
    }
    return true;
  }

  private value(ref: number, v: LocalIds): number {
    return ref >= 0 ? v[ref]! : this.scratch[-ref - 1]!;
  }

  private put(ref: number, value: number, out: LocalIds): void {
    if (ref >= 0) out[ref] = value;
    else this.scratch[-ref - 1] = value;
  }

  /** The id of inner node (a, b), or -1 when it is new and not inserted. */
  private node(a: number, b: number, insert: boolean): number {
    const h = mix(a, b);
    let mask = this.nodeTable.length - 1;
    let slot = h & mask;
    for (;;) {
      const e = this.nodeTable[slot]!;
      if (e === 0) break;
      if (this.nodes[2 * (e - 1)] === a && this.nodes[2 * (e - 1) + 1] === b) return e - 1;
      slot = (slot + 1) & mask;
    }
    if (!insert) return -1;
    if ((this.nodeCount + 1) * 4 > this.nodeTable.length * 3) {
      this.rehashNodes(this.nodeTable.length * 2);
      mask = this.nodeTable.length - 1;
      slot = h & mask;
      while (this.nodeTable[slot] !== 0) slot = (slot + 1) & mask;
    }
    if (2 * (this.nodeCount + 1) > this.nodes.length) this.nodes = this.grown(this.nodes, this.nodes.length * 2);
    const id = this.nodeCount++;
    this.nodes[2 * id] = a;
    this.nodes[2 * id + 1] = b;
    this.nodeTable[slot] = id + 1;
    return id;
  }

  private placeRoot(index: number, h: number): void {
    const table = this.rootTable;
    const bits = this.indexBits;
    let slot = spread(h, bits, table.length);
    while (table[slot] !== 0) slot = slot + 1 === table.length ? 0 : slot + 1;
    table[slot] = (h & highMask(bits)) | (index + 1);
  }

  private rehashRoots(slots: number): void {
    this.reserve(slots * 4 - this.rootTable.byteLength);
    this.rootTable = allocate(slots);
    for (let i = 0; i < this.count; i++) this.placeRoot(i, mix(this.roots.first(i), this.roots.second(i)));
  }

  private rehashNodes(slots: number): void {
    this.reserve(slots * 4 - this.nodeTable.byteLength);
    this.nodeTable = allocate(slots);
    const mask = slots - 1;
    for (let id = 0; id < this.nodeCount; id++) {
      let slot = mix(this.nodes[2 * id]!, this.nodes[2 * id + 1]!) & mask;
      while (this.nodeTable[slot] !== 0) slot = (slot + 1) & mask;
      this.nodeTable[slot] = id + 1;
    }
  }

  private grown(a: Int32Array, length: number): Int32Array {
    this.reserve((length - a.length) * 4);
    const b = allocate(length);
    b.set(a);
    return b;
  }

  private reserve(more: number): void {
    if (this.bytesAllocated() + more > this.maxBytes) {
      throw new StoreFull(`the state store would grow to ${Math.ceil((this.bytesAllocated() + more) / 2 ** 20)} MB, past the ${Math.floor(this.maxBytes / 2 ** 20)} MB allowed`);
    }
  }
}

function allocate(n: number): Int32Array {
  try {
    return new Int32Array(n);
  } catch (e) {
    if (e instanceof RangeError) throw new StoreFull(`allocating ${n.toLocaleString('en-US')} slots for the state store failed (${e.message})`);
    throw e;
  }
}

/** Most and growth of the root table's load: 4 bytes per slot, 4.4..6.2 bytes per state. */
const MAX_LOAD = 0.9;
const GROWTH = 1.4;

/** Index bits of a root table slot at first: 2^28 - 2 states, with a 4-bit fingerprint beside each. */
const INDEX_BITS = 28;

/** The bits of a slot above its `indexBits` index bits (the fingerprint's), as a signed 32-bit mask. */
const highMask = (indexBits: number): number => (indexBits === 32 ? 0 : (-1 << indexBits) | 0);

/**
 * A slot in 0..size-1 from the low `indexBits` bits of a hash, the bits the
 * fingerprint leaves, for tables whose size is not a power of two.
 */
const spread = (h: number, indexBits: number, size: number): number => Math.floor((((h & ~highMask(indexBits)) >>> 0) * size) / 2 ** indexBits);

/** Murmur3-style mixing of a pair of 32-bit values. */
function mix(a: number, b: number): number {
  let h = 0x9747b28c;
  let k = Math.imul(a, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  k = Math.imul(b, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
