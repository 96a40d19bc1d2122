import { INVARIANTS, LIVENESS } from '../../properties/index.js';
import { CORRECT_DESIGN } from '../../machines/design.js';
import { Coverage, type MachineCoverage, type Visited } from '../explore/coverage.js';
import { coverageTap } from '../explore/coverage-tap.js';
import type { PropertyFilter } from '../engine/monitor.js';
import type { Violation } from '../../properties/property.js';
import type { ComponentKind } from '../../machines/messages.js';
import { designOf } from '../mutants.js';
import type { EnvEvent } from '../model/env-event.js';
import type { FaultId } from '../model/faults.js';
import { createSystem } from '../engine/system.js';
import type { Topology } from '../topology/topology.js';
import { auditState, TableMismatch } from '../engine/table/audit.js';
import { bfs, type BfsOptions, type BfsResult, type Cut, type Progress } from './bfs.js';
import { FairCycleSearchStopped, findFairCycle, type FairCycle } from './liveness.js';
import { pathTo } from './paths.js';
import { replayEvents } from './replay.js';
import { plainLasso } from './lasso.js';
import { TableSystem } from '../engine/table/table-system.js';
import { newVector, type StateVector } from '../engine/layout.js';
import { TreeStore } from './tree-store.js';
import { historyOf } from '../engine/history.js';
import { StubbornSets, TRIAL_STATES } from './por/stubborn-sets.js';
import type { StoreKind, VisitedStates } from './visited.js';

/** What `hotup check` runs. */
export interface CheckOptions {
  readonly topology: Topology;
  readonly mutant: string | null;
  readonly faults: readonly FaultId[];
  /** At most this many FAULT-USER-CONFIG steps per run; null or absent: unbounded. */
  readonly userChanges?: number | null;
  /** At most this many runs of the upgrade tool (rounds) in one boot; null: unbounded; absent: 1, one rolling upgrade. */
  readonly rounds?: number | null;
  /** Check only these property ids, INV-* or LIVE-* (all when absent or empty). */
  readonly properties?: readonly string[];
  /** Stop storing states at this many; the verdict is then "incomplete". */
  readonly maxStates?: number;
  /** Stop the search after this many seconds; the verdict is then "incomplete". */
  readonly maxSeconds?: number;
  /** Stop the search before the state store, or the process, passes this many MiB; the verdict is then "incomplete". */
  readonly maxMemoryMB?: number;
  /** How visited states are kept (default auto: whole vectors, tree-compressed past `compressAbove`). */
  readonly store?: StoreKind;
  /** For an auto store: the bytes of whole vectors kept before compressing (default AUTO_VECTOR_BYTES, 1 GiB; `hotup check` gives a share of the machine's memory, src/check/machine-memory.ts). */
  readonly compressAbove?: number;
  /** Search for fair cycles breaking LIVE-* once every state is known (default true). */
  readonly liveness?: boolean;
  /** Compare the tables with the plain system on the first states and now and then (default true). */
  readonly audit?: boolean;
  /** Count, per property, the reachable states in which its premise holds (a pass over every stored state; default false). */
  readonly vacuity?: boolean;
  /** List the machine states and transitions the complete search took, and those it did not (default false). */
  readonly coverage?: boolean;
  /** Partial-order reduction of the search for INV-* (default true; it stays off where it would not be sound or exact, see PorReport). */
  readonly por?: boolean;
  /** Keep every fault bit and every monitor in the state, as the twins do (default false: only the history the checked properties read, src/engine/history.ts). */
  readonly fullHistory?: boolean;
  readonly onProgress?: (p: Progress) => void;
  /** The user's interrupt, polled about once per 1,024 states: true ends the check as it stands (incomplete, cut 'interrupted'). */
  readonly stop?: () => boolean;
  /** Where the fair-cycle search stands, about once per 1,024 states. */
  readonly onLivenessProgress?: (p: LivenessProgress) => void;
}

