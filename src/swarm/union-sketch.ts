/** Registers of the sketch: 2^14, so an estimate is within about 0.8 % (one standard error). */
export const SKETCH_PRECISION = 14;

/** One standard error of an estimate, relative: 1.04 / sqrt(registers) (Flajolet et al., 2007). */
export const SKETCH_ERROR = 1.04 / Math.sqrt(2 ** SKETCH_PRECISION);

/** The sketch's name in member files. */
export const SKETCH_KIND = 'hyperloglog' as const;

/** The largest register a 32-bit hash can set: its bits after the index all zero. */
export const SKETCH_MAX_RANK = 32 - SKETCH_PRECISION + 1;

/**
 * A HyperLogLog sketch of the distinct states a swarm member visited. Each
 * state sets one register to the longest run of leading zero bits its hash
 * showed; the registers of several members merge by taking the largest of
 * each, which is the sketch of their union. So `hotup swarm merge` can
 * estimate the distinct states the whole swarm covered, which the members'
 * own counts only bound (they overlap).
 */
export class UnionSketch {
  readonly registers: Uint8Array;

  constructor(registers?: Uint8Array) {
    this.registers = registers ?? new Uint8Array(2 ** SKETCH_PRECISION);
    if (this.registers.length !== 2 ** SKETCH_PRECISION) throw new RangeError(`a union sketch has ${2 ** SKETCH_PRECISION} registers, got ${this.registers.length}`);
  }

  /**
   * Counts a state by its canonical hash (LocalKeys.stateHash, the same in
   * every member, unlike local ids or the bitstate's seeded hashes); a state
   * counted twice counts once.
   */
  add(hash: number): void {
    const index = hash >>> (32 - SKETCH_PRECISION);
    const rest = hash << SKETCH_PRECISION;
    const rank = rest === 0 ? SKETCH_MAX_RANK : Math.clz32(rest) + 1;
    if (rank > this.registers[index]!) this.registers[index] = rank;
  }

  /** Takes in another sketch: this one then stands for the union of both sets. */
  merge(other: UnionSketch): void {
    const r = this.registers;
    const o = other.registers;
    for (let j = 0; j < r.length; j++) if (o[j]! > r[j]!) r[j] = o[j]!;
  }

  /** The estimated number of distinct states counted (linear counting while registers are still empty, as HyperLogLog prescribes). */
  estimate(): number {
    const r = this.registers;
    const m = r.length;
    let sum = 0;
    let zeros = 0;
    for (let j = 0; j < m; j++) {
      sum += 2 ** -r[j]!;
      if (r[j] === 0) zeros++;
    }
    const raw = ((0.7213 / (1 + 1.079 / m)) * m * m) / sum;
    return raw <= 2.5 * m && zeros > 0 ? m * Math.log(m / zeros) : raw;
  }

  /** The registers as base64, for a member file. */
  toBase64(): string {
    return Buffer.from(this.registers).toString('base64');
  }

  /** A sketch from a member file's base64, or null when it is not one (wrong length or a register past any hash's run). */
  static fromBase64(text: string): UnionSketch | null {
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length !== 2 ** SKETCH_PRECISION || bytes.toString('base64') !== text) return null;
    for (const b of bytes) if (b > SKETCH_MAX_RANK) return null;
    return new UnionSketch(new Uint8Array(bytes));
  }
}
