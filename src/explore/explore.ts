import fc from 'fast-check';
import type { Message } from '../../machines/messages.js';
import { INVARIANTS } from '../../properties/index.js';
import { monitoredStep, withMonitors, type PropertyFilter } from '../engine/monitor.js';
import type { Violation } from '../../properties/property.js';
import { designOf } from '../mutants.js';
import { faultOf, isDriverStep } from '../model/event-kinds.js';
import { type EnvEvent } from '../model/env-event.js';
import type { FaultId } from '../model/faults.js';
import type { SystemState } from '../model/state.js';
import { createSystem, type System } from '../engine/system.js';
import type { Topology } from '../topology/topology.js';
import { Coverage, type MachineCoverage, type Visited } from './coverage.js';
import { settle } from './settle.js';
import { formatTrace, traceStep, type TraceStep } from '../trace/trace.js';

/** What `hotup explore` runs. */
export interface ExploreOptions {
  readonly topology: Topology;
  readonly mutant: string | null;
  readonly runs: number;
  readonly steps: number;
  readonly seed: number;
  /** Faults the runs may inject (each run draws a subset of them). */
  readonly faults: readonly FaultId[];
  /** fast-check's replay path of a failure printed earlier. */
  readonly path?: string;
  /** fc.commands' replay path (which commands ran) of that failure. */
  readonly commandsPath?: string;
  /** Called after every run (for a progress bar). */
  readonly onRun?: (runsDone: number) => void;
  /** Record the states and transitions visited (costs time). */
  readonly coverage?: boolean;
  /** Check only these property ids (all when absent). */
  readonly properties?: readonly string[];
}

/** A violation found by random exploration, shrunk, with what it takes to replay it. */
export interface Counterexample {
  readonly violation: Violation;
  readonly steps: readonly TraceStep[];
  readonly trace: string;
  readonly seed: number;
  readonly path: string;
  readonly commandsPath: string;
  readonly replay: string;
}

/** What `hotup explore` reports. */
export interface ExploreResult {
  readonly topology: string;
  readonly mutant: string | null;
  readonly faults: readonly FaultId[];
  readonly seed: number;
  /** Runs before the first failure (or all of them). */
  readonly runs: number;
  /** Extra runs fast-check spent shrinking a failure. */
  readonly shrinks: number;
  readonly steps: number;
  readonly invariantChecks: number;
  readonly seconds: number;
  /** Time until the first failing run ended (before shrinking), or null. */
  readonly secondsToFirstViolation: number | null;
  readonly counterexample: Counterexample | null;
  readonly coverage: readonly MachineCoverage[];
  /** The steps of the last run (for writing it as a trace when no run failed). */
  readonly lastRun: readonly TraceStep[];
  /** The states and transitions visited, per machine kind (empty unless `coverage` was asked for). */
  readonly visited: Partial<Record<Message['to'], Visited>>;
}

/** Which events a command draws from: the system's own steps, traffic, starting the tool, or one fault. */
type Family = 'driver' | 'traffic' | 'start' | FaultId;

function familyOf(e: EnvEvent): Family | null {
  if (e.kind === 'tool.start') return 'start';
  if (e.kind === 'traffic.send') return 'traffic';
  const f = faultOf(e);
  if (f) return f;
  return isDriverStep(e) ? 'driver' : null;
}

/** The state a run carries between fast-check commands. */
interface RunModel {
  state: SystemState;
  readonly start: SystemState;
  readonly steps: TraceStep[];
  faults: readonly FaultId[];
  violation: Violation | null;
}

class ViolationFound extends Error {}

const enabledCache = new WeakMap<SystemState, { faults: readonly FaultId[]; events: EnvEvent[] }>();

/** The enabled events of a state, computed once: check() and run() of every command ask for them. */
function enabledOnce(system: System, state: SystemState, faults: readonly FaultId[]): EnvEvent[] {
  const hit = enabledCache.get(state);
  if (hit && hit.faults === faults) return hit.events;
  const events = system.enabled(state, faults);
  enabledCache.set(state, { faults, events });
  return events;
}

/** One fast-check command: take the `pick`-th enabled event of a family. */
class PickCommand implements fc.Command<RunModel, object> {
  constructor(
    private readonly system: System,
    private readonly family: Family,
    private readonly pick: number,
    private readonly counters: { steps: number; checks: number; invariants: number },
    private readonly only: PropertyFilter,
  ) {}

  private candidates(m: RunModel): EnvEvent[] {
    return enabledOnce(this.system, m.state, m.faults).filter((e) => familyOf(e) === this.family);
  }

  check(m: Readonly<RunModel>): boolean {
    return m.violation === null && this.candidates(m as RunModel).length > 0;
  }

  run(m: RunModel): void {
    const c = this.candidates(m);
    const e = c[this.pick % c.length]!;
    const res = monitoredStep(this.system, m.state, e, this.only);
    this.counters.steps++;
    this.counters.checks += this.counters.invariants;
    m.steps.push(traceStep(e, res));
    m.state = res.state;
    if (res.violation) {
      m.violation = res.violation;
      throw new ViolationFound(`${res.violation.id}: ${res.violation.message}`);
    }
  }

