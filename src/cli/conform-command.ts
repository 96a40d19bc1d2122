import { existsSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { conform, conformMerged, type ConformOptions, type TraceInput } from '../conform/conform.js';
import { labelsOf } from '../conform/merge.js';
import { TraceInputError } from '../conform/input-error.js';
import { formatConform } from '../conform/report.js';
import type { Topology } from '../topology/topology.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import { intOption, mutantOption, topologyOption } from './options.js';

interface ConformFlags {
  topology?: Topology;
  mutant?: string;
  format: 'auto' | 'jsonl' | 'itf';
  maxInternal: number;
  maxCandidates: number;
  window: number;
  skew: number;
  diagnose: boolean;
  json?: boolean;
}

/** Exit codes of `hotup conform` (docs/trace-format.md), from the one table in exit-codes.ts. */
export const CONFORM_EXIT = { conforming: EXIT.PASS, notConforming: EXIT.VIOLATION, unreadable: EXIT.BAD_INPUT, inconclusive: EXIT.INCONCLUSIVE } as const;

function inputOf(trace: string): TraceInput {
  if (trace === '-') return { stream: process.stdin };
  if (!existsSync(trace)) throw new TraceInputError(trace, '(file)', 'no such file', 'give the path of a trace file, or - to read standard input');
  return { file: trace };
}

/** `--skew`: seconds, a number from 0 to 3600. */
function secondsOption(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 3600) throw new InvalidArgumentError(`--skew takes seconds, a number from 0 to 3600 (e.g. 0.01), got '${v}'`);
  return n;
}

async function run(traces: string[], flags: ConformFlags): Promise<void> {
  const options: ConformOptions = {
    topology: flags.topology ?? null,
    mutant: flags.mutant ?? null,
    format: flags.format,
    diagnose: flags.diagnose,
    limits: { maxInternal: flags.maxInternal, maxCandidates: flags.maxCandidates, window: flags.window, skew: flags.skew },
  };
  try {
    if (traces.filter((t) => t === '-').length > 1) throw new TraceInputError('-', '(file)', 'standard input is given twice', 'give - once');
    const single = traces.length === 1;
    const result = single ? await conform(inputOf(traces[0]!), options) : await conformMerged(traces.map(inputOf), labelsOf(traces), options);
    const name = traces.map((t) => (t === '-' ? 'standard input' : t)).join(' + ');
    process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatConform(result, name)}\n`);
    process.exitCode = exitCodeOf(result.verdict);
  } catch (e) {
    if (!(e instanceof TraceInputError)) throw e;
    if (flags.json) process.stdout.write(`${JSON.stringify({ verdict: 'unreadable', error: { where: e.where, field: e.field, problem: e.problem, fix: e.fix } }, null, 2)}\n`);
    process.stderr.write(`hotup conform: ${e.message}\n`);
    process.exitCode = CONFORM_EXIT.unreadable;
  }
}

const EXAMPLES = `
Examples:
  npx hotup conform docs/examples/traces/prior-art-upgrade.jsonl
  npx hotup explore --runs 20 --trace-out run.jsonl && npx hotup conform run.jsonl
  npx hotup conform run.itf.json --topology claims-10-11 --json
  npx hotup import kernel.log --topology claims-10-11 | npx hotup conform -
  npx hotup conform kernel.jsonl tool.jsonl --skew 0.005        # several files of one system, merged by timestamp`;

/** Registers `hotup conform TRACE`: replay a recorded trace through the model and give a verdict. */
export function registerConformCommand(program: Command): void {
  program
    .command('conform')
    .description(
      'check a recorded trace of a real driver against the model; exit 0 conforming, 1 not conforming, 2 unreadable input, 3 inconclusive (no event, or the trace ends inside a model step)',
    )
    .argument('<trace...>', 'a trace: JSON Lines (docs/trace-format.md) or ITF (.itf.json); - reads standard input; several JSON Lines files of one system are merged by timestamp')
    .addOption(new Option('--topology <name|file>', "the topology, when the trace's header does not declare it (must agree when it does)").argParser(topologyOption))
    .addOption(new Option('--mutant <id>', 'check against a broken design (MUT-*) instead of the correct one').argParser(mutantOption))
    .addOption(new Option('--format <format>', 'the trace format').choices(['auto', 'jsonl', 'itf']).default('auto'))
    .addOption(new Option('--max-internal <n>', 'unlogged model steps allowed between two logged events').default(8).argParser(intOption('--max-internal', 0, 64)))
    .addOption(new Option('--max-candidates <n>', 'model states that may explain the trace at once').default(256).argParser(intOption('--max-candidates', 1, 100_000)))
    .addOption(
      new Option('--window <n>', 'model steps begun and not fully logged at once (lines of other CPUs or files interleaved); 1: no interleaving').default(4).argParser(intOption('--window', 1, 16)),
    )
    .addOption(new Option('--skew <seconds>', "how far merged files' clocks may disagree: lines of different files further apart keep their order").default(0.01).argParser(secondsOption))
    .option('--no-diagnose', 'on a divergence, do not say which broken designs (MUT-*) explain the trace (they are checked in the same pass)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', EXAMPLES)
    .action((traces: string[], flags: ConformFlags) => run(traces, flags));
}
