import { basename, dirname, join, relative } from 'node:path';
import { statSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { eventsFileText } from '../check/events-file.js';
import { shellQuote } from '../topology/quote.js';
import type { SearchFlags } from './search-flags.js';
import { BITSTATE_BITS } from '../swarm/bitstate.js';
import { runMember } from '../swarm/member.js';
import { memberFileText, memberRecord, SwarmFileError } from '../swarm/member-file.js';
import { memberFileName, mergeSwarm, replayCommand } from '../swarm/merge.js';
import { parseSwarmArg, SwarmArgError } from '../swarm/plan.js';
import { formatMemberSummary, formatSwarmReport, swarmReportJson } from '../swarm/report.js';
import { EXIT, exitCodesText } from './exit-codes.js';
import { checkOutputFile, writeOutputs } from './output.js';
import { intOption } from './options.js';
import { SWARM_MAX_STATES } from './check-limits.js';
import { interruptPoll } from './interrupt.js';

/** The check flags a swarm member reads. */
export interface SwarmMemberFlags extends SearchFlags {
  swarm?: { member: number; members: number };
  swarmOut: string;
  seed: number;
  bitstateBits: number;
}

/** Where members write when --swarm-out is not given: a folder, one file per member. */
const DEFAULT_SWARM_OUT = 'hotup-swarm/';

/** The flags only a swarm member reads. */
const SWARM_ONLY = ['swarmOut', 'seed', 'bitstateBits'] as const;

/** The exhaustive check's flags that mean nothing to a member, which keeps no states. */
const EXHAUSTIVE_ONLY: readonly { key: string; flag: string; why: string }[] = [
  { key: 'store', flag: '--store', why: 'a swarm member keeps states as bits, not in a store' },
  { key: 'coverage', flag: '--coverage', why: 'proving a machine state unreachable needs every reachable state' },
  { key: 'vacuity', flag: '--vacuity', why: 'counting the states where a premise holds needs every reachable state' },
  { key: 'fullHistory', flag: '--full-history', why: 'members keep only the history their properties read, so that all of them count states alike' },
];

/**
 * For a search a limit cut: a line naming the ways on beside a bigger
 * limit: more cores, or a swarm, which covers a space too large for one
 * search in parts and can find a violation but never proves the design
 * (else nothing: after a verdict, or the user's own interrupt).
 */
export function nextStepsNote(cutBy: string | null): string {
  if (cutBy === null || cutBy === 'interrupted') return '';
  const drop = EXHAUSTIVE_ONLY.map((x) => x.flag);
  return `\nnext: raise --${cutBy}; or run --workers N on more cores (docs/parallel-check.md); or, for a space too large for one search, a swarm that covers it in parts and proves nothing: the same command with --swarm K/N for K = 0 to N-1 (without ${drop.slice(0, -1).join(', ')} or ${drop.at(-1)}), then npx hotup swarm merge ${DEFAULT_SWARM_OUT} (docs/swarm.md)`;
}

function swarmOption(value: string): { member: number; members: number } {
  try {
    return parseSwarmArg(value);
  } catch (e) {
    if (e instanceof SwarmArgError) throw new InvalidArgumentError(e.message);
    throw e;
  }
}

/** The options `hotup check` takes to run as one member of a swarm. */
export function swarmOptions(): Option[] {
  return [
    new Option('--swarm <K/N>', "run as member K of a swarm of N (K from 0, as SLURM_ARRAY_TASK_ID and JOB_COMPLETION_INDEX count): a bitstate search with the member's own hash functions and search order, INV-* only; exit 1 violation, 3 INCOMPLETE (a swarm never proves; docs/swarm.md)").argParser(swarmOption),
    new Option('--swarm-out <file|folder/>', 'where the member writes its result: a folder (ending in /, or one that exists) gets member-K-of-N.json and counterexample-K-of-N.json; a file gets its counterexample beside it').default(DEFAULT_SWARM_OUT),
    new Option('--seed <n>', 'the seed the members of one swarm share; each member derives its own from it and K').default(1).argParser(intOption('--seed', 0, 2 ** 32 - 1)),
    new Option('--bitstate-bits <n>', `a member's bit array holds 2^n bits (SPIN's -w): ${BITSTATE_BITS.min} (8 KiB) to ${BITSTATE_BITS.max} (512 MiB)`).default(BITSTATE_BITS.default).argParser(intOption('--bitstate-bits', BITSTATE_BITS.min, BITSTATE_BITS.max)),
  ];
}

/** The swarm examples for `hotup check --help`. */
export const SWARM_EXAMPLES = `
Swarm (docs/swarm.md):
  npx hotup check --topology claims-10-11 --swarm 0/4 --swarm-out out/ --max-seconds 600   # member 0 of 4; run 1/4, 2/4, 3/4 elsewhere
  npx hotup swarm merge out/                                                              # exit 1 if any member found a violation, else 3`;

/** Whether a check command line asks for a swarm member (--swarm, or a flag only a member reads). */
export const runsSwarm = (cmd: Command): boolean => cmd.getOptionValue('swarm') !== undefined || SWARM_ONLY.some((k) => cmd.getOptionValueSource(k) === 'cli');

/** Refuses a command line, naming the flag and the fix. */
function refuse(message: string): void {
  process.stderr.write(`hotup check: ${message}\n`);
  process.exitCode = EXIT.BAD_INPUT;
}

/** The member file and its counterexample file for --swarm-out. */
function outputPaths(swarmOut: string, member: number, members: number): { memberFile: string; eventsFile: string } {
  let isDir = swarmOut.endsWith('/');
  try {
    isDir ||= statSync(swarmOut).isDirectory();
  } catch {
    // a path that does not exist yet names a file unless it ends in /
  }
  if (isDir) return { memberFile: join(swarmOut, memberFileName(member, members)), eventsFile: join(swarmOut, `counterexample-${member}-of-${members}.json`) };
  const base = basename(swarmOut).replace(/\.json$/, '');
  return { memberFile: swarmOut, eventsFile: join(dirname(swarmOut), `${base}.counterexample.json`) };
}

/** `hotup check --swarm K/N`: one member's bitstate search; writes its member file (and counterexample), prints its summary. */
export function runSwarmMember(flags: SwarmMemberFlags, cmd: Command): void {
  if (!flags.swarm) {
    const given = SWARM_ONLY.filter((k) => cmd.getOptionValueSource(k) === 'cli').map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    return refuse(`${given.join(', ')} only ${given.length === 1 ? 'applies' : 'apply'} to a swarm member: add --swarm K/N (e.g. --swarm 0/4), or drop ${given.join(', ')}`);
  }
  for (const x of EXHAUSTIVE_ONLY) {
    if (cmd.getOptionValueSource(x.key) === 'cli') return refuse(`${x.flag} does not go with --swarm: ${x.why}; drop ${x.flag}, or drop --swarm for the exhaustive check`);
  }
  if (flags.property && flags.property.every((id) => id.startsWith('LIVE-'))) {
    return refuse(`--property ${flags.property.join(',')} with --swarm checks nothing: a swarm member checks INV-* only (LIVE-* need every reachable state); name an INV-* in --property, or drop --swarm`);
  }
  const bitBytes = 2 ** (flags.bitstateBits - 3);
  if (flags.maxMemory !== undefined && bitBytes > flags.maxMemory * 2 ** 20) {
    return refuse(`--bitstate-bits ${flags.bitstateBits} needs a ${bitBytes / 2 ** 20} MiB bit array, more than --max-memory ${flags.maxMemory}: lower --bitstate-bits (each step down halves it) or raise --max-memory`);
  }
  const { member, members } = flags.swarm;
  const paths = outputPaths(flags.swarmOut, member, members);
  const eventsFile = cmd.getOptionValueSource('out') === 'cli' ? flags.out : paths.eventsFile;
  checkOutputFile('--swarm-out', paths.memberFile);
  checkOutputFile(cmd.getOptionValueSource('out') === 'cli' ? '--out' : '--swarm-out', eventsFile);
  const stop = interruptPoll();
  const r = runMember({
    topology: flags.topology,
    mutant: flags.mutant ?? null,
    faults: flags.faults,
    userChanges: flags.userChanges === 'unbounded' ? null : flags.userChanges,
    rounds: flags.rounds === 'unbounded' ? null : flags.rounds,
    properties: flags.property?.filter((id) => id.startsWith('INV-')) ?? null,
    member,
    members,
    swarmSeed: flags.seed,
    bitstateBits: flags.bitstateBits,
    maxStates: flags.maxStates ?? SWARM_MAX_STATES,
    ...(flags.maxSeconds !== undefined ? { maxSeconds: flags.maxSeconds } : {}),
    ...(flags.maxMemory !== undefined ? { maxMemoryMB: flags.maxMemory } : {}),
    ...(stop ? { stop } : {}),
  });
  const cx = r.counterexample;
  const record = memberRecord(r, cx ? relative(dirname(paths.memberFile), eventsFile) || basename(eventsFile) : null);
  writeOutputs([
    ...(cx
      ? [{ flag: '--swarm-out', path: eventsFile, text: eventsFileText({ topology: r.topology, mutant: r.mutant, faults: r.faults, properties: r.properties, violation: cx.property, events: cx.events, loopStart: null }) }]
      : []),
    { flag: '--swarm-out', path: paths.memberFile, text: memberFileText(record) },
  ]);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ ...record, file: paths.memberFile, ...(cx ? { replay: replayCommand(eventsFile), trace: cx.trace.split('\n') } : {}) }, null, 2)}\n`);
  } else {
    const files = [`member result written to ${paths.memberFile}`, ...(cx ? [`events written to ${eventsFile}`, `replay: npx hotup replay-events ${shellQuote(eventsFile)}`] : []), `merge the swarm: npx hotup swarm merge ${shellQuote(dirname(paths.memberFile))}${flags.swarmOut.endsWith('/') || paths.memberFile !== flags.swarmOut ? '' : ' (and the other members\' files)'}`];
    process.stdout.write(`${formatMemberSummary(r)}\n${files.join('\n')}\n`);
  }
  process.exitCode = cx ? EXIT.VIOLATION : EXIT.INCOMPLETE;
}

/** `hotup swarm merge FILES...`: one report from the members of a swarm. */
export function registerSwarmCommand(program: Command): void {
  const swarm = program
    .command('swarm')
    .description('swarm verification: combine the members that `hotup check --swarm K/N` ran (docs/swarm.md)')
    .addHelpText('after', `\nExamples:\n  npx hotup check --topology claims-1-9 --swarm 0/4 --swarm-out out/ --max-seconds 60   # one member; run K = 0..3\n  npx hotup swarm merge out/                                                        # one report from the members`);
  swarm
    .command('merge')
    .description('combine member files into one report: members, states covered, distinct violations with their replay commands; exit 1 if any member found a violation, else 3 (INCOMPLETE: a swarm never proves a property), 2 for files that are not members of one swarm')
    .argument('<files...>', "member files or folders that 'hotup check --swarm K/N --swarm-out' wrote")
    .option('--json', 'print the report as JSON')
    .addHelpText('after', `\nExamples:\n  npx hotup swarm merge hotup-swarm/\n  npx hotup swarm merge out/member-*.json --json\n\n${exitCodesText()}`)
    .exitOverride()
    .action((files: string[], flags: { json?: boolean }) => {
      let report;
      try {
        report = mergeSwarm(files);
      } catch (e) {
        if (!(e instanceof SwarmFileError)) throw e;
        process.stderr.write(`hotup swarm merge: ${e.message}\n`);
        process.exitCode = EXIT.BAD_INPUT;
        return;
      }
      process.stdout.write(flags.json ? `${JSON.stringify(swarmReportJson(report), null, 2)}\n` : `${formatSwarmReport(report)}\n`);
      process.exitCode = report.verdict === 'violation' ? EXIT.VIOLATION : EXIT.INCOMPLETE;
    });
}
