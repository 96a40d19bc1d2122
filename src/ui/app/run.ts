import type { Violation } from '../../../properties/property.js';
import type { ComponentKind } from '../../../machines/messages.js';
import { monitoredStep, withMonitors } from '../../engine/monitor.js';
import { createSystem, type System } from '../../engine/system.js';
import { Coverage, type Visited } from '../../explore/coverage.js';
import { canonicalJson } from '../../model/canonical.js';
import type { EnvEvent } from '../../model/env-event.js';
import type { FaultId } from '../../model/faults.js';
import type { SystemState } from '../../model/state.js';
import { designOf } from '../../mutants.js';
import type { Topology } from '../../topology/topology.js';
import { traceStep, type TraceStep } from '../../trace/trace.js';

/** What a run in the page is set up with: the topology, the design (null: correct) and the faults the environment may inject. */
export interface RunSetup {
  readonly topology: Topology;
  readonly mutant: string | null;
  readonly faults: readonly FaultId[];
}

/** One step taken in the page: the trace step and the machine transitions its messages took. */
export interface UiStep {
  readonly step: TraceStep;
  readonly taken: Partial<Record<ComponentKind, Visited>>;
}

/** An event that is not enabled where a loaded run wants it. */
export class NotEnabledError extends Error {}

/**
 * A run driven by hand: the booted state, the steps taken so far and a
 * cursor into them. Taking a step at the cursor drops the steps after it
 * (as a browser's history does); back and forward only move the cursor.
 * Every step is a monitored step of the model's own system.
 */
export class Run {
  readonly system: System;
  readonly start: SystemState;
  private readonly steps: UiStep[] = [];
  private at = 0;
  private recorder: Coverage | null = null;
  /** Index of the first step of a lasso's loop, for runs loaded from a liveness counterexample. */
  loopStart: number | null = null;

  constructor(readonly setup: RunSetup) {
    this.system = createSystem(setup.topology, designOf(setup.mutant), (kind, machine, before, event) => this.recorder?.record(kind, machine, before, event));
    this.start = withMonitors(this.system, this.system.initial());
  }

  /** How many steps the cursor is past the booted state. */
  get position(): number {
    return this.at;
  }

  /** How many steps are held (the cursor may be behind the last). */
  get length(): number {
    return this.steps.length;
  }

  /** The state at the cursor. */
  get state(): SystemState {
    return this.stateAt(this.at);
  }

  /** The state after `n` steps. */
  stateAt(n: number): SystemState {
    return n === 0 ? this.start : this.steps[n - 1]!.step.state;
  }

  /** The step that led to the cursor's state, or null at the booted state. */
  get current(): UiStep | null {
    return this.at === 0 ? null : this.steps[this.at - 1]!;
  }

  /** The steps up to the cursor. */
  taken(): TraceStep[] {
    return this.steps.slice(0, this.at).map((s) => s.step);
  }

  /** Every held step, those ahead of the cursor included. */
  all(): TraceStep[] {
    return this.steps.map((s) => s.step);
  }

  /** The first invariant broken up to the cursor, or null. */
  violation(): Violation | null {
    for (const s of this.steps.slice(0, this.at)) if (s.step.violations[0]) return s.step.violations[0];
    return null;
  }

  /** The events enabled at the cursor under the run's faults, in the system's order. */
  enabled(): EnvEvent[] {
    return this.system.enabled(this.state, this.setup.faults);
  }

  /** Takes `e` at the cursor: the steps after the cursor are dropped. Throws NotEnabledError when `e` is not enabled. */
  take(e: EnvEvent, fair = false): UiStep {
    const key = canonicalJson(e);
    if (!this.enabled().some((x) => canonicalJson(x) === key)) throw new NotEnabledError(`${key} is not enabled after step ${this.at}`);
    this.recorder = new Coverage();
    const r = monitoredStep(this.system, this.state, e);
    const step: UiStep = { step: traceStep(e, r, fair), taken: this.recorder.visited() };
    this.recorder = null;
    this.steps.length = this.at;
    this.steps.push(step);
    this.at++;
    return step;
  }

  back(): boolean {
    if (this.at === 0) return false;
    this.at--;
    return true;
  }

  forward(): boolean {
    if (this.at >= this.steps.length) return false;
    this.at++;
    return true;
  }

  /** Moves the cursor to step `n` (clamped). */
  seek(n: number): void {
    this.at = Math.max(0, Math.min(this.steps.length, n));
  }
}

/** Builds a run by taking `events` in order from the booted state (steps from `fairFrom` on are marked fair); the cursor ends at the start. */
export function runOf(setup: RunSetup, events: readonly EnvEvent[], fairFrom: number | null = null): Run {
  const run = new Run(setup);
  events.forEach((e, n) => {
    try {
      run.take(e, fairFrom !== null && n >= fairFrom);
    } catch (err) {
      if (err instanceof NotEnabledError) throw new NotEnabledError(`step ${n + 1} (${canonicalJson(e)}) is not enabled in the state the steps before it lead to`);
      throw err;
    }
  });
  run.loopStart = fairFrom;
  run.seek(0);
  return run;
}
