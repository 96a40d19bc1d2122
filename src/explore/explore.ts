import fc from 'fast-check';
import type { Message } from '../../machines/messages.js';
import { INVARIANTS, PROPERTY_IDS } from '../../properties/index.js';
import { withMonitors, type PropertyFilter } from '../engine/monitor.js';
import type { Violation } from '../../properties/property.js';
import { designOf } from '../mutants.js';
import { faultOf, isDriverStep } from '../model/event-kinds.js';
import { type EnvEvent } from '../model/env-event.js';
import type { FaultId } from '../model/faults.js';
import { createSystem } from '../engine/system.js';
import { shellQuote } from '../topology/quote.js';
import type { Topology } from '../topology/topology.js';
import { PRESETS } from '../topology/presets.js';
import { Coverage, type CoverageCounts, type MachineCoverage, type Visited } from './coverage.js';
import { coverageTap } from './coverage-tap.js';
import { traceOfRun } from './run-trace.js';
import { dropNeedlessSteps } from './drop-steps.js';
import { livenessRounds } from './settle.js';
import { settleRun } from './table-settle.js';
import { tableRunsFor } from './table-cache.js';
import type { TableRun, TableRuns } from './table-runs.js';
import { formatTrace, type TraceStep } from '../trace/trace.js';

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
  /** At most this many runs of the upgrade tool per random run (null: unbounded; absent: 1, one rolling upgrade). */
  readonly rounds?: number | null;
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
  /**
   * Per property id: the steps that ended in a state where its premise holds
   * (for LIVE-*, the runs whose settled state owes it); 0 means the run never
   * exercised it, whatever its verdict.
   */
  readonly exercised: Readonly<Record<string, number>>;
  readonly seconds: number;
  /** Time until the first failing run ended (before shrinking), or null. */
  readonly secondsToFirstViolation: number | null;
  readonly counterexample: Counterexample | null;
  readonly coverage: readonly MachineCoverage[];
  /** The steps of the last run that started an upgrade, else of the last run (written as a trace when no run failed). */
  readonly lastRun: readonly TraceStep[];
  /** The states, transitions, guard outcomes and transition pairs visited, per machine kind (empty unless `coverage` was asked for). */
  readonly visited: Partial<Record<Message['to'], Visited>>;
  /** How often each transition, guard outcome and transition pair was taken, per machine kind, over every run fast-check made, shrinking included (empty unless `coverage`). */
  readonly counts: Partial<Record<Message['to'], CoverageCounts>>;
  /** The property ids checked, or null for all of them. */
  readonly properties: readonly string[] | null;
  /** At most this many runs of the upgrade tool per random run (null: unbounded). */
  readonly rounds: number | null;
  /** Whether the topology is the preset of its name (a topology file may reuse a preset's name for another topology). */
  readonly preset: boolean;
}

/** Which events a command draws from: the system's own steps, traffic, starting the tool, or one fault. */
type Family = 'driver' | 'traffic' | 'start' | FaultId;

function familyOf(e: EnvEvent): Family | null {
  if (e.kind === 'tool.start' || e.kind === 'tool.rerun') return 'start';
  if (e.kind === 'traffic.send') return 'traffic';
  const f = faultOf(e);
  if (f) return f;
  return isDriverStep(e) ? 'driver' : null;
}

class ViolationFound extends Error {}

/** One fast-check command: take the `pick`-th enabled event of a family. */
class PickCommand implements fc.Command<TableRun, object> {
  constructor(
    private readonly runs: TableRuns,
    private readonly family: number,
    private readonly name: Family,
    private readonly pick: number,
    private readonly counters: { steps: number; checks: number; invariants: number },
  ) {}

  check(m: Readonly<TableRun>): boolean {
    return m.violation === null && this.runs.count(m as TableRun, this.family) > 0;
  }

  run(m: TableRun): void {
    const j = this.runs.nth(m, this.family, this.pick % this.runs.count(m, this.family));
    const broke = this.runs.step(m, m.env[j]!, m.msg[j]!);
    this.counters.steps++;
    this.counters.checks += this.counters.invariants;
    if (broke) throw new ViolationFound(m.violation!);
  }

  toString(): string {
    return `${this.name}#${this.pick}`;
  }
}

/** Runs a list of commands from the booted state, then the fair completion; returns the run. */
function playRun(
  runs: TableRuns,
  faults: readonly FaultId[],
  cmds: Iterable<fc.Command<TableRun, object>>,
  counters: { steps: number; checks: number; invariants: number },
  coverage: Coverage | null,
): TableRun {
  const m = runs.start(faults);
  coverage?.beginRun();
  try {
    fc.modelRun(() => ({ model: m, real: {} }), cmds);
  } catch (e) {
    if (!(e instanceof ViolationFound)) throw e;
    return m;
  }
  const before = m.envs.length;
  settleRun(runs, m, livenessRounds(runs.system.topology));
  counters.steps += m.envs.length - before;
  counters.checks += (m.envs.length - before) * counters.invariants;
  return m;
}

/**
 * The command line that replays a failure, as a user of a clone pastes it
 * into a shell: `npx hotup`, a topology file by its path (its "name" field
 * may be anything, a preset's name too), every word shell-quoted.
 */
