import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/fuzz/run-cli.js';

const hotup = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/hotup.js', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('hotup check --workers', () => {
  it.each(['0', '-1', 'x'])("refuses --workers %s with exit 2, naming the flag and its range", async (bad) => {
    const r = await runCli(['check', '--topology', 'claims-1-9', '--faults', 'none', '--workers', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--workers takes a whole number from 1 to 1024, got '${bad}'`);
  });

  // Through bin/hotup.js, as a user runs it: the workers start under tsx's loader there too.
  it('prints the same figures and counterexample on 1 and 2 workers, and the replay command reproduces it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotup-workers-'));
    const [one, two] = ['1', '2'].map((w) => {
      const out = join(dir, `cx-${w}.json`);
      const r = hotup('check', '--topology', 'claims-1-9', '--faults', 'none', '--mutant', 'MUT-PARALLEL-UPGRADE', '--no-liveness', '--workers', w, '--out', out, '--json');
      expect(r.code).toBe(1);
      return { ...JSON.parse(r.out), out };
    });
    expect(two.workers).toBe(2);
    for (const k of ['verdict', 'states', 'transitions', 'diameter']) expect(two[k]).toEqual(one[k]);
    expect(two.counterexample.events).toEqual(one.counterexample.events);
    const again = hotup('replay-events', two.out);
    expect(again.code).toBe(1);
    expect(again.out).toContain(two.counterexample.trace.join('\n'));
  });

  it('ends INCOMPLETE with exit 3 and the figures in --json when --max-seconds cuts the search on 2 workers', async () => {
    const r = await runCli(['check', '--topology', 'claims-1-9', '--no-liveness', '--workers', '2', '--max-seconds', '1', '--json']);
    expect(r.code).toBe(3);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ verdict: 'incomplete', cutBy: 'max-seconds', workers: 2 });
    expect(j.states).toBeGreaterThan(1);
    expect(j.rssBytes).toBeGreaterThan(0);
  });

  it('ends INCOMPLETE with exit 3 and the reason when --max-memory cuts the search on 2 workers', async () => {
    const r = await runCli(['check', '--topology', 'claims-1-9', '--no-liveness', '--workers', '2', '--max-memory', '1']);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/^INCOMPLETE: .*--max-memory cut the search/m);
    expect(r.out).toMatch(/on 2 workers/);
  });

  it('says that --coverage runs on one worker, and checks LIVE-* on two', async () => {
    const r = await runCli(['check', '--topology', 'claims-1-9', '--faults', 'none', '--workers', '2', '--coverage']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^workers: --coverage reads the transitions one table system took: searched on one worker, not 2/m);
    const live = await runCli(['check', '--topology', 'claims-1-9', '--faults', 'none', '--workers', '2']);
    expect(live.code).toBe(0);
    expect(live.out).toMatch(/on 2 workers/);
    expect(live.out).toMatch(/^PASS: .*no fair cycle breaks LIVE-/m);
  });
});
