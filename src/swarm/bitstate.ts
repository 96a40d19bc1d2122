import type { LocalIds } from '../engine/layout.js';
import { hashVector, mix32 } from './hash.js';

/** The bit-array sizes a member may take: 2^16 bits (8 KiB) to 2^32 bits (512 MiB), SPIN's -w. */
export const BITSTATE_BITS = { min: 16, max: 32, default: 27 } as const;

/** Hash functions per state (SPIN's default -k3). */
export const BITSTATE_HASHES = 3;

/**
 * Holzmann's bitstate (supertrace) store: a state is k bits of one array, at
 * k indices from two seeded hashes (h1 + i*h2, double hashing). A state whose
 * bits are all set already is taken as visited; it may never have been, which
 * is how a bitstate search omits states (never the other way round: a state
 * taken as new is new).
 */
export class Bitstate {
  readonly words: Uint32Array;
  private readonly mask: number;
  private readonly seedA: number;
  private readonly seedB: number;

  constructor(
    /** The array holds 2^bits bits. */
    readonly bits: number,
    readonly hashes: number,
    seed: number,
  ) {
    if (!(Number.isInteger(bits) && bits >= BITSTATE_BITS.min && bits <= BITSTATE_BITS.max)) throw new RangeError(`bitstate bits must be ${BITSTATE_BITS.min} to ${BITSTATE_BITS.max}, got ${bits}`);
    this.words = new Uint32Array(2 ** (bits - 5));
    this.mask = bits === 32 ? 0xffffffff : 2 ** bits - 1;
    this.seedA = mix32(seed ^ 0x68e31da4);
    this.seedB = mix32(seed ^ 0x1b56c4e9);
  }

  /** Bytes of the bit array. */
  get bytes(): number {
    return this.words.byteLength;
  }

  /** Sets the state's bits; true when all of them were set already (taken as visited). */
  testAndSet(v: LocalIds): boolean {
    const h1 = hashVector(v, this.seedA);
    const h2 = hashVector(v, this.seedB) | 1;
    let seen = true;
    for (let i = 0; i < this.hashes; i++) {
      const at = ((h1 + Math.imul(i, h2)) & this.mask) >>> 0;
      const word = at >>> 5;
      const bit = 1 << (at & 31);
      const w = this.words[word]!;
      if ((w & bit) === 0) {
        seen = false;
        this.words[word] = w | bit;
      }
    }
    return seen;
  }

  /** Bits set, counted over the whole array. */
  bitsSet(): number {
    let n = 0;
    const ws = this.words;
    for (let i = 0; i < ws.length; i++) {
      let x = ws[i]!;
      x -= (x >>> 1) & 0x55555555;
      x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
      n += (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
    }
    return n;
  }
}
