import { check } from '../src/check/check.js';
import { FAULTS } from '../src/model/faults.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memberFileText, memberRecord } from '../src/swarm/member-file.js';
import { coveredStates, memberFileName, mergeSwarm, type SwarmReport } from '../src/swarm/merge.js';
import { runMember, type MemberOptions, type MemberResult } from '../src/swarm/member.js';
import { parseTopology } from '../src/topology/parse.js';
import { orderText } from '../src/swarm/plan.js';
import { PRESETS } from '../src/topology/presets.js';

/** A member searched to its end: the states it reached against every reachable state, and what it estimated it missed. */
export interface OmissionRow {
  readonly log2Bits: number;
  readonly states: number;
  /** Reachable states the member never reached: exact, from the exhaustive count (the correct design breaks nothing, so the member runs to its end). */
  readonly missed: number;
  readonly expectedOmissions: number;
  readonly hashFactor: number;
  readonly seconds: number;
}

/** One member of the timed swarm. */
export interface SwarmBenchMember {
  readonly member: number;
  readonly order: string;
  readonly states: number;
  readonly seconds: number;
  readonly statesPerSecond: number;
  readonly cutBy: string | null;
}

/** The swarm benchmark: the exhaustive check, member 0 to its end at three array sizes, and a swarm of four under a time budget. */
export interface SwarmBench {
  readonly topology: string;
  readonly faults: string;
  readonly exhaustive: { readonly states: number; readonly seconds: number; readonly storeBytes: number };
  readonly omissions: readonly OmissionRow[];
  readonly budgetSeconds: number;
  readonly swarm: readonly SwarmBenchMember[];
  /** The bounds on the distinct states the four covered, and the estimate from the union of their sketches. */
  readonly covered: SwarmReport['states'];
  /** A space no exhaustive search here finishes: c4-n6 searched exhaustively and by a swarm of two for the same seconds each. */
  readonly large: LargeSwarm;
}

/** c4-n6 under every fault: how far the exhaustive search gets in a time budget, and what a merged swarm of two covers in the same budget each. */
export interface LargeSwarm {
  readonly topology: string;
  readonly faults: string;
  readonly budgetSeconds: number;
  readonly exhaustive: { readonly verdict: string; readonly states: number; readonly seconds: number };
  readonly members: readonly SwarmBenchMember[];
  readonly merged: { readonly verdict: string; readonly largestMember: number; readonly upperBound: number; readonly estimate: number | null; readonly violations: number };
}

/** Four children, six netdevs bound round-robin: the largest series topology. */
const C4_N6 = parseTopology({ name: 'c4-n6', children: 4, binding: { N1: 'C1', N2: 'C2', N3: 'C3', N4: 'C4', N5: 'C1', N6: 'C2' } });

