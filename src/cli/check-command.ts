import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CheckResult, LivenessProgress } from '../check/check.js';
import { checkOnWorkers } from '../check/parallel-check.js';
import { availableParallelism } from 'node:os';
import { eventsFileText, readEventsFile, EventsFileError } from '../check/events-file.js';
import { checkJson, formatCheckSummary } from '../check/report.js';
import type { StoreKind } from '../check/visited.js';
import { availableMemory, vectorBytesFor } from '../check/machine-memory.js';
import { checkLimits, DEFAULT_MEMORY_SHARE, memoryLimitNote, SWARM_MAX_STATES } from './check-limits.js';
import { hugePagesAsked } from './huge-pages.js';
import { interruptPoll } from './interrupt.js';
import { replayEvents, ReplayError } from '../check/replay.js';
import type { Progress } from '../check/bfs.js';
import { designOf } from '../mutants.js';
import { uncovered } from '../explore/coverage.js';
import { createComponents } from '../model/components.js';
import { missLines } from '../report/coverage-misses.js';
import { FAULTS } from '../model/faults.js';
import { createSystem } from '../engine/system.js';
import { DEFAULT_TOPOLOGY } from '../topology/presets.js';
import { loadTopology } from '../topology/parse.js';
import { clip, shellQuote, quotePath } from '../topology/quote.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import { checkOutputFile, writeOutputs } from './output.js';
import { checkRunOutputs, runOutputs } from './run-outputs.js';
import { faultsOption, intOption, mutantOption, propertiesOption, ROUNDS_HELP, roundsOption, topologyOption } from './options.js';
import type { SearchFlags } from './search-flags.js';
import { nextStepsNote, runsSwarm, runSwarmMember, SWARM_EXAMPLES, swarmOptions, type SwarmMemberFlags } from './swarm-command.js';

interface CheckFlags extends SearchFlags {
  store: StoreKind;
  liveness: boolean;
  por: boolean;
  fullHistory?: boolean;
  vacuity?: boolean;
  coverage?: boolean;
  workers: number;
  progress: number;
}

/**
 * Unbounded user changes multiply the space by every value of every netdev's
 * MTU, MAC and admin state and of the bond's options (claims-10-11 would need
 * billions of states); one change at any moment of a run keeps the space in
 * the millions, and --user-changes 2 reaches every pair of them on claims-1-9.
 */
const DEFAULT_USER_CHANGES = 1;

/** The bound, or 'unbounded' (commander turns a parser's null into an empty string, so null cannot stand for it here). */
function userChangesOption(v: string): number | 'unbounded' {
  if (v === 'unbounded') return v;
  if (!/^[0-9]{1,4}$/.test(v)) throw new InvalidArgumentError(`--user-changes takes a whole number from 0 to 9999 or 'unbounded', got '${v}'.`);
  return Number(v);
}

/** The figures of a progress line: states, depth, rate and memory. */
function progressFigures(p: Progress): string {
  const rss = process.memoryUsage().rss / 2 ** 20;
  return `${p.states.toLocaleString('en-US')} states, depth ${p.depth}, ${Math.round(p.states / p.seconds).toLocaleString('en-US')} states/s, store ${(p.bytes / 2 ** 20).toFixed(0)} MB, rss ${rss.toFixed(0)} MB`;
}

/** The figures of a progress line of the fair-cycle search: which LIVE-*, how far, and memory. */
function livenessFigures(p: LivenessProgress): string {
  const rss = process.memoryUsage().rss / 2 ** 20;
  return `fair-cycle search for ${p.property} (${p.nth} of ${p.of}), ${p.states.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} states searched from, rss ${rss.toFixed(0)} MB`;
}

/** Seconds between the plain progress lines of a check whose stderr is not a terminal (or that prints --json): TLC's minute. */
const PROGRESS_SECONDS = 60;

/** Seconds between two redraws of the live line. */
const REDRAW_SECONDS = 0.2;

