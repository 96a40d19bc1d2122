import { describe, expect, it } from 'vitest';
import { stateKey } from '../model/canonical.js';
import { FAULTS } from '../model/faults.js';
import { PRESETS } from '../topology/presets.js';
import { check } from '../check/check.js';
import { Bitstate } from './bitstate.js';
import { runMember, type MemberOptions } from './member.js';
import { omissionEstimate } from './omission.js';
import { memberPlan, parseSwarmArg, SwarmArgError } from './plan.js';

const claims = PRESETS['claims-1-9']!;
const base: MemberOptions = { topology: claims, mutant: null, faults: [...FAULTS], userChanges: 1, rounds: 1, properties: null, member: 0, members: 4, swarmSeed: 1 };

/** The first `n` states member K reaches, in the order it reaches them, as canonical keys. */
function firstStates(member: number, n: number, swarmSeed = 1): string[] {
  const keys: string[] = [];
  runMember({ ...base, member, swarmSeed, maxStates: n, onNewState: (s) => keys.push(stateKey(s)) });
  return keys;
}

describe('--swarm K/N', () => {
  it('takes member K of N, K from 0 as SLURM_ARRAY_TASK_ID counts', () => {
    expect(parseSwarmArg('0/4')).toEqual({ member: 0, members: 4 });
    expect(parseSwarmArg('3/4')).toEqual({ member: 3, members: 4 });
    expect(parseSwarmArg('0/1')).toEqual({ member: 0, members: 1 });
  });

  it.each(['5/4', '4/4', '0/0', '-1/4', '1/-4', 'a/4', '1', '1/4/5', ''])('refuses %j, naming the flag and how to write it', (bad) => {
    expect(() => parseSwarmArg(bad)).toThrow(SwarmArgError);
    expect(() => parseSwarmArg(bad)).toThrow(/--swarm .*0 <= K < N.*e\.g\. --swarm 3\/4/);
  });

  it('gives each member its own seed, and the first members the plain orders', () => {
    const plans = Array.from({ length: 8 }, (_, k) => memberPlan(k, 8, 1));
    expect(new Set(plans.map((p) => p.seed)).size).toBe(8);
    expect(plans.map((p) => `${p.strategy}/${p.successors}`)).toEqual(['dfs/forward', 'dfs/reverse', 'bfs/forward', 'dfs/shuffle', 'bfs/shuffle', 'dfs/shuffle', 'bfs/shuffle', 'dfs/shuffle']);
    expect(memberPlan(3, 8, 2).seed).not.toBe(memberPlan(3, 8, 1).seed);
    expect(memberPlan(3, 8, 1)).toEqual(memberPlan(3, 8, 1));
  });
});

describe('a swarm member', () => {
  it('explores in its own order: the first states of the members differ, and one member repeats itself', () => {
    const n = 300;
    const runs = [0, 1, 2, 3, 4].map((k) => firstStates(k, n));
    for (const r of runs) expect(r).toHaveLength(n);
    for (let a = 0; a < runs.length; a++) for (let b = a + 1; b < runs.length; b++) expect(runs[a], `members ${a} and ${b}`).not.toEqual(runs[b]);
    // Depth-first and breadth-first reach different sets, not only different orders.
    const sets = runs.map((r) => new Set(r));
    expect([...sets[0]!].filter((k) => !sets[2]!.has(k)).length).toBeGreaterThan(n / 4);
    expect(firstStates(3, n)).toEqual(runs[3]);
    expect(firstStates(3, n, 2)).not.toEqual(runs[3]);
  });

  it('on a space it can finish, reaches every state the exhaustive check stores, in every order', () => {
    const exhaustive = check({ topology: claims, mutant: null, faults: [], liveness: false }).states;
    for (let k = 0; k < 5; k++) {
      const r = runMember({ ...base, faults: [], member: k, members: 5 });
      expect(r.states, `member ${k}`).toBe(exhaustive);
      expect(r.cutBy).toBeNull();
      expect(r.counterexample).toBeNull();
    }
  });

  it('stops at --max-states, --max-seconds and --max-memory, and says which', () => {
    expect(runMember({ ...base, member: 2, maxStates: 500 })).toMatchObject({ states: 500, cutBy: 'max-states', counterexample: null });
    expect(runMember({ ...base, member: 0, maxSeconds: 0 })).toMatchObject({ cutBy: 'max-seconds', counterexample: null });
    const memory = runMember({ ...base, member: 1, maxMemoryMB: 1, bitstateBits: 16 });
    expect(memory).toMatchObject({ cutBy: 'max-memory', counterexample: null });
    expect(memory.cutReason).toMatch(/resident memory passed 1 MB/);
  });

  it('finds a mutant\'s violation in every order, and its events replay to the same property', () => {
    for (let k = 0; k < 4; k++) {
      const r = runMember({ ...base, faults: [], mutant: 'MUT-PARALLEL-UPGRADE', member: k });
      expect(r.counterexample, `member ${k}`).not.toBeNull();
      expect(['INV-ONE-DOWN', 'INV-NO-LOSS']).toContain(r.counterexample!.property);
      expect(r.counterexample!.trace).toContain(`violated ${r.counterexample!.property}`);
    }
    // Breadth-first finds a shortest run, as the exhaustive check does.
    const bfs = runMember({ ...base, faults: [], mutant: 'MUT-PARALLEL-UPGRADE', member: 2 });
    const exhaustive = check({ topology: claims, mutant: 'MUT-PARALLEL-UPGRADE', faults: [], liveness: false });
    expect(bfs.counterexample!.events).toHaveLength(exhaustive.counterexample!.events.length);
  });
});

describe('the bit array and its omission estimate', () => {
  it('takes a state as new once, then as visited', () => {
    const b = new Bitstate(16, 3, 7);
    const v = Uint32Array.from([1, 2, 3]);
    expect(b.testAndSet(v)).toBe(false);
    expect(b.testAndSet(v)).toBe(true);
    expect(b.testAndSet(Uint32Array.from([1, 2, 4]))).toBe(false);
    expect(b.bitsSet()).toBeGreaterThan(3);
    expect(b.bitsSet()).toBeLessThanOrEqual(6);
    expect(() => new Bitstate(40, 3, 1)).toThrow(/bitstate bits/);
  });

  it('estimates more omissions for a smaller array, and matches the closed form for one hash function', () => {
    const small = runMember({ ...base, member: 0, maxStates: 5000, bitstateBits: 16 }).bitstate;
    const large = runMember({ ...base, member: 0, maxStates: 5000, bitstateBits: 27 }).bitstate;
    expect(small.hashFactor).toBeLessThan(large.hashFactor);
    expect(small.omissionProbability).toBeGreaterThan(large.omissionProbability);
    expect(small.expectedOmissions).toBeGreaterThan(large.expectedOmissions);
    expect(small.fill).toBeCloseTo(small.bitsSet / 2 ** 16, 12);
    // k = 1: the integral of 1 - e^(-x/m) from 0 to n is n - m (1 - e^(-n/m)).
    const n = 50_000;
    const m = 2 ** 16;
    expect(omissionEstimate(n, m, 1, 0).expectedOmissions).toBeCloseTo(n - m * (1 - Math.exp(-n / m)), 3);
    expect(omissionEstimate(0, m, 3, 0)).toMatchObject({ expectedOmissions: 0, omissionProbability: 0 });
  });
});