/** Runs the exhaustive search and a swarm of two on c4-n6, each for `budgetSeconds`, and merges the swarm's member files as `hotup swarm merge` does. */
export function benchLargeSwarm(budgetSeconds: number, log: (line: string) => void): LargeSwarm {
  const ex = check({ topology: C4_N6, mutant: null, faults: [...FAULTS], userChanges: 1, liveness: false, audit: false, maxSeconds: budgetSeconds });
  log(`c4-n6 exhaustive: ${ex.verdict}, ${ex.states} states in ${ex.seconds.toFixed(1)} s`);
  const dir = mkdtempSync(join(tmpdir(), 'hotup-bench-swarm-'));
  try {
    const members = [0, 1].map((member) => {
      const r = runMember({ topology: C4_N6, mutant: null, faults: [...FAULTS], userChanges: 1, rounds: 1, properties: null, members: 2, swarmSeed: 1, member, maxSeconds: budgetSeconds });
      writeFileSync(join(dir, memberFileName(member, 2)), memberFileText(memberRecord(r, null)));
      log(`c4-n6 member ${member}: ${r.states} states in ${r.seconds.toFixed(1)} s`);
      return { member, order: orderText(r.plan), states: r.states, seconds: r.seconds, statesPerSecond: r.states / r.seconds, cutBy: r.cutBy };
    });
    const m = mergeSwarm([dir]);
    return {
      topology: C4_N6.name,
      faults: 'all, 1 user change per run',
      budgetSeconds,
      exhaustive: { verdict: ex.verdict, states: ex.states, seconds: ex.seconds },
      members,
      merged: { verdict: m.verdict, largestMember: m.states.largestMember, upperBound: m.states.upperBound, estimate: m.states.estimate, violations: m.violations.length },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ARRAYS = [20, 24, 27] as const;

/** Runs the benchmark on claims-1-9 with every fault (1 user change per run), the largest space the exhaustive check finishes in about a minute. */
export function benchSwarm(budgetSeconds: number, log: (line: string) => void, largeBudgetSeconds = 60): SwarmBench {
  const topology = PRESETS['claims-1-9']!;
  const base: Omit<MemberOptions, 'member'> = { topology, mutant: null, faults: [...FAULTS], userChanges: 1, rounds: 1, properties: null, members: 4, swarmSeed: 1 };
  const ex = check({ topology, mutant: null, faults: [...FAULTS], userChanges: 1, liveness: false, audit: false });
  log(`exhaustive: ${ex.states} states, ${ex.seconds.toFixed(1)} s`);
  const omissions = ARRAYS.map((log2Bits) => {
    const r = runMember({ ...base, member: 0, bitstateBits: log2Bits });
    log(`member 0, 2^${log2Bits} bits: ${r.states} states, ${r.seconds.toFixed(1)} s`);
    return { log2Bits, states: r.states, missed: ex.states - r.states, expectedOmissions: r.bitstate.expectedOmissions, hashFactor: r.bitstate.hashFactor, seconds: r.seconds };
  });
  const members: MemberResult[] = [0, 1, 2, 3].map((member) => runMember({ ...base, member, maxSeconds: budgetSeconds }));
  const swarm = members.map((r) => ({ member: r.plan.member, order: orderText(r.plan), states: r.states, seconds: r.seconds, statesPerSecond: r.states / r.seconds, cutBy: r.cutBy }));
  return {
    topology: topology.name,
    faults: 'all, 1 user change per run',
    exhaustive: { states: ex.states, seconds: ex.seconds, storeBytes: ex.storeBytes },
    omissions,
    budgetSeconds,
    swarm,
    covered: coveredStates(members),
    large: benchLargeSwarm(largeBudgetSeconds, log),
  };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** The benchmark as text tables. */
export function swarmTables(b: SwarmBench): string {
  const out = [
    `${b.topology}, faults ${b.faults}: the exhaustive check stores ${fmt(b.exhaustive.states)} states in ${b.exhaustive.seconds.toFixed(1)} s (store ${fmt(b.exhaustive.storeBytes / 2 ** 20)} MiB)`,
    '',
    'member 0 (depth-first) run to its end, 3 hash functions:',
    'bits   hash factor     states reached   missed (exact)   expected omissions (estimate)   seconds',
    ...b.omissions.map((r) => `2^${r.log2Bits}  ${r.hashFactor.toFixed(1).padStart(11)}  ${fmt(r.states).padStart(17)}  ${fmt(r.missed).padStart(15)}  ${r.expectedOmissions.toPrecision(3).padStart(30)}  ${r.seconds.toFixed(1).padStart(8)}`),
    '',
    `a swarm of 4, 2^27 bits each, --max-seconds ${b.budgetSeconds} each (one after another on one core):`,
    'member  order                                        states      states/s   ended',
    ...b.swarm.map((m) => `${String(m.member).padStart(6)}  ${m.order.padEnd(43)}  ${fmt(m.states).padStart(10)}  ${fmt(m.statesPerSecond).padStart(10)}   ${m.cutBy ? `cut by --${m.cutBy}` : 'no new state left'}`),
    `covered: at least ${fmt(b.covered.largestMember)}, at most ${fmt(b.covered.upperBound)} distinct states (upper bound: the sum); about ${fmt(b.covered.estimate!)} by the union of the members' sketches (standard error ${(100 * b.covered.estimateError).toFixed(1)} %), against the ${fmt(b.exhaustive.states)} reachable`,
    '',
    `${b.large.topology}, faults ${b.large.faults}, ${b.large.budgetSeconds} s each:`,
    `  exhaustive check: ${b.large.exhaustive.verdict.toUpperCase()}, ${fmt(b.large.exhaustive.states)} states stored in ${b.large.exhaustive.seconds.toFixed(1)} s`,
    ...b.large.members.map((m) => `  swarm member ${m.member} of 2 (${m.order}): ${fmt(m.states)} states, ${fmt(m.statesPerSecond)} states/s, ${m.cutBy ? `cut by --${m.cutBy}` : 'no new state left'}`),
    `  hotup swarm merge: ${b.large.merged.verdict.toUpperCase()}, ${b.large.merged.violations} violations, covered at least ${fmt(b.large.merged.largestMember)}, at most ${fmt(b.large.merged.upperBound)} distinct states${b.large.merged.estimate === null ? '' : `, about ${fmt(b.large.merged.estimate)} by the union of the members' sketches${b.large.merged.estimate === b.large.merged.upperBound ? ' (at the upper bound: the two hardly overlap)' : ''}`}`,
  ];
  return out.join('\n');
}
