import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPLORE_MUTANTS } from '../../scenarios/index.js';
import { topologyToJson } from '../conform/topology-json.js';
import { PRESETS } from '../topology/presets.js';
import { runCli } from '../../test/fuzz/run-cli.js';

/**
 * Every printed replay command reproduces its violation: it is pasted into a
 * real shell (sh), whose `npx` here only hands back the words the shell made
 * of the line, and those words run through the CLI's main(). Both topology
 * kinds: a preset, and a file whose path needs quoting and whose "name" field
 * is another preset's name (claims-1-9), which a replay by name would run.
 */
const dir = mkdtempSync(join(tmpdir(), 'hotup replay '));
const file = join(dir, `my topo's "copy".json`);
writeFileSync(file, JSON.stringify({ ...topologyToJson(PRESETS['claims-10-11']!), name: 'claims-1-9' }));

/** The words a POSIX shell makes of a printed `npx hotup ...` line. */
function shellWords(line: string): string[] {
  expect(line).toMatch(/^npx hotup /);
  const out = execFileSync('sh', ['-c', `npx() { shift; printf '%s\\0' "$@"; }; ${line}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

interface Cx {
  violation: { id: string };
  trace: string[];
  replay: string;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('printed replay commands replay exactly', () => {
  for (const topology of ['claims-10-11', file]) {
    it.each(EXPLORE_MUTANTS.map((s) => [s.mutant!, s] as const))(`%s on ${topology === file ? 'a topology file named claims-1-9' : 'the preset'}`, async (mutant, s) => {
      const found = await runCli(['explore', '--topology', topology, '--mutant', mutant, '--runs', String(s.budget.runs), '--steps', String(s.budget.steps), '--seed', String(s.budget.seed), '--json']);
      expect(found.code, found.err).toBe(1);
      const cx = (JSON.parse(found.out) as { counterexample: Cx }).counterexample;
      if (topology === file) expect(cx.replay).toContain(`'${dir}/my topo'\\''s "copy".json'`);
      const again = await runCli([...shellWords(cx.replay), '--json']);
      expect(again.code, again.err).toBe(1);
      const replayed = (JSON.parse(again.out) as { counterexample: Cx }).counterexample;
      expect(replayed.violation.id).toBe(cx.violation.id);
      expect(replayed.trace).toEqual(cx.trace);
    });
  }

  it('runs as printed from a clone: npx hotup in a real shell, in the repository', async () => {
    const found = await runCli(['explore', '--topology', file, '--mutant', 'MUT-NO-TAKEOVER', '--faults', 'none', '--json']);
    const cx = (JSON.parse(found.out) as { counterexample: Cx }).counterexample;
    const r = spawnSync('sh', ['-c', cx.replay], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^hotup replay: topology claims-1-9, mutant MUT-NO-TAKEOVER/);
    expect(r.stdout).toContain(cx.trace.join('\n'));
  });

  it("check's printed replay-events command reproduces its counterexample", async () => {
    const out = join(dir, 'cx (1).json');
    const r = await runCli(['check', '--topology', 'claims-1-9', '--mutant', 'MUT-PARALLEL-UPGRADE', '--faults', 'none', '--no-liveness', '--out', out]);
    expect(r.code).toBe(1);
    const line = /^replay: (.*)$/m.exec(r.out)![1]!;
    const again = await runCli(shellWords(line));
    expect(again.code, again.err).toBe(1);
    expect(again.out).toMatch(/INV-ONE-DOWN/);
  });

  it('a trace written with a counterexample carries the same replay command in its header', async () => {
    const trace = join(dir, 'cx.jsonl');
    copyFileSync(file, join(dir, 'second.json'));
    const r = await runCli(['explore', '--topology', join(dir, 'second.json'), '--mutant', 'MUT-NO-TAKEOVER', '--faults', 'none', '--json', '--trace-out', trace]);
    const cx = (JSON.parse(r.out) as { counterexample: Cx }).counterexample;
    const header = JSON.parse(readFileSync(trace, 'utf8').split('\n')[0]!) as { source: string };
    expect(header.source).toBe(cx.replay);
    expect(shellWords(cx.replay)).toContain(join(dir, 'second.json'));
  });
});
