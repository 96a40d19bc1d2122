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
import { findFairCycle } from './liveness.js';
import { pathTo } from './paths.js';
import { replayEvents } from './replay.js';
import { Symmetry, SymmetryBroken, topologySymmetries } from './symmetry.js';
import { TableSystem } from '../engine/table/table-system.js';
import type { StateVector } from '../engine/layout.js';
import { TreeStore } from './tree-store.js';
import type { StoreKind } from './visited.js';

/** What `hotup check` runs. */
export interface CheckOptions {
  readonly topology: Topology;
  readonly mutant: string | null;
  readonly faults: readonly FaultId[];
  /** At most this many FAULT-USER-CONFIG steps per run; null or absent: unbounded. */
  readonly userChanges?: number | null;
  /** Check only these property ids, INV-* or LIVE-* (all when absent or empty). */
  readonly properties?: readonly string[];
  /** Stop storing states at this many; the verdict is then "incomplete". */
  readonly maxStates?: number;
  /** Stop the search after this many seconds; the verdict is then "incomplete". */
  readonly maxSeconds?: number;
  /** Stop the search before the state store, or the process, passes this many MiB; the verdict is then "incomplete". */
  readonly maxMemoryMB?: number;
  /** How visited states are kept (default auto: whole vectors, tree-compressed past 1 GiB). */
  readonly store?: StoreKind;
  /** Search for fair cycles breaking LIVE-* once every state is known (default true). */
  readonly liveness?: boolean;
  /** Compare the tables with the plain system on the first states and now and then (default true). */
  readonly audit?: boolean;
  /** Merge states equal up to a permutation of interchangeable children or netdevs, where that is a symmetry of the model. */
  readonly symmetry?: boolean;
  readonly onProgress?: (p: Progress) => void;
}

/** A shortest trace to a broken invariant, or a lasso (prefix, then a loop forever) breaking a LIVE-*. */
export interface CheckCounterexample {
  readonly violation: Violation;
  readonly events: readonly EnvEvent[];
  /** Index in `events` where the loop of a lasso begins; null for an invariant. */
  readonly loopStart: number | null;
  readonly trace: string;
}

/** pass: every property holds in every reachable state; incomplete: a limit (--max-states, --max-seconds, --max-memory) cut the search first. */
export type Verdict = 'pass' | 'violation' | 'incomplete';

/** What `hotup check` reports. */
export interface CheckResult {
  readonly topology: string;
  readonly mutant: string | null;
  readonly faults: readonly FaultId[];
  /** The bound on FAULT-USER-CONFIG steps per run (null: unbounded, or the fault is off). */
  readonly userChanges: number | null;
  readonly properties: readonly string[] | null;
  readonly verdict: Verdict;
  /** For an incomplete search: the limit that cut it. */
  readonly cutBy: Cut | null;
  /** For a search cut by memory: what passed the limit. */
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
  /** LIVE-* ids searched for fair cycles (none when the search was cut or an invariant broke). */
  readonly livenessChecked: readonly string[];
  readonly counterexample: CheckCounterexample | null;
  /** With --symmetry: the permutations used, those rejected and why, and states saved. */
  readonly symmetry: SymmetryReport | null;
}

/** What symmetry reduction did. */
export interface SymmetryReport {
  readonly used: readonly string[];
  readonly rejected: readonly string[];
  /** Reachable states over stored states (1 when nothing was reduced). */
  readonly factor: number;
}

