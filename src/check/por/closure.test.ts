import { describe, expect, it } from 'vitest';
import { bitsOf, has, smallestStubbornSet, type ClosureInput } from './closure.js';

/** A toy of `n` classes: `deps[u]` the classes u depends on, `enablers[u]` those that could enable u. */
function toy(n: number, enabled: number[], deps: Record<number, number[]>, enablers: Record<number, number[]> = {}, visible: number[] = []): ClosureInput {
  return {
    classes: n,
    enabled: bitsOf(n, enabled),
    // Dependence is symmetric.
    dependent: (u) => bitsOf(n, [u, ...(deps[u] ?? []), ...Object.keys(deps).map(Number).filter((v) => deps[v]!.includes(u))]),
    enablers: (u) => bitsOf(n, enablers[u] ?? []),
    visible: Array.from({ length: n }, (_, i) => visible.includes(i)),
  };
}

const members = (n: number, b: Uint32Array | null): number[] | null => (b === null ? null : Array.from({ length: n }, (_, i) => i).filter((i) => has(b, i)));

describe('the stubborn-set closure', () => {
  it('explores one of several independent steps', () => {
    expect(members(3, smallestStubbornSet(toy(3, [0, 1, 2], {})))).toEqual([0]);
  });

  it('never seeds with a visible step, and keeps a step with what it depends on', () => {
    expect(members(3, smallestStubbornSet(toy(3, [0, 1, 2], {}, {}, [0])))).toEqual([1]);
    expect(members(3, smallestStubbornSet(toy(3, [0, 1, 2], { 0: [1] }, {}, [2])))).toEqual([0, 1]);
  });

  it('brings in what could enable a step it depends on that is not enabled yet', () => {
    // 0 depends on 3, which is not enabled and nothing can enable: 0 alone will do.
    expect(members(4, smallestStubbornSet(toy(4, [0, 1], { 0: [3] }, {}, [1])))).toEqual([0, 3]);
    // Once the visible 1 could enable 3, 0's set holds 1: no reduction.
    expect(smallestStubbornSet(toy(4, [0, 1], { 0: [3] }, { 3: [1] }, [1]))).toBeNull();
  });

  it('drops a set that reaches a visible enabled step, directly or through an enabler', () => {
    expect(smallestStubbornSet(toy(3, [0, 1], { 0: [1] }, {}, [1]))).toBeNull();
    expect(smallestStubbornSet(toy(4, [0, 1, 2], { 0: [3], 2: [0] }, { 3: [1] }, [1]))).toBeNull();
  });

  it('keeps every enabled step when they all depend on each other', () => {
    expect(smallestStubbornSet(toy(3, [0, 1, 2], { 0: [1], 1: [2], 2: [0] }))).toBeNull();
    expect(smallestStubbornSet(toy(2, [0], {}))).toBeNull();
  });
});