export function replayCommand(o: ExploreOptions, seed: number, path: string, commandsPath: string): string {
  const parts = ['npx hotup replay', `--topology ${shellQuote(o.topology.file ?? o.topology.name)}`];
  if (o.mutant) parts.push(`--mutant ${shellQuote(o.mutant)}`);
  parts.push(`--runs ${o.runs}`, `--steps ${o.steps}`, `--faults ${o.faults.length ? o.faults.join(',') : 'none'}`);
  if (o.properties && o.properties.length) parts.push(`--property ${o.properties.join(',')}`);
  if (o.rounds !== undefined && o.rounds !== 1) parts.push(`--rounds ${o.rounds === null ? 'unbounded' : o.rounds}`);
  parts.push(`--seed ${seed}`, `--path ${shellQuote(path)}`, `--commands-path ${shellQuote(commandsPath)}`);
  return parts.join(' ');
}

/**
 * Random exploration with fast-check: each run boots the system, takes up to
 * `steps` random steps (driver work, traffic, the tool, faults), then its fair
 * steps, checking every INV-* after each step and the LIVE-* at the end.
 * A failure is shrunk to a short trace. Runs step through the memoised table
 * system (TableRuns, audited against the plain system); the counterexample and
 * the last run are taken again on the plain system to print them.
 */
export function explore(o: ExploreOptions): ExploreResult {
  const coverage = o.coverage ? new Coverage() : null;
  const only: PropertyFilter = o.properties && o.properties.length ? new Set(o.properties) : null;
  const counters = { steps: 0, checks: 0, invariants: only ? INVARIANTS.filter((p) => only.has(p.id)).length : INVARIANTS.length };
  const families: Family[] = ['driver', 'traffic', 'start', ...o.faults];
  const runs = tableRunsFor(o.topology, o.mutant, o.faults, only, o.rounds === undefined ? 1 : o.rounds, (e) => {
    const f = familyOf(e);
    return f === null ? -1 : families.indexOf(f);
  });
  const system = runs.system;
  const start = withMonitors(system, system.initial());
  if (coverage) {
    // Boot is recorded as the plain system delivers it; every later delivery through the table.
    createSystem(o.topology, designOf(o.mutant), coverage.record).initial();
  }
  runs.observeDeliveries(coverage ? coverageTap(coverage, runs.ts, system.components) : null);
  const weight = (f: Family): number => (f === 'driver' ? 8 : f === 'traffic' ? 3 : 2);
  const command = fc.oneof(
    ...families.map((f, i) => ({ weight: weight(f), arbitrary: fc.nat(63).map((p) => new PickCommand(runs, i, f, p, counters)) })),
  );
  const arb = fc.tuple(fc.subarray([...o.faults]), fc.commands([command], { maxCommands: o.steps, size: 'max', ...(o.commandsPath !== undefined ? { replayPath: o.commandsPath } : {}) }));
  let runsDone = 0;
  let firstViolation: number | null = null;
  let lastRun: TableRun | null = null;
  const startsUpgrade = (m: TableRun): boolean => m.envs.some((j) => runs.ts.envEvent(j).kind === 'tool.start');
  const t0 = performance.now();
  const exercisedBefore = [...runs.exercised];
  const prop = fc.property(arb, ([faults, cmds]) => {
    const m = playRun(runs, faults, cmds, counters, coverage);
    // The run a trace is written from when none fails: the last with an upgrade in it, else the last.
    if (lastRun === null || !startsUpgrade(lastRun) || startsUpgrade(m)) lastRun = m;
    runsDone++;
    o.onRun?.(runsDone);
    if (m.violation) {
      firstViolation ??= (performance.now() - t0) / 1000;
      throw new ViolationFound(m.violation);
    }
  });
  const result = fc.check(prop, {
    seed: o.seed,
    numRuns: o.runs,
    ...(o.path ? { path: o.path, endOnFailure: true } : {}),
  });
  const seconds = (performance.now() - t0) / 1000;
  // The table runs are cached across explorations: count this one's part only, before the counterexample is replayed.
  const exercised = Object.fromEntries(PROPERTY_IDS.map((id, j) => [id, runs.exercised[j]! - exercisedBefore[j]!]));
  let counterexample: Counterexample | null = null;
  if (result.failed && result.counterexample) {
    const [faults, cmds] = result.counterexample[0];
    const m = playRun(runs, faults, cmds, { steps: 0, checks: 0, invariants: 0 }, coverage);
    if (!m.violation) throw new Error(`replaying the counterexample did not fail again: ${String(result.errorInstance)}`);
    const { steps, violation } = dropNeedlessSteps(system, start, traceOfRun(system, runs.ts, start, m, only) as { steps: readonly TraceStep[]; violation: Violation }, o.faults, only);
    const path = result.counterexamplePath ?? '';
    const commandsPath = /replayPath="([^"]*)"/.exec(String(cmds))?.[1] ?? '';
    counterexample = {
      violation,
      steps,
      trace: formatTrace(o.topology, start, steps, violation),
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
    exercised,
    seconds,
    secondsToFirstViolation: firstViolation,
    lastRun: lastRun ? traceOfRun(system, runs.ts, start, lastRun, only).steps : [],
    counterexample,
    coverage: coverage ? coverage.summary(system.components) : [],
    visited: coverage ? coverage.visited() : {},
    counts: coverage ? coverage.counts() : {},
    properties: o.properties && o.properties.length ? o.properties : null,
    rounds: o.rounds === undefined ? 1 : o.rounds,
    preset: JSON.stringify(PRESETS[o.topology.name] ?? null) === JSON.stringify(o.topology),
  };
}
