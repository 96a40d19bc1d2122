import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/fuzz/run-cli.js';
import { EXIT, EXIT_TABLE, exitCodesMarkdown, exitCodesText } from './exit-codes.js';
import { buildProgram } from './program.js';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'hotup-manners-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const COMMANDS = buildProgram().commands.map((c) => c.name());

describe('exit codes as a contract', () => {
  it("the README's table is the code's", () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(`<!-- exit-codes: generated from src/cli/exit-codes.ts; a test keeps it equal -->\n${exitCodesMarkdown()}\n<!-- /exit-codes -->`);
  });

  it('hotup --help prints it, with examples', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(EXIT.PASS);
    expect(r.out).toContain(exitCodesText());
    expect(r.out).toMatch(/Examples \(from a clone: npm ci, then npx hotup \.\.\.\):\n {2}npx hotup list/);
  });

  it('a program error is never 1, and the codes are distinct where they mean different things', () => {
    expect(EXIT.INTERNAL).toBe(70);
    expect(new Set(EXIT_TABLE.map((r) => r.code)).size).toBe(EXIT_TABLE.length);
  });
});

describe("the CLI's manners", () => {
  it('prints its version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(EXIT.PASS);
    expect(r.out).toBe(`${(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version}\n`);
  });

  it.each(COMMANDS)('%s --help has examples that run from a clone, and the exit codes', async (command) => {
    const r = await runCli([command, '--help']);
    expect(r.code).toBe(EXIT.PASS);
    expect(r.out).toMatch(/\nExamples[^\n]*:\n/);
    const examples = r.out.slice(r.out.indexOf('Examples'), r.out.indexOf('Exit codes:'));
    expect(examples).toMatch(new RegExp(`npx hotup ${command}\\b`));
    // Every command in an example is one a user of a clone can paste: npx hotup, never a bare hotup.
    for (const line of examples.split('\n').filter((l) => l.startsWith('  '))) expect(line).not.toMatch(/(?<!npx )\bhotup [a-z-]/);
    expect(r.out).toContain(exitCodesText());
  });

  it('list tells claims-10-11 and claims-10-11-primary apart', async () => {
    const r = await runCli(['list']);
    const line = (name: string) => r.out.split('\n').find((l) => l.startsWith(`  ${name} `))!.slice(name.length + 2).trim();
    expect(line('claims-10-11')).not.toBe(line('claims-10-11-primary'));
    expect(line('claims-10-11-primary')).toMatch(/primary N1, primary_reselect always, downdelay 1, updelay 1, chardev notification/);
  });

  it("the README's trace example writes a trace with an upgrade in it, and conform reads it", async () => {
    const trace = join(dir, 'run.jsonl');
    expect((await runCli(['explore', '--runs', '20', '--trace-out', trace])).code).toBe(EXIT.PASS);
    const text = readFileSync(trace, 'utf8');
    expect(text).toContain('"event":"tool.start"');
    expect(text).toContain('"event":"tool.done"');
    const r = await runCli(['conform', trace, '--no-diagnose']);
    expect(r.code).toBe(EXIT.PASS);
    expect(r.out).not.toMatch(/CONFORMING: 0 events/);
  });

  it("replay's output starts with its own header, and replay-events speaks of properties, not monitoredStep", async () => {
    const found = await runCli(['explore', '--mutant', 'MUT-NO-TAKEOVER', '--faults', 'none', '--json']);
    const cx = (JSON.parse(found.out) as { counterexample: { seed: number; path: string; commandsPath: string } }).counterexample;
    const r = await runCli(['replay', '--mutant', 'MUT-NO-TAKEOVER', '--faults', 'none', '--seed', String(cx.seed), '--path', cx.path, '--commands-path', cx.commandsPath]);
    expect(r.code).toBe(EXIT.VIOLATION);
    expect(r.out).toMatch(/^hotup replay: /);
    const out = join(dir, 'cx.json');
    await runCli(['check', '--topology', 'claims-1-9', '--mutant', 'MUT-PARALLEL-UPGRADE', '--faults', 'none', '--no-liveness', '--out', out]);
    const again = await runCli(['replay-events', out]);
    expect(again.out).not.toMatch(/monitoredStep/);
  });
});
