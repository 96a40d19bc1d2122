import type { Violation } from '../../properties/property.js';
import { traceText } from '../conform/writer.js';
import type { SystemState } from '../model/state.js';
import type { Topology } from '../topology/topology.js';
import type { TraceStep } from '../trace/trace.js';
import { checkOutputFile, type OutputFile } from './output.js';
import { sequenceOutputs, sequencePaths } from './sequence-outputs.js';

/** The flags that write a run out: a hotup trace, an ITF trace, a sequence chart. */
export interface RunOutputFlags {
  readonly traceOut?: string;
  readonly itfOut?: string;
  readonly seqOut?: string;
}

/** Checks every path the flags name before the work, so a bad one costs no run. */
export function checkRunOutputs(flags: RunOutputFlags): void {
  if (flags.traceOut !== undefined) checkOutputFile('--trace-out', flags.traceOut);
  if (flags.itfOut !== undefined) checkOutputFile('--itf-out', flags.itfOut);
  if (flags.seqOut !== undefined) for (const p of Object.values(sequencePaths(flags.seqOut))) checkOutputFile('--seq-out', p);
}

/** A run to write: its topology, the booted state, its steps, the violation that ends it (if any) and the command that replays it. */
export interface RunToOutput {
  readonly topology: Topology;
  readonly start: SystemState;
  readonly steps: readonly TraceStep[];
  readonly violation: Violation | null;
  readonly source?: string;
  /** Whether `--seq-out` draws it (explore draws only a counterexample, not its last random run). */
  readonly drawn: boolean;
}

/** The files the flags ask for. */
export function runOutputs(flags: RunOutputFlags, run: RunToOutput): OutputFile[] {
  const out: OutputFile[] = [];
  const options = run.source === undefined ? {} : { source: run.source };
  if (flags.traceOut) out.push({ flag: '--trace-out', path: flags.traceOut, text: traceText('jsonl', run.topology, run.start, run.steps, options) });
  if (flags.itfOut) out.push({ flag: '--itf-out', path: flags.itfOut, text: traceText('itf', run.topology, run.start, run.steps, options) });
  if (flags.seqOut && run.drawn) out.push(...sequenceOutputs('--seq-out', flags.seqOut, run.topology, run.steps, run.violation));
  return out;
}
