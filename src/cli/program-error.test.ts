import type { Command } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../test/fuzz/run-cli.js';
import { EXIT } from './exit-codes.js';

// A command whose action has a bug: what hotup does with a fault of its own.
vi.mock('./list-command.js', () => ({
  registerListCommand: (program: Command) =>
    program.command('list').action(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'id')");
    }),
}));

describe('a program error', () => {
  it('exits 70 (EX_SOFTWARE), never 1, with one line naming it and no stack trace', async () => {
    const r = await runCli(['list']);
    expect(r.code).toBe(EXIT.INTERNAL);
    expect(r.code).not.toBe(EXIT.VIOLATION);
    expect(r.err).toBe("hotup: program error (TypeError: Cannot read properties of undefined (reading 'id')); this is a fault in hotup, not in the input: please report it with the command line\n");
  });
});
