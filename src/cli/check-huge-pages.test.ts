import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HUGE_PAGES_TUNABLE, hugePagesAsked } from './huge-pages.js';

const hotup = (env: NodeJS.ProcessEnv, ...args: string[]) => spawnSync(process.execPath, ['bin/hotup.js', ...args], { encoding: 'utf8', env });

/** The environment without GLIBC_TUNABLES (whatever the test runner was given). */
const plainEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.GLIBC_TUNABLES;
  return env;
};

/** Pids of the processes whose command line holds `marker`. */
const processesWith = (marker: string): number[] =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);

describe.runIf(process.platform === 'linux')('hotup check and transparent huge pages', () => {
  it('asks glibc for huge pages unless GLIBC_TUNABLES is set, with the same result', () => {
    const args = ['check', '--topology', 'claims-1-9', '--faults', 'none', '--no-liveness', '--json'];
    const asked = hotup(plainEnv(), ...args);
    expect(asked.status).toBe(0);
    const own = hotup({ ...plainEnv(), GLIBC_TUNABLES: 'glibc.malloc.check=0' }, ...args);
    expect(own.status).toBe(0);
    const a = JSON.parse(asked.stdout);
    const b = JSON.parse(own.stdout);
    expect(a.hugePages).toBe(true);
    expect(b.hugePages).toBe(false);
    expect([a.verdict, a.states, a.transitions]).toEqual([b.verdict, b.states, b.transitions]);
  });

  it('keeps the exit code of a check that finds a violation', () => {
    const r = hotup(plainEnv(), 'check', '--topology', 'claims-10-11', '--faults', 'none', '--mutant', 'MUT-PARALLEL-UPGRADE', '--out', join(mkdtempSync(join(tmpdir(), 'hotup-huge-pages-')), 'cx.json'), '--json');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).hugePages).toBe(true);
  });

  it('passes a SIGTERM on to the check it runs, and ends by it', async () => {
    const marker = `--out=/tmp/hotup-huge-pages-${process.pid}-${Date.now()}.json`;
    const p = spawn(process.execPath, ['bin/hotup.js', 'check', '--topology', 'claims-10-11', '--no-liveness', marker], { env: plainEnv(), stdio: 'ignore' });
    // Both processes hold the marker once the check has started: the one this test started and the one it runs.
    for (let i = 0; i < 400 && processesWith(marker).length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(processesWith(marker)).toHaveLength(2);
    const ended = new Promise<NodeJS.Signals | null>((resolve) => p.on('exit', (_, signal) => resolve(signal)));
    p.kill('SIGTERM');
    expect(await ended).toBe('SIGTERM');
    for (let i = 0; i < 400 && processesWith(marker).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(processesWith(marker)).toEqual([]);
  });
});

describe('hugePagesAsked', () => {
  it('reads the tunable among others', () => {
    expect(hugePagesAsked({ GLIBC_TUNABLES: `glibc.malloc.check=0:${HUGE_PAGES_TUNABLE}` })).toBe(true);
    expect(hugePagesAsked({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' })).toBe(false);
    expect(hugePagesAsked({})).toBe(false);
  });
});
