import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/fuzz/run-cli.js';
import { EXIT } from '../cli/exit-codes.js';

const root = join(import.meta.dirname, '..', '..');

/** The states a job leaves the queue in. */
const ENDED = /^(COMPLETED|FAILED|CANCELLED|TIMEOUT|OUT_OF_MEMORY|NODE_FAIL|PREEMPTED|BOOT_FAIL|DEADLINE)$/;

/**
 * Polls `scontrol show job` every quarter second until all `n` tasks of the
 * array have ended, and returns each task's state and exit code. (`sbatch
 * --wait` does the same, but sleeps 2, 8, then 32 s between its looks: a
 * swarm that ends after 10 s would keep it waiting until 42 s.) slurm.conf's
 * MinJobAge keeps ended tasks listed for 30 s, far more than one look apart.
 */
function waitForArray(id: string, n: number, timeoutMs: number): { task: string; state: string; exit: string }[] {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const q = spawnSync('scontrol', ['-o', 'show', 'job', id], { encoding: 'utf8' });
    last = `${q.stdout}${q.stderr}`;
    const tasks = q.stdout
      .split('\n')
      .filter((l) => l.includes('JobState='))
      .map((l) => ({ task: /ArrayTaskId=(\S+)/.exec(l)?.[1] ?? '?', state: /JobState=(\S+)/.exec(l)![1]!, exit: /ExitCode=(\S+)/.exec(l)?.[1] ?? '?' }))
      .sort((a, b) => a.task.localeCompare(b.task, 'en', { numeric: true }));
    if (q.status === 0 && tasks.length === n && tasks.every((t) => ENDED.test(t.state))) return tasks;
    if (q.status !== 0 || Date.now() > deadline) throw new Error(`job array ${id} did not end within ${timeoutMs / 1000} s, or left no record; scontrol said:\n${last}`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
  }
}

describe('a swarm on Slurm: scripts/slurm/swarm.sbatch as a job array of 4', () => {
  it('sets up the one-node cluster, runs member K of 4 in array task K, and the merged report finds the mutant\'s violation', async () => {
    // Idempotent: installs and starts only what is missing (CI runs it before the tests).
    const setup = spawnSync('bash', [join(root, 'scripts/slurm/setup.sh')], { encoding: 'utf8', timeout: 180_000 });
    expect(setup.status, `scripts/slurm/setup.sh failed:\n${setup.stdout}\n${setup.stderr}`).toBe(0);
    expect(setup.stdout).toMatch(/slurm ready: node \S+ (idle|mixed|allocated|completing)/);

    const dir = mkdtempSync(join(tmpdir(), 'hotup-slurm-'));
    const out = join(dir, 'out/');
    const job = spawnSync(
      'sbatch',
      ['--array=0-3', '--parsable', `--chdir=${root}`, '-o', join(dir, 'task-%a.log'), `--export=ALL,SWARM_OUT=${out}`, 'scripts/slurm/swarm.sbatch', '--topology', 'claims-1-9', '--mutant', 'MUT-PARALLEL-UPGRADE', '--faults', 'none', '--max-seconds', '30', '--max-states', '100000'],
      { cwd: root, encoding: 'utf8', timeout: 30_000 },
    );
    expect(job.status, `sbatch failed:\n${job.stdout}\n${job.stderr}`).toBe(0);
    const tasks = waitForArray(job.stdout.trim().split(';')[0]!, 4, 45_000);
    expect(tasks.map((t) => `${t.task} ${t.state} ${t.exit}`)).toEqual(['0 COMPLETED 0:0', '1 COMPLETED 0:0', '2 COMPLETED 0:0', '3 COMPLETED 0:0']);
    for (let k = 0; k < 4; k++) {
      const log = readFileSync(join(dir, `task-${k}.log`), 'utf8');
      expect(log, `task ${k}`).toContain(`hotup check --swarm ${k}/4: topology claims-1-9, mutant MUT-PARALLEL-UPGRADE`);
      expect(log, `task ${k}`).toContain(`member ${k} of 4: hotup exit 1, result in ${out}member-${k}-of-4.json`);
    }

    const merged = await runCli(['swarm', 'merge', out, '--json']);
    expect(merged.code, merged.err).toBe(EXIT.VIOLATION);
    const report = JSON.parse(merged.out);
    expect(report.members.map((m: { member: number }) => m.member)).toEqual([0, 1, 2, 3]);
    expect(report.missing).toEqual([]);
    expect(report.violations.map((v: { property: string }) => v.property)).toContain('INV-ONE-DOWN');
    for (const v of report.violations as { property: string; replay: string }[]) {
      const again = await runCli(v.replay.replace(/^npx hotup /, '').split(' '));
      expect(again.code, v.replay).toBe(EXIT.VIOLATION);
      expect(again.out).toContain(`violated ${v.property}`);
    }
    const text = await runCli(['swarm', 'merge', out]);
    expect(text.out).toContain('4 of 4 members');
    expect(text.out).toContain('A swarm never proves anything');
  }, 60_000);
});