/** Where the fair-cycle search stands: which LIVE-* (the `nth` of `of`), and the stored states searched from so far. */
export interface LivenessProgress {
  readonly property: string;
  readonly nth: number;
  readonly of: number;
  readonly states: number;
  readonly total: number;
  /** Seconds since the fair-cycle search began. */
  readonly seconds: number;
}

/** A shortest trace to a broken invariant, or a lasso (prefix, then a loop forever) breaking a LIVE-*. */
export interface CheckCounterexample {
  readonly violation: Violation;
  readonly events: readonly EnvEvent[];
  /** Index in `events` where the loop of a lasso begins; null for an invariant. */
  readonly loopStart: number | null;
  readonly trace: string;
}

/** pass: every property holds in every reachable state; incomplete: a limit (--max-states, --max-seconds, --max-memory) or the user's interrupt cut the search first. */
export type Verdict = 'pass' | 'violation' | 'incomplete';

/** What `hotup check` reports. */
export interface CheckResult {
  readonly topology: string;
  readonly mutant: string | null;
  readonly faults: readonly FaultId[];
  /** The bound on FAULT-USER-CONFIG steps per run (null: unbounded, or the fault is off). */
  readonly userChanges: number | null;
  /** The bound on the tool's rounds per boot (null: unbounded). */
  readonly rounds: number | null;
  readonly properties: readonly string[] | null;
  readonly verdict: Verdict;
  /** For an incomplete search: the limit that cut it, or 'interrupted'. */
  readonly cutBy: Cut | null;
  /** For a search cut by memory: what passed the limit; for one interrupted in the fair-cycle search: what was proven before. */
  readonly cutReason: string | null;
  /** The process's resident memory when the search ended. */
  readonly rssBytes: number;
  readonly states: number;
  readonly transitions: number;
  readonly diameter: number;
  readonly deadlocks: number;
  /** Seconds of the breadth-first search, then of the fair-cycle search. */
  readonly seconds: number;
  readonly livenessSeconds: number;
  readonly statesPerSecond: number;
  readonly bytesPerState: number;
  readonly storeBytes: number;
  readonly vectorSlots: number;
  /** How the visited states ended up kept (an auto store starts with whole vectors). */
  readonly store: 'tree' | 'vectors';
  /** Bytes per local-state id in the stored vectors: 2, or 4 once a machine passed 65,535 local states. */
  readonly idBytes: number;
  readonly localStates: Readonly<Record<ComponentKind, number>>;
  readonly cachedTransitions: number;
  readonly xstateCalls: number;
  /** Worker threads the breadth-first search ran on (1: in the calling thread). */
  readonly workers: number;
  /** Why the search ran on fewer workers than asked, if it did. */
  readonly workersNote: string | null;
  /** On several workers: the successors a worker reached and another owns, sent to their owner, and not sent again because the sender had sent them before (null on one worker). */
  readonly crossings: { readonly sent: number; readonly notResent: number } | null;
  /** LIVE-* ids searched for fair cycles (none when the search was cut or an invariant broke). */
  readonly livenessChecked: readonly string[];
  readonly counterexample: CheckCounterexample | null;
  /** With `vacuity`, on a complete search: per property id, the reachable states where its premise holds (0: not exercised). */
  readonly exercised: Readonly<Record<string, number>> | null;
  /** The partial-order reduction: on or off and why, and the steps it left out. */
  readonly por: PorReport;
  /** What the states kept of the fault bits and the monitors (src/engine/history.ts). */
  readonly history: { readonly on: boolean; readonly note: string };
  /** With `coverage`, on a complete search with no violation: per machine, what any reachable state takes; the rest is unreachable. */
  readonly coverage: { readonly summary: readonly MachineCoverage[]; readonly visited: Partial<Record<ComponentKind, Visited>> } | null;
}