/** Where the breadth-first search stands, and then the fair-cycle search. */
interface ProgressReporter {
  readonly onProgress: (p: Progress) => void;
  readonly onLivenessProgress: (p: LivenessProgress) => void;
}

/**
 * Where the check stands, as the live line on a terminal (redrawn in
 * place), or as a plain line every `every` seconds of each search for a
 * log (0: none).
 */
function progressReporter(live: boolean, every: number): ProgressReporter | null {
  if (live) {
    let last = -Infinity;
    const draw = (seconds: number, figures: () => string): void => {
      const now = performance.now() / 1000;
      if (now - last < REDRAW_SECONDS && seconds > 0) return;
      last = now;
      process.stderr.write(`\rchecking: ${figures()}\x1b[K`);
    };
    return { onProgress: (p) => draw(p.seconds, () => progressFigures(p)), onLivenessProgress: (p) => draw(p.seconds, () => livenessFigures(p)) };
  }
  if (every === 0) return null;
  /** Calls `line` once each `every` seconds of a search's own clock. */
  const throttled = <P extends { readonly seconds: number }>(line: (p: P) => string): ((p: P) => void) => {
    let next = every;
    return (p) => {
      if (p.seconds < next) return;
      next = (Math.floor(p.seconds / every) + 1) * every;
      process.stderr.write(`hotup check: ${line(p)}\n`);
    };
  };
  return {
    onProgress: throttled((p: Progress) => `${Math.round(p.seconds)} s, ${p.transitions.toLocaleString('en-US')} transitions, ${progressFigures(p)}`),
    onLivenessProgress: throttled((p: LivenessProgress) => `${Math.round(p.seconds)} s of the ${livenessFigures(p)}`),
  };
}

/** Uncovered transition pairs listed per machine after a check; the rest are counted. */
const PAIRS_LISTED = 10;

/**
 * The check's summary with the guard outcomes and transition pairs of its
 * coverage, before its verdict lines: what no reachable state takes is
 * unreachable, and a pair the search's deliveries cannot compose is too.
 */
export function withGuardsAndPairs(summary: string, r: CheckResult): string {
  if (!r.coverage) return summary;
  const components = createComponents(designOf(r.mutant));
  const reason = 'unreachable in this design under these faults (proven by this exhaustive check)';
  const misses = uncovered(components, r.coverage.visited, ['guard', 'pair']).map((u) => ({ ...u, reason }));
  const lines = [
    'guard outcomes (true and false of each guarded transition, as XState evaluated them in some reachable state) and transition pairs (two transitions one instance takes in a row, of those its graph allows; composed from the deliveries, so a pair missing is unreachable):',
    ...r.coverage.summary.map((c) => `  ${c.machine.padEnd(9)} guard outcomes ${c.guards[0]}/${c.guards[1]}, pairs ${c.pairs[0]}/${c.pairs[1]}`),
    ...missLines(misses, PAIRS_LISTED),
  ];
  const out = summary.split('\n');
  const at = out.findIndex((l) => l.startsWith('exercised (') || l.startsWith('PASS:'));
  out.splice(at < 0 ? out.length : at, 0, ...lines);
  return out.join('\n');
}