  toString(): string {
    return `${this.family}#${this.pick}`;
  }
}

/** Runs a list of commands from the booted state, then the fair completion; returns the run. */
function playRun(
  system: System,
  start: SystemState,
  faults: readonly FaultId[],
  cmds: Iterable<fc.Command<RunModel, object>>,
  counters: { steps: number; checks: number; invariants: number },
  only: PropertyFilter,
): RunModel {
  const m: RunModel = { state: start, start, steps: [], faults, violation: null };
  try {
    fc.modelRun(() => ({ model: m, real: {} }), cmds);
  } catch (e) {
    if (!(e instanceof ViolationFound)) throw e;
    return m;
  }
  const done = settle(system, m.state, only);
  counters.steps += done.steps.length;
  counters.checks += done.steps.length * counters.invariants;
  m.steps.push(...done.steps);
  m.state = done.state;
  m.violation = done.violation;
  return m;
}

/** The command-line that replays a failure. */
export function replayCommand(o: ExploreOptions, seed: number, path: string, commandsPath: string): string {
  const parts = ['hotup replay', `--topology ${o.topology.name}`];
  if (o.mutant) parts.push(`--mutant ${o.mutant}`);
  parts.push(`--runs ${o.runs}`, `--steps ${o.steps}`, `--faults ${o.faults.length ? o.faults.join(',') : 'none'}`);
  if (o.properties && o.properties.length) parts.push(`--property ${o.properties.join(',')}`);
  parts.push(`--seed ${seed}`, `--path ${path}`, `--commands-path '${commandsPath}'`);
  return parts.join(' ');
}

/**
 * Random exploration with fast-check: each run boots the system, takes up to
 * `steps` random steps (driver work, traffic, the tool, faults), then its fair
 * steps, checking every INV-* after each step and the LIVE-* at the end.
 * A failure is shrunk to a short trace.
 */
export function explore(o: ExploreOptions): ExploreResult {
  const coverage = o.coverage ? new Coverage() : null;
  const system = createSystem(o.topology, designOf(o.mutant), coverage?.record);
  const start = withMonitors(system, system.initial());
  const only: PropertyFilter = o.properties && o.properties.length ? new Set(o.properties) : null;
  const counters = { steps: 0, checks: 0, invariants: only ? INVARIANTS.filter((p) => only.has(p.id)).length : INVARIANTS.length };
  const families: Family[] = ['driver', 'traffic', 'start', ...o.faults];
  const weight = (f: Family): number => (f === 'driver' ? 8 : f === 'traffic' ? 3 : 2);
  const command = fc.oneof(
    ...families.map((f) => ({ weight: weight(f), arbitrary: fc.nat(63).map((p) => new PickCommand(system, f, p, counters, only)) })),
  );
  const arb = fc.tuple(fc.subarray([...o.faults]), fc.commands([command], { maxCommands: o.steps, size: 'max', ...(o.commandsPath !== undefined ? { replayPath: o.commandsPath } : {}) }));
  let runsDone = 0;
  let firstViolation: number | null = null;
  let lastRun: readonly TraceStep[] = [];
  const t0 = performance.now();
  const prop = fc.property(arb, ([faults, cmds]) => {
    const m = playRun(system, start, faults, cmds, counters, only);
    lastRun = m.steps;
    runsDone++;
    o.onRun?.(runsDone);
    if (m.violation) {
      firstViolation ??= (performance.now() - t0) / 1000;
      throw new ViolationFound(`${m.violation.id}: ${m.violation.message}`);
    }
  });
  const result = fc.check(prop, {
    seed: o.seed,
    numRuns: o.runs,
    ...(o.path ? { path: o.path, endOnFailure: true } : {}),
  });
  const seconds = (performance.now() - t0) / 1000;
  let counterexample: Counterexample | null = null;
  if (result.failed && result.counterexample) {
    const [faults, cmds] = result.counterexample[0];
    const m = playRun(system, start, faults, cmds, { steps: 0, checks: 0, invariants: 0 }, only);
    if (!m.violation) throw new Error(`replaying the counterexample did not fail again: ${String(result.errorInstance)}`);
    const path = result.counterexamplePath ?? '';
    const commandsPath = /replayPath="([^"]*)"/.exec(String(cmds))?.[1] ?? '';
    counterexample = {
      violation: m.violation,
      steps: m.steps,
      trace: formatTrace(o.topology, start, m.steps, m.violation),
      seed: result.seed,
      path,
      commandsPath,
      replay: replayCommand(o, result.seed, path, commandsPath),
    };
  } else if (result.failed) {
    const err: unknown = result.errorInstance;
    throw err instanceof Error ? err : new Error(String(err));
  }
  return {
    topology: o.topology.name,
    mutant: o.mutant,
    faults: o.faults,
    seed: o.seed,
    runs: result.failed ? result.numRuns : runsDone,
    shrinks: result.numShrinks,
    steps: counters.steps,
    invariantChecks: counters.checks,
    seconds,
    secondsToFirstViolation: firstViolation,
    lastRun,
    counterexample,
    coverage: coverage ? coverage.summary(system.components) : [],
    visited: coverage ? coverage.visited() : {},
  };
}