/** What the partial-order reduction did in one search, or why it was off. */
export interface PorReport {
  readonly on: boolean;
  /** Why it was off, or what it reduced by. */
  readonly note: string;
  /** Steps enabled in the states expanded, and steps taken of them (equal when off). */
  readonly offered: number;
  readonly kept: number;
  /** States expanded in full because a reduced step led back into the stored states (the cycle proviso). */
  readonly fullExpansions: number;
  /** Classes of step visible to the checked invariants, of all classes. */
  readonly visibleClasses: number;
  readonly classes: number;
}

/** Why the reduction cannot be used for this search, or null when it can. */
function porOff(o: CheckOptions, ts: TableSystem): string | null {
  if (o.por === false) return 'off (--no-por)';
  if (o.liveness !== false && ts.liveness.length > 0) return 'off: LIVE-* are checked, and the reduction preserves invariants only (add --no-liveness, or name INV-* in --property)';
  if (o.coverage) return 'off: --coverage counts every transition of the full graph';
  if (o.vacuity) return 'off: --vacuity counts every reachable state';
  return null;
}

/** What a check's result names of the model it checked: the topology's name, the design, the faults, the bounds as resolved, and the properties (null: all). */
export const resultModel = (o: CheckOptions, userChanges: number | null, rounds: number | null): Pick<CheckResult, 'topology' | 'mutant' | 'faults' | 'userChanges' | 'rounds' | 'properties'> => ({
  topology: o.topology.name,
  mutant: o.mutant,
  faults: o.faults,
  userChanges,
  rounds,
  properties: o.properties && o.properties.length ? o.properties : null,
});