async function runCheck(flags: CheckFlags, outGiven: boolean): Promise<void> {
  if (flags.property && !flags.liveness && flags.property.every((id) => id.startsWith('LIVE-'))) {
    process.stderr.write(`hotup check: --property ${flags.property.join(',')} with --no-liveness checks nothing: drop --no-liveness, or name an INV-* in --property\n`);
    process.exitCode = EXIT.BAD_INPUT;
    return;
  }
  // A path the user gave is checked before the search; the default is written only if a counterexample turns up.
  if (outGiven) checkOutputFile('--out', flags.out);
  const live = !flags.json && process.stderr.isTTY;
  const progress = progressReporter(live, flags.progress);
  // One reading of the memory available sizes both the default limit and the auto store's whole vectors.
  const available = availableMemory();
  const limits = checkLimits(flags, available);
  const stop = interruptPoll();
  const result: CheckResult = await checkOnWorkers({
    topology: flags.topology,
    mutant: flags.mutant ?? null,
    faults: flags.faults,
    userChanges: flags.userChanges === 'unbounded' ? null : flags.userChanges,
    rounds: flags.rounds === 'unbounded' ? null : flags.rounds,
    ...(limits.maxStates !== null ? { maxStates: limits.maxStates } : {}),
    ...(limits.maxSeconds !== null ? { maxSeconds: limits.maxSeconds } : {}),
    maxMemoryMB: limits.maxMemoryMB,
    store: flags.store,
    compressAbove: vectorBytesFor(available),
    liveness: flags.liveness,
    por: flags.por,
    fullHistory: flags.fullHistory === true,
    vacuity: flags.vacuity === true,
    coverage: flags.coverage === true,
    ...(flags.property ? { properties: flags.property } : {}),
    ...(progress ? { onProgress: progress.onProgress, onLivenessProgress: progress.onLivenessProgress } : {}),
    ...(stop ? { stop } : {}),
  }, flags.workers);
  if (live) process.stderr.write('\r\x1b[K');
  let file: string | null = null;
  const cx = result.counterexample;
  if (cx) {
    file = resolve(flags.out);
    writeOutputs([
      {
        flag: '--out',
        path: flags.out,
        text: eventsFileText({
          topology: flags.topology,
          mutant: result.mutant,
          faults: result.faults,
          properties: result.properties,
          violation: cx.violation.id,
          events: cx.events,
          loopStart: cx.loopStart,
        }),
      },
    ]);
  }
  if (flags.json) process.stdout.write(`${JSON.stringify({ ...(checkJson(result, file) as object), limits, hugePages: hugePagesAsked() }, null, 2)}\n`);
  else process.stdout.write(`${withGuardsAndPairs(formatCheckSummary(result), result)}${memoryLimitNote(result.cutBy, limits)}${nextStepsNote(result.cutBy)}${file ? `\nevents written to ${file}\nreplay: npx hotup replay-events ${shellQuote(flags.out)}` : ''}\n`);
  process.exitCode = exitCodeOf(result.verdict);
}

/** What replay-events may also write: the counterexample as a sequence chart, a hotup trace or ITF. */
interface ReplayFlags {
  json?: boolean;
  seqOut?: string;
  traceOut?: string;
  itfOut?: string;
}

function runReplay(file: string, flags: ReplayFlags): void {
  checkRunOutputs(flags);
  let f;
  try {
    f = readEventsFile(file);
  } catch (e) {
    if (!(e instanceof EventsFileError)) throw e;
    process.stderr.write(`hotup replay-events: ${e.message}\n`);
    process.exitCode = EXIT.BAD_INPUT;
    return;
  }
  const system = createSystem(f.topology, designOf(f.mutant));
  let r;
  try {
    r = replayEvents(system, f.faults, f.events, f.properties ? new Set(f.properties) : null, f.loopStart === null || f.violation === null ? null : { start: f.loopStart, property: f.violation });
  } catch (e) {
    if (!(e instanceof ReplayError)) throw e;
    process.stderr.write(`hotup replay-events: ${quotePath(file)}, field 'events': ${clip(e.message, 300)}; replay the file 'hotup check --out' wrote, unedited\n`);
    process.exitCode = EXIT.BAD_INPUT;
    return;
  }
  const reproduced = (r.violation?.id ?? null) === f.violation;
  const start = createSystem(f.topology, designOf(f.mutant)).initial();
  const outputs = runOutputs(flags, { topology: f.topology, start, steps: r.steps, violation: r.violation, drawn: true, source: `npx hotup replay-events ${shellQuote(file)}` });
  writeOutputs(outputs);
  if (flags.seqOut) process.stderr.write(`sequence chart: ${outputs.filter((o) => o.flag === '--seq-out').map((o) => o.path).join(', ')}\n`);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ file, violation: r.violation, expected: f.violation, reproduced, steps: r.steps.length, loopStart: f.loopStart, trace: r.trace.split('\n') }, null, 2)}\n`);
  } else {
    const design = f.mutant ? `mutant ${f.mutant}` : 'correct design';
    process.stdout.write(`hotup replay-events: ${file}: topology ${f.topology.name}, ${design}, ${f.events.length} events, every property checked after each\n${r.trace}\n`);
    if (!reproduced) process.stdout.write(f.violation === null ? `the events were to break nothing, but broke ${r.violation?.id}\n` : `the events did not break ${f.violation}${r.violation ? ` (they broke ${r.violation.id})` : ''}\n`);
  }
  process.exitCode = !reproduced ? EXIT.BAD_INPUT : f.violation === null ? EXIT.PASS : EXIT.VIOLATION;
}

const CHECK_EXAMPLES = `
Examples:
  npx hotup check --topology claims-1-9                                       # every reachable state under every fault, LIVE-* included
  npx hotup check --topology claims-1-9 --full-history                        # the same verdict over the twins' states (docs/history.md)
  npx hotup check --mutant MUT-PARALLEL-UPGRADE --faults none --out cx.json  # exit 1, the shortest counterexample
  npx hotup check --topology claims-10-11 --max-seconds 60                   # exit 3 (INCOMPLETE) if the time runs out`;

