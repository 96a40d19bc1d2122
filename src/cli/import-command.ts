import { readFileSync, statSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { TraceInputError } from '../conform/input-error.js';
import { importKernelLog, type ImportResult } from '../import/import-log.js';
import { LOG_FORMATS, type LogFormat } from '../import/log-format.js';
import { parseNames, type NameMap } from '../import/names.js';
import type { Topology } from '../topology/topology.js';
import { EXIT } from './exit-codes.js';
import { checkOutputFile, writeOutputs } from './output.js';
import { topologyOption } from './options.js';

interface ImportFlags {
  format: 'auto' | LogFormat;
  topology?: Topology;
  names?: NameMap;
  records?: string[];
  out?: string;
  verbose?: boolean;
  cpu?: boolean;
}

/** Exit codes of `hotup import`. */
export const IMPORT_EXIT = { imported: EXIT.PASS, unreadable: EXIT.BAD_INPUT } as const;

const EXAMPLES = `
The driver prints its own trace records as key=value pairs after a hotup: tag:
  pr_info("hotup: event=carrier.off netdev=%s\\n", dev->name);
  dev_info(&adev->dev, "hotup: event=subdev.probe child=%s subdev=%s result=ok\\n", ...);
The bonding driver's link, active-slave, enslave and release messages are read
as they are; module_load/module_free and a hotup_event tracepoint from ftrace.
Other lines are skipped and counted (--verbose lists them).

Examples:
  dmesg | npx hotup import - --topology claims-10-11 --names eth0=N1,eth1=N2,eth2=N3,hotup_c1=C1,hotup_c2=C2 --out upgrade.jsonl
  npx hotup import kmsg.txt --format kmsg --topology claims-10-11 | npx hotup conform -
  trace-cmd report | npx hotup import - --topology claims-10-11 --names hotup_c1=C1,hotup_c2=C2 --verbose

Exit 0: imported (the summary is on standard error); 2: unreadable input,
with the line and the fix, and nothing written. See docs/trace-format.md,
"Kernel logs in: hotup import".`;

function namesOption(value: string): NameMap {
  try {
    return parseNames(value);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

const recordsOption = (value: string): string[] => value.split(',').map((s) => s.trim()).filter((s) => s !== '');

/** A kernel log is read whole; beyond this it is refused rather than held in memory. */
const MAX_LOG_BYTES = 256 << 20;

function readLog(log: string): string {
  try {
    if (log !== '-') {
      const st = statSync(log);
      if (st.isFile() && st.size > MAX_LOG_BYTES) {
        throw new TraceInputError(log, '(file)', `has ${st.size.toLocaleString('en-US')} bytes, more than ${MAX_LOG_BYTES >> 20} MB`, 'cut the log to the upgrade (e.g. dmesg lines from the tool\'s start to its end)');
      }
    }
    return readFileSync(log === '-' ? 0 : log, 'utf8');
  } catch (e) {
    if (e instanceof TraceInputError) throw e;
    throw new TraceInputError(log, '(file)', `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'give the path of a kernel log, or - to read standard input');
  }
}

/** The summary on standard error, and with --verbose every skipped line with why. */
function summary(r: ImportResult, verbose: boolean): string {
  const out = [`hotup import: ${r.lines} lines of ${r.format} read: ${r.events} events, ${r.observations} observations, ${r.skipped.length} lines skipped${r.skipped.length && !verbose ? ' (--verbose lists them)' : ''}`];
  if (verbose) for (const s of r.skipped) out.push(`  line ${s.line}: ${s.reason}: ${s.text.trim()}`);
  return `${out.join('\n')}\n`;
}

function run(log: string, flags: ImportFlags): void {
  if (flags.out !== undefined) checkOutputFile('--out', flags.out);
  try {
    const result = importKernelLog(readLog(log), {
      format: flags.format,
      topology: flags.topology ?? null,
      names: flags.names ?? {},
      records: flags.records ?? null,
      source: `hotup import of ${log === '-' ? 'standard input' : log}`,
      cpu: flags.cpu === true,
    });
    if (flags.out !== undefined) writeOutputs([{ flag: '--out', path: flags.out, text: result.text }]);
    else process.stdout.write(result.text);
    process.stderr.write(summary(result, flags.verbose === true));
    process.exitCode = IMPORT_EXIT.imported;
  } catch (e) {
    if (!(e instanceof TraceInputError)) throw e;
    process.stderr.write(`hotup import: ${e.message}\n`);
    process.exitCode = IMPORT_EXIT.unreadable;
  }
}

/** Registers `hotup import LOG`: a kernel log (dmesg, /dev/kmsg) or ftrace text as a hotup trace. */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('convert a kernel log (dmesg, /dev/kmsg) or ftrace text (trace-cmd report) into a hotup trace for hotup conform; exit 2 on unreadable input')
    .argument('<log>', 'the log file, or - for standard input')
    .addOption(new Option('--format <format>', 'the log format').choices(['auto', ...LOG_FORMATS]).default('auto'))
    .addOption(new Option('--topology <name|file>', 'the topology the log was recorded on, declared in the header').argParser(topologyOption))
    .addOption(new Option('--names <list>', "the system's names for the model's, for the header: eth0=N1,eth1=N2,hotup_c1=C1").argParser(namesOption))
    .addOption(new Option('--records <kinds>', 'the event kinds the system logs (kinds or prefixes, comma-separated); default: the kinds found in the log').argParser(recordsOption))
    .option('--out <file>', 'write the trace to a file (whole or not at all) instead of standard output')
    .option('--verbose', 'list every skipped line with why')
    .option('--cpu', 'write the CPU a line was logged on as cpu (not x-cpu): hotup conform then lets the lines of different CPUs interleave')
    .addHelpText('after', EXAMPLES)
    .action((log: string, flags: ImportFlags) => run(log, flags));
}
