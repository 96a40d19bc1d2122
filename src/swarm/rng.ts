import { mix32 } from './hash.js';

/**
 * A small deterministic random source (a 32-bit counter through mix32): one
 * seed gives one sequence on every machine, so a member's search order is
 * reproduced by its seed alone.
 */
export class Rng {
  private counter: number;

  constructor(seed: number) {
    this.counter = mix32(seed ^ 0x2545f491);
  }

  /** A whole number in [0, 2^32). */
  next(): number {
    this.counter = (this.counter + 0x9e3779b9) | 0;
    return mix32(this.counter);
  }

  /** A whole number in [0, n) for n up to 2^32. */
  below(n: number): number {
    return Math.floor((this.next() / 2 ** 32) * n);
  }
}
