import { main } from '../../src/cli/program.js';

/** What one command line did: its exit code and what it printed. */
export interface CliRun {
  readonly args: readonly string[];
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

type Write = typeof process.stdout.write;

/**
 * Runs `hotup ARGS` in this process through the CLI's own main(), capturing
 * standard output and error: the same code path as bin/hotup.js without the
 * second or two a Node start costs, so a fuzz suite can run a thousand.
 */
export async function runCli(args: readonly string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = { out: process.stdout.write, err: process.stderr.write };
  const capture =
    (into: string[]): Write =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }) as Write;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  let code: number;
  try {
    code = await main(args);
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
  }
  return { args, code, out: out.join(''), err: err.join('') };
}
