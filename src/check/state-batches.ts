import type { LocalIds } from '../engine/layout.js';
import { RAW, type LocalKeys } from './local-keys.js';

/**
 * States on their way to the worker that owns them, in the sender's ids: the
 * vectors, the key of each (its parent's rank in the level and the event's
 * index), and the canonical key of every id the receiver has not been told
 * of yet, so it can number the same local states its own way.
 */
export interface StateBatch {
  readonly count: number;
  readonly vectors: Uint32Array;
  readonly keys: Float64Array;
  /** Declared ids: space, id, canonical key, in the order the sender met them. */
  readonly declSpaces: readonly number[];
  readonly declIds: readonly number[];
  readonly declKeys: readonly string[];
}

/** States for one peer, sent in batches of `capacity`. */
export class Outbox {
  private vectors: Uint32Array;
  private keys: Float64Array;
  private count = 0;
  private declared: Uint8Array[];
  private declSpaces: number[] = [];
  private declIds: number[] = [];
  private declKeys: string[] = [];

  constructor(
    private readonly lk: LocalKeys,
    private readonly width: number,
    private readonly send: (b: StateBatch) => void,
    private readonly capacity = 2048,
  ) {
    this.vectors = new Uint32Array(capacity * width);
    this.keys = new Float64Array(capacity);
    this.declared = Array.from({ length: lk.spaces }, () => new Uint8Array(64));
  }

  /** Queues state `v` (this worker's ids) reached with key `key`; sends the batch when it is full. */
  push(v: LocalIds, key: number): void {
    const w = this.width;
    const spaceOf = this.lk.spaceOf;
    for (let s = 0; s < w; s++) {
      const sp = spaceOf[s]!;
      if (sp === RAW) continue;
      const id = v[s]!;
      let d = this.declared[sp]!;
      if (id >= d.length) {
        const grown = new Uint8Array(Math.max(id + 1, d.length * 2));
        grown.set(d);
        this.declared[sp] = d = grown;
      }
      if (d[id] === 0) {
        d[id] = 1;
        this.declSpaces.push(sp);
        this.declIds.push(id);
        this.declKeys.push(this.lk.key(sp, id));
      }
    }
    this.vectors.set(v.subarray(0, w), this.count * w);
    this.keys[this.count++] = key;
    if (this.count === this.capacity) this.flush();
  }

  /** Sends what is queued, if anything. */
  flush(): void {
    if (this.count === 0 && this.declSpaces.length === 0) return;
    const b: StateBatch = { count: this.count, vectors: this.vectors, keys: this.keys, declSpaces: this.declSpaces, declIds: this.declIds, declKeys: this.declKeys };
    this.vectors = new Uint32Array(this.capacity * this.width);
    this.keys = new Float64Array(this.capacity);
    this.count = 0;
    this.declSpaces = [];
    this.declIds = [];
    this.declKeys = [];
    this.send(b);
  }
}

/** A peer's ids turned into this worker's, learnt from the keys the peer declared. */
export class Inbox {
  private readonly maps: Int32Array[];

  constructor(private readonly lk: LocalKeys) {
    this.maps = Array.from({ length: lk.spaces }, () => new Int32Array(64).fill(-1));
  }

  /** Learns a batch's declared ids. */
  learn(b: StateBatch): void {
    for (let k = 0; k < b.declSpaces.length; k++) {
      const sp = b.declSpaces[k]!;
      const id = b.declIds[k]!;
      let m = this.maps[sp]!;
      if (id >= m.length) {
        const grown = new Int32Array(Math.max(id + 1, m.length * 2)).fill(-1);
        grown.set(m);
        this.maps[sp] = m = grown;
      }
      m[id] = this.lk.intern(sp, b.declKeys[k]!);
    }
  }

  /** Writes state `k` of a learnt batch into `out` in this worker's ids. */
  translate(b: StateBatch, k: number, out: LocalIds): void {
    const w = out.length;
    const spaceOf = this.lk.spaceOf;
    const at = k * w;
    for (let s = 0; s < w; s++) {
      const sp = spaceOf[s]!;
      const id = b.vectors[at + s]!;
      if (sp === RAW) out[s] = id;
      else {
        const mine = this.maps[sp]![id];
        if (mine === undefined || mine < 0) throw new Error(`a peer sent local-state id ${id} of space ${sp} without declaring it`);
        out[s] = mine;
      }
    }
  }
}
