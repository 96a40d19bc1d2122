import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { EventsFileError } from '../check/events-file.js';
import { TraceInputError } from '../conform/input-error.js';
import { JsonTextError } from '../topology/json-text.js';
import { TopologyError } from '../topology/parse.js';
import { clip } from '../topology/quote.js';
import { registerCheckCommand } from './check-command.js';
import { registerCompareCommand } from './compare-command.js';
import { registerConformCommand } from './conform-command.js';
import { registerDiagramCommand } from './diagram-command.js';
import { EXIT, exitCodesText } from './exit-codes.js';
import { registerExploreCommands } from './explore-command.js';
import { registerImportCommand } from './import-command.js';
import { registerListCommand } from './list-command.js';
import { OutputError } from './output.js';
import { registerReportCommand } from './report-command.js';
import { registerSwarmCommand } from './swarm-command.js';
import { registerUiCommand } from './ui-command.js';

/** The package's version, as `hotup --version` prints it. */
export const VERSION = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

const EXAMPLES = `
Examples (from a clone: npm ci, then npx hotup ...):
  npx hotup list                                      # topologies, properties, faults, mutants
  npx hotup explore --mutant MUT-PARALLEL-UPGRADE     # exit 1, a shrunk trace and its replay command
  npx hotup check --topology claims-1-9               # every reachable state
  npx hotup conform docs/examples/traces/prior-art-upgrade.jsonl
  npx hotup <command> --help                          # each command's flags and examples

${exitCodesText()}`;

/** Commander quotes a refused value whole in its message; a value of megabytes must not come back whole. */
const shortenQuoted = (text: string): string =>
  text
    .split("'")
    .map((part) => (part.length > 200 ? `${part.slice(0, 60)}... (${part.length.toLocaleString('en-US')} characters)` : part))
    .join("'");

/** The `hotup` command line, built afresh (commander keeps parse state in the objects). */
export function buildProgram(): Command {
  const program = new Command('hotup')
    .description('Executable specification of a kernel network-driver hot-upgrade design')
    .version(VERSION, '-V, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(shortenQuoted(text)) });
  registerListCommand(program);
  registerExploreCommands(program);
  registerDiagramCommand(program);
  registerReportCommand(program);
  registerCompareCommand(program);
  registerConformCommand(program);
  registerCheckCommand(program);
  registerSwarmCommand(program);
  registerImportCommand(program);
  registerUiCommand(program);
  for (const c of program.commands) c.exitOverride().addHelpText('after', `\n${exitCodesText()}`);
  return program;
}

/** Errors that mean the input was refused (exit 2), each naming its field. */
const isInputError = (e: unknown): e is Error =>
  e instanceof TopologyError || e instanceof TraceInputError || e instanceof EventsFileError || e instanceof JsonTextError || e instanceof OutputError;

/**
 * Runs one command line (without `node hotup`) and returns its exit code
 * (exit-codes.ts). Never throws: bad input is exit 2 with a message naming
 * the field; anything else is a program error, exit 70, one line on standard
 * error (HOTUP_DEBUG=1 adds the stack).
 */
export async function main(argv: readonly string[]): Promise<number> {
  process.exitCode = undefined;
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    const code = Number(process.exitCode ?? EXIT.PASS);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.PASS : EXIT.BAD_INPUT;
    if (isInputError(e)) {
      process.stderr.write(`hotup: ${clip(e.message, 600)}\n`);
      return EXIT.BAD_INPUT;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    process.stderr.write(`hotup: program error (${err.name}: ${clip(err.message, 200)}); this is a fault in hotup, not in the input: please report it with the command line\n`);
    if (process.env.HOTUP_DEBUG) process.stderr.write(`${err.stack ?? ''}\n`);
    return EXIT.INTERNAL;
  } finally {
    process.exitCode = undefined;
  }
}
