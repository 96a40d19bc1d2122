import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/fuzz/run-cli.js';
import { EXIT } from '../cli/exit-codes.js';

const root = join(import.meta.dirname, '..', '..');

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
      ['--array=0-3', '--wait', `--chdir=${root}`, '-o', join(dir, 'task-%a.log'), `--export=ALL,SWARM_OUT=${out}`, 'scripts/slurm/swarm.sbatch', '--topology', 'claims-1-9', '--mutant', 'MUT-PARALLEL-UPGRADE', '--faults', 'none', '--max-seconds', '30', '--max-states', '100000'],
      { cwd: root, encoding: 'utf8', timeout: 55_000 },
    );
    expect(job.status, `sbatch failed:\n${job.stdout}\n${job.stderr}`).toBe(0);
    expect(job.stdout).toMatch(/Submitted batch job \d+/);
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
