import cliProgress from 'cli-progress';
import { Option, type Command } from 'commander';
import { createSystem } from '../engine/system.js';
import { explore, type ExploreOptions, type ExploreResult } from '../explore/explore.js';
import { designOf } from '../mutants.js';
import { EXIT } from './exit-codes.js';
import { ROUNDS_HELP, roundsOption } from './options.js';
import { randomRunOptions, type RandomRunFlags } from './random-run-options.js';
import { writeOutputs, type OutputFile } from './output.js';
import { commandsPathOption, replayPathOption } from './replay-args.js';
import { exploreJson, formatExploreSummary } from './report.js';
import { checkRunOutputs, runOutputs } from './run-outputs.js';

interface ExploreFlags extends RandomRunFlags {
  rounds: number | 'unbounded';
  json?: boolean;
  path?: string;
  commandsPath?: string;
  seqOut?: string;
  traceOut?: string;
  itfOut?: string;
}

const EXPLORE_EXAMPLES = `
Examples:
  npx hotup explore                                    # 100 runs x 40 steps of claims-10-11, every fault
  npx hotup explore --topology claims-1-9 --runs 5000 --steps 80 --seed 7
  npx hotup explore --topology my-topology.json --faults FAULT-PROBE-FAIL,FAULT-TOOL-RESTART
  npx hotup explore --mutant MUT-PARALLEL-UPGRADE --seq-out cx   # exit 1, a short trace, cx.mmd and cx.svg
  npx hotup explore --runs 20 --trace-out run.jsonl    # a run with an upgrade in it, for npx hotup conform`;

const REPLAY_EXAMPLES = `
Examples (paste the command a violation printed; every flag must be as printed):
  npx hotup replay --topology claims-10-11 --mutant MUT-NO-TAKEOVER --runs 100 --steps 40 --faults none --seed 42 --path 0:2:2:2:1:1 --commands-path FCAAARO:VB
  npx hotup replay --topology ./my-topology.json ... --seq-out cx   # the same violation, drawn`;

/** The files --trace-out, --itf-out and --seq-out ask for, from a result. */
function outputsOf(flags: ExploreFlags, result: ExploreResult): OutputFile[] {
  const cx = result.counterexample;
  if (!flags.traceOut && !flags.itfOut && !(flags.seqOut && cx)) return [];
  const start = createSystem(flags.topology, designOf(flags.mutant ?? null)).initial();
  return runOutputs(flags, { topology: flags.topology, start, steps: cx?.steps ?? result.lastRun, violation: cx?.violation ?? null, drawn: cx !== null, ...(cx ? { source: cx.replay } : {}) });
}

function runExplore(flags: ExploreFlags, replay: boolean): void {
  checkRunOutputs(flags);
  const showBar = !flags.json && !replay && process.stderr.isTTY;
  const bar = showBar
    ? new cliProgress.SingleBar(
        { format: 'exploring [{bar}] {value}/{total} runs | {duration_formatted}', stream: process.stderr, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(flags.runs, 0);
  const options: ExploreOptions = {
    topology: flags.topology,
    mutant: flags.mutant ?? null,
    runs: flags.runs,
    steps: flags.steps,
    seed: flags.seed,
    faults: flags.faults,
    rounds: flags.rounds === 'unbounded' ? null : flags.rounds,
    coverage: !replay,
    ...(flags.property ? { properties: flags.property } : {}),
    ...(flags.path ? { path: flags.path } : {}),
    ...(flags.commandsPath !== undefined ? { commandsPath: flags.commandsPath } : {}),
    ...(bar ? { onRun: (n: number) => bar.update(Math.min(n, flags.runs)) } : {}),
  };
  let result: ExploreResult;
  try {
    result = explore(options);
  } catch (e) {
    bar?.stop();
    if (!replay) throw e;
    // fast-check refuses a path that leads nowhere under these flags: that is the input, not hotup.
    process.stderr.write('hotup replay: --seed, --path and --commands-path do not lead to a run under these flags; paste the replay command exactly as printed\n');
    process.exitCode = EXIT.BAD_INPUT;
    return;
  }
  bar?.stop();
  if (replay && !result.counterexample) {
    process.stderr.write('hotup replay: the run did not fail; check that --topology, --mutant, --runs, --steps, --faults, --property, --seed, --path and --commands-path are exactly as printed\n');
    process.exitCode = EXIT.BAD_INPUT;
    return;
  }
  const files = outputsOf(flags, result);
  writeOutputs(files);
  process.stdout.write(flags.json ? `${JSON.stringify(exploreJson(result), null, 2)}\n` : `${formatExploreSummary(result, replay ? 'replay' : 'explore')}\n`);
  const charts = files.filter((f) => f.flag === '--seq-out');
  if (charts.length) process.stderr.write(`sequence chart: ${charts.map((f) => f.path).join(', ')}\n`);
  process.exitCode = result.counterexample ? EXIT.VIOLATION : EXIT.PASS;
}

function exploreOptions(cmd: Command): Command {
  return randomRunOptions(cmd, 'random steps per run (the fair steps that check liveness come on top)')
    .addOption(new Option('--rounds <n>', ROUNDS_HELP).default(1, '1').argParser(roundsOption))
    .option('--json', 'print the result as JSON')
    .option('--trace-out <file>', 'write the counterexample (or else a run with an upgrade) as a hotup trace (JSON Lines, docs/trace-format.md)')
    .option('--itf-out <file>', 'write the counterexample (or else a run with an upgrade) as an ITF trace (Quint, Apalache)')
    .option('--seq-out <file>', 'write a counterexample as a sequence chart: <file>.mmd (Mermaid) and <file>.svg');
}

/** `hotup explore`: random exploration; `hotup replay`: one of its counterexamples again, from the printed seed and paths. */
export function registerExploreCommands(program: Command): void {
  exploreOptions(program.command('explore').description('random exploration with fast-check; exit 1 on a violation, with a shrunk trace and the command that replays it'))
    .addHelpText('after', EXPLORE_EXAMPLES)
    .action((flags: ExploreFlags) => runExplore(flags, false));

  exploreOptions(program.command('replay').description('re-run a counterexample printed by explore, from its seed and paths; exit 1 when it fails again'))
    .addOption(new Option('--path <path>', "fast-check's replay path, as printed").makeOptionMandatory().argParser(replayPathOption))
    .addOption(new Option('--commands-path <path>', 'which commands ran, as printed').makeOptionMandatory().argParser(commandsPathOption))
    .addHelpText('after', REPLAY_EXAMPLES)
    .action((flags: ExploreFlags) => runExplore(flags, true));
}
