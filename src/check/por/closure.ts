/** Bit sets over event classes. */
export type Bits = Uint32Array;

/** Whether class `i` is in `b`. */
export const has = (b: Bits, i: number): boolean => (b[i >>> 5]! & (1 << (i & 31))) !== 0;

/** Puts class `i` in `b`. */
export const set = (b: Bits, i: number): void => {
  b[i >>> 5]! |= 1 << (i & 31);
};

/** A bit set over `n` classes holding `members`. */
export function bitsOf(n: number, members: readonly number[]): Bits {
  const b = new Uint32Array((n + 31) >>> 5);
  for (const i of members) set(b, i);
  return b;
}

/** What the closure needs to know of the classes in one state. */
export interface ClosureInput {
  readonly classes: number;
  /** The classes with an enabled step in this state. */
  readonly enabled: Bits;
  /** The classes a step of class `u` depends on. */
  dependent(u: number): Bits;
  /** The classes that could enable class `u`, which is not enabled in this state. */
  enablers(u: number): Bits;
  readonly visible: readonly boolean[];
}

/**
 * The stubborn closure of `seed`: every class an enabled member depends on,
 * every class that could enable a member that is not enabled, to a fixpoint.
 * Null once it holds a visible enabled class or every enabled class.
 */
export function closure(x: ClosureInput, seed: number, enabledCount: number): Bits | null {
  const s = new Uint32Array(x.enabled.length);
  set(s, seed);
  const stack = [seed];
  let enabledIn = 1;
  if (enabledIn === enabledCount) return null;
  while (stack.length > 0) {
    const u = stack.pop()!;
    const add = has(x.enabled, u) ? x.dependent(u) : x.enablers(u);
    for (let i = 0; i < x.classes; i++) {
      if (!has(add, i) || has(s, i)) continue;
      set(s, i);
      stack.push(i);
      if (has(x.enabled, i) && (x.visible[i] || ++enabledIn === enabledCount)) return null;
    }
  }
  return s;
}

/**
 * The stubborn set with the fewest enabled classes, seeded by each invisible
 * enabled class in turn; null when only the whole enabled set will do.
 */
export function smallestStubbornSet(x: ClosureInput): Bits | null {
  let best: Bits | null = null;
  let bestSize = Number.POSITIVE_INFINITY;
  const enabled = Array.from({ length: x.classes }, (_, i) => i).filter((i) => has(x.enabled, i));
  for (const seed of enabled) {
    if (x.visible[seed]) continue;
    const s = closure(x, seed, enabled.length);
    if (s === null) continue;
    const size = enabled.filter((i) => has(s, i)).length;
    if (size < bestSize) {
      best = s;
      bestSize = size;
    }
  }
  return bestSize < enabled.length ? best : null;
}
