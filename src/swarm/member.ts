import type { Cut } from '../check/bfs.js';
import { replayEvents } from '../check/replay.js';
import { TableMismatch } from '../engine/table/audit.js';
import { TableSystem } from '../engine/table/table-system.js';
import { historyFor } from '../engine/history.js';
import type { StateVector } from '../engine/layout.js';
import { createSystem } from '../engine/system.js';
import type { EnvEvent } from '../model/env-event.js';
import { designOf } from '../mutants.js';
import type { CheckedModel } from '../check/checked-model.js';
import type { SystemState } from '../model/state.js';
import { BITSTATE_BITS, BITSTATE_HASHES } from './bitstate.js';
import { omissionEstimate, type OmissionEstimate } from './omission.js';
import { memberPlan, type MemberPlan } from './plan.js';
import { swarmSearch } from './search.js';
import type { UnionSketch } from './union-sketch.js';

/** What one swarm member checks, and how (`hotup check --swarm K/N`). */
export interface MemberOptions extends CheckedModel {
  readonly member: number;
  readonly members: number;
  readonly swarmSeed: number;
  /** The bit array holds 2^bitstateBits bits (default BITSTATE_BITS.default). */
  readonly bitstateBits?: number;
  readonly maxStates?: number;
  readonly maxSeconds?: number;
  readonly maxMemoryMB?: number;
  /** The user's interrupt: true ends the member's search (cut 'interrupted'). */
  readonly stop?: () => boolean;
  /** Called with each state the member reaches first (tests compare the members' orders with it). */
  readonly onNewState?: (s: SystemState) => void;
}

/** A broken invariant a member reached, as events the plain system replays. */
export interface MemberCounterexample {
  readonly property: string;
  readonly message: string;
  readonly events: readonly EnvEvent[];
  /** The readable trace, as `hotup explore` and `replay-events` print it. */
  readonly trace: string;
}

/** The bit array of a member and what it estimates was missed. */
export interface BitstateFigures extends OmissionEstimate {
  /** The array holds 2^log2Bits bits. */
  readonly log2Bits: number;
  readonly bytes: number;
  readonly hashFunctions: number;
  readonly bitsSet: number;
}

/** What one member did: the swarm's model, its own plan, its figures, and a violation if it found one. */
export interface MemberResult extends CheckedModel {
  readonly plan: MemberPlan;
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly deadlocks: number;
  readonly seconds: number;
  readonly bitstate: BitstateFigures;
  /** The states it visited, sketched: members' sketches merge into an estimate of the distinct states the swarm covered. */
  readonly sketch: UnionSketch;
  /** The limit that stopped the member, or null: it found a violation, or ran out of states it took as new. */
  readonly cutBy: Cut | null;
  readonly cutReason: string | null;
  readonly counterexample: MemberCounterexample | null;
}

/**
 * Runs member K of N: a bitstate search in the member's order with its hash
 * functions, then replays a violation it found on the plain system (as
 * `hotup check` does), so the events written are the ones `replay-events`
 * reproduces.
 */
export function runMember(o: MemberOptions): MemberResult {
  const plan = memberPlan(o.member, o.members, o.swarmSeed);
  const system = createSystem(o.topology, designOf(o.mutant));
  const only = o.properties && o.properties.length ? new Set(o.properties) : null;
  const userChanges = o.faults.includes('FAULT-USER-CONFIG') ? o.userChanges : null;
  const ts = new TableSystem(system, o.faults, only, userChanges, o.rounds, historyFor(only));
  const log2Bits = o.bitstateBits ?? BITSTATE_BITS.default;
  const r = swarmSearch(ts, {
    strategy: plan.strategy,
    successors: plan.successors,
    seed: plan.seed,
    bitstateBits: log2Bits,
    hashes: BITSTATE_HASHES,
    ...(o.maxStates !== undefined ? { maxStates: o.maxStates } : {}),
    ...(o.maxSeconds !== undefined ? { maxSeconds: o.maxSeconds } : {}),
    ...(o.maxMemoryMB !== undefined ? { maxMemoryBytes: o.maxMemoryMB * 2 ** 20 } : {}),
    ...(o.stop ? { stop: o.stop } : {}),
    ...(o.onNewState ? { onNewState: (v: StateVector) => o.onNewState!(ts.materialise(v)) } : {}),
  });
  let counterexample: MemberCounterexample | null = null;
  if (r.violation) {
    const events = r.violation.events.map((e) => ts.envEvent(e));
    const replayed = replayEvents(system, o.faults, events, only);
    const id = ts.invariants[r.violation.invariant]!.inv.id;
    if (replayed.violation?.id !== id || replayed.steps.length !== events.length) {
      throw new TableMismatch(`swarm member ${plan.member}: the tables found ${id} after ${events.length} steps, the plain system ${replayed.violation?.id ?? 'nothing'} after ${replayed.steps.length}`);
    }
    counterexample = { property: id, message: replayed.violation.message, events, trace: replayed.trace };
  }
  const m = 2 ** log2Bits;
  const bitsSet = r.bitstate.bitsSet();
  return {
    topology: o.topology,
    mutant: o.mutant,
    faults: o.faults,
    userChanges,
    rounds: o.rounds,
    properties: only ? [...only] : null,
    plan,
    states: r.states,
    transitions: r.transitions,
    depth: r.depth,
    deadlocks: r.deadlocks,
    seconds: r.seconds,
    bitstate: { log2Bits, bytes: r.bitstate.bytes, hashFunctions: BITSTATE_HASHES, bitsSet, ...omissionEstimate(r.states, m, BITSTATE_HASHES, bitsSet) },
    sketch: r.sketch,
    cutBy: counterexample ? null : r.cut,
    cutReason: counterexample ? null : r.cutReason,
    counterexample,
  };
}
