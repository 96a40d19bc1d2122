import { renameSync, writeFileSync } from 'node:fs';
import type { TraceStep } from '../trace/trace.js';
import { designOf } from '../mutants.js';
import type { SystemState } from '../model/state.js';
import { createSystem } from '../engine/system.js';
import type { Topology } from '../topology/topology.js';
import { toTraceLines, type ExportOptions } from './export.js';
import { formatItf, toItf } from './itf.js';

/** The two forms a run can be written in: hotup's JSON Lines trace, or ITF for Quint and Apalache tooling. */
export type TraceFormat = 'jsonl' | 'itf';

/** The text of a run in one of the two forms. */
export function traceText(format: TraceFormat, topology: Topology, start: SystemState, steps: readonly TraceStep[], options: ExportOptions = {}): string {
  return format === 'itf' ? formatItf(toItf(topology, start, steps, options)) : `${toTraceLines(topology, start, steps, options).join('\n')}\n`;
}

/** Writes a file whole or not at all: to a temporary name beside it, then renamed over it. */
export function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** A run as `hotup explore` and the checkers hold it: the topology, the design (null: correct), the steps from the booted system. */
export interface RunToWrite {
  readonly topology: Topology;
  readonly mutant: string | null;
  readonly steps: readonly TraceStep[];
  /** Free text carried in the header, e.g. the replay command. */
  readonly source?: string;
}

/**
 * Writes a run (a counterexample, or any run) as a trace file that
 * `hotup conform` reads back: the run's steps are replayed from the booted
 * system of its own design, so a mutant's run shows what that driver logged.
 */
export function writeRunTrace(file: string, format: TraceFormat, run: RunToWrite): void {
  const start = createSystem(run.topology, designOf(run.mutant)).initial();
  writeAtomically(file, traceText(format, run.topology, start, run.steps, run.source ? { source: run.source } : {}));
}