/** Exhaustive breadth-first model checking of one topology under one design. */
export function check(o: CheckOptions): CheckResult {
  const system = createSystem(o.topology, designOf(o.mutant));
  const only: PropertyFilter = o.properties && o.properties.length ? new Set(o.properties) : null;
  const userChanges = o.faults.includes('FAULT-USER-CONFIG') ? (o.userChanges ?? null) : null;
  const ts = new TableSystem(system, o.faults, only, userChanges);
  const base: BfsOptions = {
    ...(o.maxStates !== undefined ? { maxStates: o.maxStates } : {}),
    ...(o.maxSeconds !== undefined ? { maxSeconds: o.maxSeconds } : {}),
    ...(o.maxMemoryMB !== undefined ? { maxMemoryBytes: o.maxMemoryMB * 2 ** 20 } : {}),
    ...(o.store ? { store: o.store } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    ...(o.audit === false ? {} : { audit: (_: number, v: StateVector) => auditState(ts, v, only) }),
  };
  let symmetry: SymmetryReport | null = null;
  let r: BfsResult | null = null;
  if (o.symmetry) {
    const reduced = reducedSearch(ts, base);
    symmetry = reduced.report;
    // A counterexample is a path of real states: it is found again without reduction.
    if (reduced.result && !reduced.result.violation) r = reduced.result;
  }
  r ??= bfs(ts, base);
  let counterexample: CheckCounterexample | null = null;
  if (r.violation) {
    const events = [...pathTo(ts, r.store, r.violation.from), r.violation.env].map((e) => ts.envEvent(e));
    const replayed = replayEvents(system, o.faults, events, only);
    const id = ts.invariants[r.violation.invariant]!.inv.id;
    if (replayed.violation?.id !== id || replayed.steps.length !== events.length) {
      throw new TableMismatch(`the tables found ${id} after ${events.length} steps, the plain system ${replayed.violation?.id ?? 'nothing'} after ${replayed.steps.length}`);
    }
    counterexample = { violation: replayed.violation, events, loopStart: null, trace: replayed.trace };
  }
  const livenessChecked: string[] = [];
  const t0 = performance.now();
  // Fair cycles are searched in the full graph; a reduced one holds representatives only.
  if (!counterexample && r.complete && o.liveness !== false && !(symmetry && symmetry.used.length > 0)) {
    for (let j = 0; j < ts.liveness.length && !counterexample; j++) {
      livenessChecked.push(ts.liveness[j]!.live.id);
      const cycle = findFairCycle(ts, r.store, j);
      if (!cycle) continue;
      const prefix = pathTo(ts, r.store, cycle.entry);
      const events = [...prefix, ...cycle.loop].map((e) => ts.envEvent(e));
      const property = ts.liveness[j]!.live.id;
      const replayed = replayEvents(system, o.faults, events, only, { start: prefix.length, property });
      counterexample = { violation: replayed.violation!, events, loopStart: prefix.length, trace: replayed.trace };
    }
  }
  const livenessSeconds = (performance.now() - t0) / 1000;
  return {
    topology: o.topology.name,
    mutant: o.mutant,
    faults: o.faults,
    userChanges,
    properties: o.properties && o.properties.length ? o.properties : null,
    verdict: counterexample ? 'violation' : r.complete ? 'pass' : 'incomplete',
    cutBy: counterexample ? null : r.cut,
    cutReason: counterexample ? null : r.cutReason,
    rssBytes: process.memoryUsage.rss(),
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
    livenessChecked,
    counterexample,
    symmetry,
  };
}
/**
 * The search with symmetry reduction, over the renamings of the topology that
 * map the booted state onto itself; the first state whose steps a renaming
 * does not mirror rejects the group, and the caller searches without it.
 */
function reducedSearch(ts: TableSystem, base: BfsOptions): { report: SymmetryReport; result: BfsResult | null } {
  const candidates = topologySymmetries(ts.system.topology);
  const sym = new Symmetry(ts, candidates);
  const rejected: string[] = [];
  candidates.forEach((p, g) => {
    const why = sym.initialDiffers(g);
    if (why) rejected.push(`${p.name} rejected: ${why}`);
  });
  if (candidates.length === 0) rejected.push('no renaming of children and netdevs maps the topology onto itself');
  if (rejected.length > 0) return { report: { used: [], rejected, factor: 1 }, result: null };
  try {
    const narrow = new Uint16Array(ts.width);
    const result = bfs(ts, {
      ...base,
      canonicalise: (v) => {
        sym.canonicalise(narrowed(v, narrow));
        v.set(narrow);
      },
      everyState: (v) => sym.verify(narrowed(v, narrow)),
    });
    // The reduction's own steps run on 16-bit vectors: an id past 65,535 there would have been cut short.
    if ([...Object.values(ts.localStates()), ...ts.monitors.map((m) => m.size)].some((n) => n > 0x10000)) throw new SymmetryBroken(TOO_WIDE);
    let orbits = 0;
    const v = new Uint16Array(ts.width);
    for (let i = 0; i < result.store.size; i++) {
      result.store.read(i, v);
      orbits += sym.orbitSize(v);
    }
    return { report: { used: candidates.map((p) => p.name), rejected, factor: orbits / result.store.size }, result };
  } catch (e) {
    if (!(e instanceof SymmetryBroken)) throw e;
    return { report: { used: [], rejected: [`${candidates.map((p) => p.name).join(', ')} rejected: ${e.message}`], factor: 1 }, result: null };
  }
}

const TOO_WIDE = 'a machine passed 65,535 distinct local states, beyond the 16-bit vectors the symmetry reduction works on';

/** `v` copied into the 16-bit vector the symmetry reduction works on; ids past 65,535 reject the reduction. */
function narrowed(v: StateVector, out: Uint16Array): Uint16Array {
  for (let j = 0; j < v.length; j++) {
    if (v[j]! > 0xffff) throw new SymmetryBroken(TOO_WIDE);
    out[j] = v[j]!;
  }
  return out;
}
