import { mix32 } from './hash.js';

/** Depth-first (a stack: deep runs first) or breadth-first (a queue: short runs first). */
export type Strategy = 'dfs' | 'bfs';

/** The order in which a state's enabled events are tried: as enumerated, reversed, or shuffled by the member's seed. */
export type SuccessorOrder = 'forward' | 'reverse' | 'shuffle';

/** How one member searches: its place in the swarm, its seed (hash functions and shuffles) and its order. */
export interface MemberPlan {
  /** K of K/N, from 0 (as SLURM_ARRAY_TASK_ID and JOB_COMPLETION_INDEX count). */
  readonly member: number;
  /** N of K/N. */
  readonly members: number;
  /** The seed the whole swarm shares (--seed). */
  readonly swarmSeed: number;
  /** This member's own seed, from the swarm's seed and K. */
  readonly seed: number;
  readonly strategy: Strategy;
  readonly successors: SuccessorOrder;
}

/** The largest swarm --swarm accepts. */
export const MAX_MEMBERS = 100_000;

/** A --swarm value that is not K/N with 0 <= K < N: the message names the flag and the fix. */
export class SwarmArgError extends Error {}

/** Parses --swarm K/N: member K (from 0) of a swarm of N. */
export function parseSwarmArg(value: string): { member: number; members: number } {
  const m = /^([0-9]{1,6})\/([0-9]{1,6})$/.exec(value.trim());
  const fix = 'use K/N with 0 <= K < N, K counted from 0 as SLURM_ARRAY_TASK_ID is (e.g. --swarm 3/4)';
  if (!m) throw new SwarmArgError(`--swarm takes K/N, member K of a swarm of N; ${fix}`);
  const member = Number(m[1]);
  const members = Number(m[2]);
  if (members < 1 || members > MAX_MEMBERS) throw new SwarmArgError(`--swarm ${value}: N must be 1 to ${MAX_MEMBERS}; ${fix}`);
  if (member >= members) throw new SwarmArgError(`--swarm ${value}: K must be below N (members 0 to ${members - 1}); ${fix}`);
  return { member, members };
}

/**
 * The first members cover the plain orders (Holzmann's swarm keeps one
 * unrandomised search): depth-first forward, depth-first reversed,
 * breadth-first forward; every later one shuffles each state's successors by
 * its own seed, alternating depth-first and breadth-first.
 */
const FIXED: readonly { strategy: Strategy; successors: SuccessorOrder }[] = [
  { strategy: 'dfs', successors: 'forward' },
  { strategy: 'dfs', successors: 'reverse' },
  { strategy: 'bfs', successors: 'forward' },
];

/** Member K's plan: a seed of its own and its place in the orders above. */
export function memberPlan(member: number, members: number, swarmSeed: number): MemberPlan {
  const seed = mix32(mix32(swarmSeed) ^ mix32(member + 0x632be5ab));
  const fixed = FIXED[member];
  const order = fixed ?? { strategy: (member - FIXED.length) % 2 === 0 ? 'dfs' : 'bfs', successors: 'shuffle' };
  return { member, members, swarmSeed, seed, ...order };
}

/** The order in words, as reports print it. */
export function orderText(p: Pick<MemberPlan, 'strategy' | 'successors'>): string {
  const how = p.strategy === 'dfs' ? 'depth-first' : 'breadth-first';
  return `${how}, successors ${p.successors === 'forward' ? 'in order' : p.successors === 'reverse' ? 'reversed' : 'shuffled'}`;
}
