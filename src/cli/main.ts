#!/usr/bin/env node
import { EXIT } from './exit-codes.js';
import { main } from './program.js';

// An error that escapes main() (a stream's late 'error' event) is still a program error: exit 70, never Node's 1.
const fatal = (e: unknown): void => {
  // The reader of our output went away (hotup list | head -1): nothing is wrong, and nothing more to say.
  if ((e as NodeJS.ErrnoException | null)?.code === 'EPIPE') process.exit(process.exitCode === undefined ? EXIT.PASS : Number(process.exitCode));
  const err = e instanceof Error ? e : new Error(String(e));
  process.stderr.write(`hotup: program error (${err.name}: ${err.message.slice(0, 200)}); please report it with the command line\n`);
  if (process.env.HOTUP_DEBUG) process.stderr.write(`${err.stack ?? ''}\n`);
  process.exit(EXIT.INTERNAL);
};
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

process.exitCode = await main(process.argv.slice(2));