/** Exhaustive breadth-first model checking of one topology under one design. */
export function check(o: CheckOptions): CheckResult {
  const system = createSystem(o.topology, designOf(o.mutant));
  const only: PropertyFilter = o.properties && o.properties.length ? new Set(o.properties) : null;
  const userChanges = o.faults.includes('FAULT-USER-CONFIG') ? (o.userChanges ?? null) : null;
  const rounds = o.rounds === undefined ? 1 : o.rounds;
  const history = historyOf(o, only);
  const ts = new TableSystem(system, o.faults, only, userChanges, rounds, history);
  const base: BfsOptions = {
    ...(o.maxStates !== undefined ? { maxStates: o.maxStates } : {}),
    ...(o.maxSeconds !== undefined ? { maxSeconds: o.maxSeconds } : {}),
    ...(o.maxMemoryMB !== undefined ? { maxMemoryBytes: o.maxMemoryMB * 2 ** 20 } : {}),
    ...(o.store ? { store: o.store } : {}),
    ...(o.compressAbove !== undefined ? { compressAbove: o.compressAbove } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    ...(o.stop ? { stop: o.stop } : {}),
    ...(o.audit === false ? {} : { audit: (_: number, v: StateVector) => auditState(ts, v, only) }),
  };
  const off = porOff(o, ts);
  const reduction = off === null ? new StubbornSets(ts) : null;
  const reducing = reduction !== null && !reduction.inert;
  if (reducing) ts.observeDeliveries(reduction.onDeliver);
  let r: BfsResult;
  try {
    r = bfs(ts, reducing ? { ...base, reduction } : base);
  } finally {
    if (reducing) ts.observeDeliveries(null);
  }
  const por = porReport(off, reduction, r);
  let counterexample: CheckCounterexample | null = null;
  if (r.violation) counterexample = invariantCounterexample(ts, only, [...pathTo(ts, r.store, r.violation.from), r.violation.env], r.violation.invariant);
  const live = !counterexample && r.complete && o.liveness !== false ? livenessPass(ts, r.store, only, o.stop ?? null, o.onLivenessProgress ?? null) : NO_LIVENESS_PASS;
  counterexample ??= live.counterexample;
  const livenessChecked = live.checked;
  const livenessSeconds = live.seconds;
  const cut = livenessCut(live, r.store.size, ts.invariants.length) ?? { cutBy: r.cut, cutReason: r.cutReason };
  const complete = r.complete && cut.cutBy === null;
  const exercised = o.vacuity && complete && !counterexample ? exercisedStates(ts, r.store) : null;
  const coverage = o.coverage && complete && !counterexample ? searchCoverage(ts, o) : null;
  return {
    ...resultModel(o, userChanges, rounds),
    verdict: counterexample ? 'violation' : complete ? 'pass' : 'incomplete',
    cutBy: counterexample ? null : cut.cutBy,
    cutReason: counterexample ? null : cut.cutReason,
    rssBytes: typeof process === 'undefined' || typeof process.memoryUsage?.rss !== 'function' ? 0 : process.memoryUsage.rss(),
    states: r.store.size,
    transitions: r.transitions,
    diameter: r.diameter,
    deadlocks: r.deadlocks,
    seconds: r.seconds,
    livenessSeconds,
    statesPerSecond: r.store.size / Math.max(r.seconds, 1e-9),
    bytesPerState: r.store.bytesPerState(),
    storeBytes: r.store.bytesAllocated(),
    vectorSlots: ts.width,
    store: r.store instanceof TreeStore ? 'tree' : 'vectors',
    idBytes: r.store.idBytes,
    localStates: ts.localStates(),
    cachedTransitions: ts.transitions.cachedTransitions(),
    xstateCalls: ts.transitions.xstateCalls,
    workers: 1,
    workersNote: null,
    crossings: null,
    livenessChecked,
    counterexample,
    exercised,
    coverage,
    por,
    history: { on: history.on, note: history.note },
  };
}

function porReport(off: string | null, red: StubbornSets | null, r: BfsResult): PorReport {
  const base = { offered: r.transitions, kept: r.transitions, fullExpansions: r.fullExpansions, visibleClasses: red?.visibleClasses ?? 0, classes: red?.classes.length ?? 0 };
  if (off !== null || red === null) return { on: false, note: off ?? 'off', ...base };
  if (red.inert) return { on: false, note: `off: every one of the ${red.classes.length} classes of step touches what the checked invariants observe, so none can be explored in one order only (check fewer with --property)`, ...base };
  const pct = red.offered === 0 ? 0 : (100 * (red.offered - red.kept)) / red.offered;
  const visible = `${red.visibleClasses} of ${red.classes.length} classes of step visible to the checked invariants`;
  if (red.retired) return { on: false, note: `tried and stopped: no stubborn set smaller than the enabled steps in the first ${TRIAL_STATES.toLocaleString('en-US')} states (${visible}; every invisible step depends, directly or through what could enable it, on a visible one: docs/partial-order.md)`, ...base };
  return { on: true, note: `on (stubborn sets): ${pct.toFixed(1)}% of enabled steps not taken; ${visible}`, ...base, offered: red.offered, kept: red.kept };
}

/** What the fair-cycle search found, or why it ended early. */
export interface LivenessPass {
  /** LIVE-* ids searched to the end (up to the first broken one). */
  readonly checked: string[];
  readonly counterexample: CheckCounterexample | null;
  readonly seconds: number;
  /** The LIVE-* id whose search the user's interrupt stopped, if it did. */
  readonly stoppedIn: string | null;
}

/** No fair-cycle search: the search was cut, an invariant broke, or LIVE-* were not asked for. */
export const NO_LIVENESS_PASS: LivenessPass = { checked: [], counterexample: null, seconds: 0, stoppedIn: null };

/** The cut of a check whose fair-cycle search the user interrupted: the `invariants` INV-* checked were proven over all `states`, the LIVE-* not. */
export function livenessCut(live: LivenessPass, states: number, invariants: number): { cutBy: Cut; cutReason: string } | null {
  if (live.stoppedIn === null) return null;
  const all = `all ${states.toLocaleString('en-US')} reachable states`;
  const proven = invariants > 0 ? `the ${invariants} INV-* checked held in ${all}` : `${all} were stored`;
  const done = live.checked.length ? `; no fair cycle breaks ${live.checked.join(', ')}` : '';
  return { cutBy: 'interrupted', cutReason: `in the fair-cycle search for ${live.stoppedIn}, after ${proven}${done}` };
}

/**
 * The fair-cycle search for every LIVE-* the table system checks, over a
 * complete store of the reachable states in breadth-first order: the ids
 * searched (up to the first broken one), the lasso breaking it, replayed
 * through the plain system, and the seconds it took. `stop` true ends it
 * early; `onProgress` hears where it stands.
 */
export function livenessPass(ts: TableSystem, store: VisitedStates, only: PropertyFilter, stop: (() => boolean) | null = null, onProgress: ((p: LivenessProgress) => void) | null = null): LivenessPass {
  const t0 = performance.now();
  const checked: string[] = [];
  let counterexample: CheckCounterexample | null = null;
  for (let j = 0; j < ts.liveness.length && !counterexample; j++) {
    const property = ts.liveness[j]!.live.id;
    const heard = onProgress && ((done: number) => onProgress({ property, nth: j + 1, of: ts.liveness.length, states: done, total: store.size, seconds: (performance.now() - t0) / 1000 }));
    let cycle: FairCycle | null;
    try {
      cycle = findFairCycle(ts, store, j, stop, heard);
    } catch (e) {
      if (!(e instanceof FairCycleSearchStopped)) throw e;
      return { checked, counterexample: null, seconds: (performance.now() - t0) / 1000, stoppedIn: property };
    }
    checked.push(property);
    if (!cycle) continue;
    const prefix = pathTo(ts, store, cycle.entry).map((e) => ts.envEvent(e));
    const { events, loopStart } = plainLasso(ts.system, ts.faults, only, prefix, cycle.loop.map((e) => ts.envEvent(e)));
    const replayed = replayEvents(ts.system, ts.faults, events, only, { start: loopStart, property });
    counterexample = { violation: replayed.violation!, events, loopStart, trace: replayed.trace };
  }
  return { checked, counterexample, seconds: (performance.now() - t0) / 1000, stoppedIn: null };
}

/**
 * The counterexample of invariant `invariant` (index into the table system's)
 * that the environment events `envs` (ids) break from the initial state,
 * replayed through the plain system, which must break it at the last event too.
 */
export function invariantCounterexample(ts: TableSystem, only: PropertyFilter, envs: readonly number[], invariant: number): CheckCounterexample {
  const events = envs.map((e) => ts.envEvent(e));
  const replayed = replayEvents(ts.system, ts.faults, events, only);
  const id = ts.invariants[invariant]!.inv.id;
  if (replayed.violation?.id !== id || replayed.steps.length !== events.length) {
    throw new TableMismatch(`the tables found ${id} after ${events.length} steps, the plain system ${replayed.violation?.id ?? 'nothing'} after ${replayed.steps.length}`);
  }
  return { violation: replayed.violation, events, loopStart: null, trace: replayed.trace };
}

/**
 * The machine states and transitions of every delivery the complete search
 * made (the table caches each once), and of boot: what no reachable state
 * takes is unreachable under these faults.
 */
function searchCoverage(ts: TableSystem, o: CheckOptions): CheckResult['coverage'] {
  const cov = new Coverage();
  createSystem(o.topology, CORRECT_DESIGN, cov.record).initial();
  const record = coverageTap(cov, ts, ts.system.components);
  ts.transitions.eachDelivered(record);
  return { summary: cov.summary(ts.system.components), visited: cov.visited() };
}

/** Per property id, the stored states in which its premise holds (properties/property.ts, `applies`). */
export function exercisedStates(ts: TableSystem, store: VisitedStates): Record<string, number> {
  const props = [...INVARIANTS, ...LIVENESS];
  const counts = props.map(() => 0);
  const v = newVector(ts.width);
  for (let i = 0; i < store.size; i++) {
    store.read(i, v);
    const s = ts.materialise(v);
    for (let j = 0; j < props.length; j++) if (props[j]!.applies(ts.system.topology, s)) counts[j]!++;
  }
  return Object.fromEntries(props.map((p, j) => [p.id, counts[j]!]));
}

