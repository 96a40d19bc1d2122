import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EXIT } from '../../src/cli/exit-codes.js';
import type { CliRun } from './run-cli.js';

/** The exit codes a command may give (src/cli/exit-codes.ts); anything else breaks the contract. */
export const ALLOWED_EXITS: ReadonlySet<number> = new Set([EXIT.PASS, EXIT.VIOLATION, EXIT.BAD_INPUT, EXIT.INCOMPLETE, EXIT.INCONCLUSIVE]);

/** A JavaScript stack frame as Node prints it. */
const STACK_FRAME = /^\s+at .+(\(.*:\d+:\d+\)|:\d+:\d+)$/m;

/** How an exit-2 message names what it refused: a field, a flag, an argument or a command. */
const NAMES_FIELD = /field '[^']+'|--[a-z][a-z-]*|argument '[^']*'|option '[^']*'|command '[^']*'|too many arguments/;

/** Every file under `dir` (relative paths), for "nothing half-written" checks. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Why a run breaks the CLI's contract, or null when it keeps it. */
export function contractBreach(r: CliRun, before: readonly string[] | null = null, after: readonly string[] | null = null): string | null {
  if (!ALLOWED_EXITS.has(r.code)) return `exit ${r.code} is not in the contract (${[...ALLOWED_EXITS].join(', ')}); stderr: ${r.err.slice(0, 400)}`;
  if (STACK_FRAME.test(r.err) || STACK_FRAME.test(r.out)) return `a stack trace was printed: ${r.err.slice(0, 400)}`;
  if (r.code === EXIT.BAD_INPUT && !NAMES_FIELD.test(r.err)) return `exit 2 without naming the field: ${r.err.slice(0, 400)}`;
  if (r.err.length > 20_000) return `standard error holds ${r.err.length} characters: an offending value came back whole`;
  if (after) {
    const tmp = after.filter((f) => f.endsWith('.tmp'));
    if (tmp.length) return `half-written files left: ${tmp.join(', ')}`;
    if (before && r.code === EXIT.BAD_INPUT) {
      const added = after.filter((f) => !before.includes(f));
      if (added.length) return `exit 2 but files were written: ${added.join(', ')}`;
    }
  }
  return null;
}
