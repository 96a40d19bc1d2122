import type { Command } from 'commander';
import { buildEventsReport, buildReport, type ReportData } from '../report/report-data.js';
import { EventsFileError, readEventsFile } from '../check/events-file.js';
import { ReplayError } from '../check/replay.js';
import { reportHtml } from '../report/report-html.js';
import { EXIT } from './exit-codes.js';
import { randomRunOptions, type RandomRunFlags } from './random-run-options.js';
import { checkOutputFile, writeOutputs, type OutputFile } from './output.js';
import { sequenceOutputs, sequencePaths } from './sequence-outputs.js';

interface ReportFlags extends RandomRunFlags {
  out: string;
  seqOut?: string;
  events?: string;
}

/** The report of a `check --out` file, or null after saying why it cannot be used (exit 2). */
async function eventsReport(file: string): Promise<ReportData | null> {
  try {
    return await buildEventsReport(readEventsFile(file), file);
  } catch (e) {
    if (!(e instanceof EventsFileError) && !(e instanceof ReplayError)) throw e;
    process.stderr.write(`hotup report: ${e instanceof ReplayError ? `${file}: ` : ''}${e.message}\n`);
    process.exitCode = EXIT.BAD_INPUT;
    return null;
  }
}

const EXAMPLES = `
Examples:
  npx hotup report                                                    # report.html for the correct design on claims-10-11
  npx hotup report --mutant MUT-NO-WAIT-FAILOVER --faults none --out report.html
  npx hotup report --topology ./my-topology.json --out out/report.html --seq-out out/cx
  npx hotup report --events cx.json --out cx.html                     # a counterexample 'npx hotup check --out cx.json' wrote`;

/** `hotup report [--out report.html]`: one self-contained page of an exploration. */
export function registerReportCommand(program: Command): void {
  randomRunOptions(program.command('report'), 'random steps per run')
    .description('explore, then write one self-contained HTML page: run summary, properties with their claims, the counterexample step by step, coverage per machine and its claims (states, transitions, guard outcomes, transition pairs, each miss with why) marked on the diagrams; exit 1 on a violation')
    .option('--out <file>', 'the HTML page to write (missing folders are made)', 'report.html')
    .option('--seq-out <file>', 'also write the counterexample as a sequence chart: <file>.mmd (Mermaid) and <file>.svg')
    .option('--events <file>', "report this counterexample (the file 'hotup check --out' wrote) instead of exploring; its topology, design and faults are the file's")
    .addHelpText('after', EXAMPLES)
    .action(async (flags: ReportFlags) => {
      checkOutputFile('--out', flags.out);
      if (flags.seqOut !== undefined) for (const p of Object.values(sequencePaths(flags.seqOut))) checkOutputFile('--seq-out', p);
      const data = flags.events ? await eventsReport(flags.events) : await buildReport({
        topology: flags.topology,
        mutant: flags.mutant ?? null,
        runs: flags.runs,
        steps: flags.steps,
        seed: flags.seed,
        faults: flags.faults,
        ...(flags.property ? { properties: flags.property } : {}),
      });
      if (!data) return;
      const cx = data.result.counterexample;
      const files: OutputFile[] = [{ flag: '--out', path: flags.out, text: reportHtml(data) }];
      if (flags.seqOut && cx) files.push(...sequenceOutputs('--seq-out', flags.seqOut, data.topology, cx.steps, cx.violation));
      writeOutputs(files);
      process.stdout.write(`hotup report: ${cx ? `VIOLATION ${cx.violation.id}` : 'no violation'}; wrote ${files.map((f) => f.path).join(', ')}\n`);
      process.exitCode = cx ? EXIT.VIOLATION : EXIT.PASS;
    });
}