const REPLAY_EVENTS_EXAMPLES = `
Examples:
  npx hotup replay-events cx.json          # exit 1 when the events break the property again
  npx hotup replay-events cx.json --json`;

/** `hotup check`: exhaustive model checking; `hotup replay-events FILE`: re-run the events a check wrote. */
export function registerCheckCommand(program: Command): void {
  const checkCommand = program
    .command('check')
    .description('exhaustive breadth-first model checking of every reachable state; exit 0 pass, 1 violation, 2 bad input, 3 incomplete (cut by --max-states, --max-seconds, --max-memory, a nearly full JavaScript heap, or Ctrl-C: a second ends it at once)')
    .addOption(new Option('--topology <name|file>', 'a preset (hotup list) or a JSON topology file').default(loadTopology(DEFAULT_TOPOLOGY), DEFAULT_TOPOLOGY).argParser(topologyOption))
    .addOption(new Option('--mutant <id>', 'check a broken design (MUT-*)').argParser(mutantOption))
    .addOption(new Option('--faults <list>', "faults the environment may inject: 'all', 'none' or FAULT-* ids").default([...FAULTS], 'all').argParser(faultsOption))
    .addOption(
      new Option('--user-changes <n>', "at most n FAULT-USER-CONFIG steps (MTU, MAC, admin state, bond options) in one run, or 'unbounded'")
        .default(DEFAULT_USER_CHANGES, String(DEFAULT_USER_CHANGES))
        .argParser(userChangesOption),
    )
    .addOption(
      new Option(
        '--rounds <n>',
        ROUNDS_HELP,
      )
        .default(1, '1')
        .argParser(roundsOption),
    )
    .addOption(new Option('--property <ids>', 'check only these INV-*/LIVE-* ids (comma-separated)').argParser(propertiesOption))
    .addOption(
      new Option('--max-states <n>', `stop storing new states at n; the verdict is then INCOMPLETE, never a pass (default: none, the search runs to its verdict or to a limit below; a swarm member: ${SWARM_MAX_STATES.toLocaleString('en-US')})`)
        // The tree store's limit (tree-store.ts); the auto store moves there long before.
        .argParser(intOption('--max-states', 1, 2 ** 32 - 2)),
    )
    .addOption(new Option('--max-seconds <n>', 'stop the search after n seconds; the verdict is then INCOMPLETE').argParser(intOption('--max-seconds', 1, 10_000_000)))
    .addOption(new Option('--max-memory <MB>', `stop the search before the state store or the process's resident memory passes MB MiB; the verdict is then INCOMPLETE (default: ${DEFAULT_MEMORY_SHARE * 100} % of the memory available when it starts; a swarm member: none)`).argParser(intOption('--max-memory', 1, 16_000_000)))
    .addOption(
      new Option('--store <kind>', 'how visited states are kept: vectors (whole vectors and parents, fastest), tree (tree compression, under 16 bytes per state, a quarter more CPU), auto (vectors, moved into a tree past a third of the memory available when the search starts, at least 1 GiB, or half of --max-memory)')
        .choices(['auto', 'tree', 'vectors'])
        .default('auto'),
    )
    .addOption(
      new Option('--workers <n>', 'worker threads of the breadth-first search, each owning the states whose hash falls to it (1: no threads); LIVE-* and --vacuity then run in this thread on the gathered states, --coverage runs on one worker')
        .default(1, `1; up to ${availableParallelism()} on this machine (its cores): more pay off on INV-only searches of millions of states, not with LIVE-* (docs/parallel-check.md)`)
        .argParser(intOption('--workers', 1, 1024)),
    )
    .option('--no-liveness', 'skip the fair-cycle search for LIVE-*')
    .option('--no-por', 'no partial-order reduction (it applies only to INV-* with --no-liveness, on one worker; docs/partial-order.md)')
    .option('--full-history', 'keep every fault bit and every invariant monitor in the state, as the SPIN and Quint twins do (default: only what the checked properties read of them, which has the same verdicts on fewer states; docs/performance.md)')
    .option('--coverage', 'list the machine states, transitions, guard outcomes and transition pairs no reachable state takes (unreachable under these faults)')
    .option('--vacuity', 'count, per property, the reachable states where its premise holds (a property exercised in none says so)')
    .option('--out <file>', 'where to write a counterexample as an event list for replay-events', 'hotup-counterexample.json')
    .option('--json', 'print the result as JSON')
    .addOption(
      new Option('--progress <seconds>', 'when stderr is not a terminal, or with --json: a plain line on stderr every n seconds with the states, transitions, depth, rate and memory so far, then of the fair-cycle search with the LIVE-* it searches and how far (0: none; a terminal gets a live line instead)')
        .default(PROGRESS_SECONDS)
        .argParser(intOption('--progress', 0, 86_400)),
    )
    .addHelpText('after', CHECK_EXAMPLES)
    .action(async (flags: CheckFlags, cmd: Command) => {
      // A bound on user changes with user changes turned off bounds nothing: say so rather than accept it.
      if (cmd.getOptionValueSource('userChanges') === 'cli' && !flags.faults.includes('FAULT-USER-CONFIG')) {
        process.stderr.write(`hotup check: --user-changes bounds FAULT-USER-CONFIG steps, but --faults leaves that fault out: drop --user-changes, or add FAULT-USER-CONFIG to --faults\n`);
        process.exitCode = EXIT.BAD_INPUT;
        return;
      }
      if (runsSwarm(cmd)) return runSwarmMember(flags as CheckFlags & SwarmMemberFlags, cmd);
      await runCheck(flags, cmd.getOptionValueSource('out') === 'cli');
    });
  for (const o of swarmOptions()) checkCommand.addOption(o);
  checkCommand.addHelpText('after', SWARM_EXAMPLES);

  program
    .command('replay-events')
    .description('re-run the events of a counterexample written by check, through the plain system and its monitors; exit 1 when it breaks the property again')
    .argument('<file>', "the JSON file 'hotup check' wrote (--out)")
    .option('--json', 'print the result as JSON')
    .option('--seq-out <file>', 'also write the counterexample as a sequence chart: <file>.mmd (Mermaid) and <file>.svg')
    .option('--trace-out <file>', 'also write it as a hotup trace (JSON Lines, docs/trace-format.md)')
    .option('--itf-out <file>', 'also write it as an ITF trace (Quint, Apalache)')
    .addHelpText('after', REPLAY_EVENTS_EXAMPLES)
    .action((file: string, flags: ReplayFlags) => runReplay(file, flags));
}
