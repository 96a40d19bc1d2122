import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/fuzz/run-cli.js';
import { EXIT } from '../cli/exit-codes.js';

const root = join(import.meta.dirname, '..', '..');
const job = readFileSync(join(root, 'deploy/k8s/swarm-job.yaml'), 'utf8');
const merge = readFileSync(join(root, 'deploy/k8s/swarm-merge-job.yaml'), 'utf8');

/** The value of `key: value` in a manifest (the first one), without its comment. */
const field = (text: string, key: string): string => new RegExp(`^\\s*${key}: *"?([^"#\\n]*?)"?\\s*(#.*)?$`, 'm').exec(text)![1]!;

/** The hotup command line in a manifest's shell script, joined across backslash-newlines, as words with the shell's variables set. */
function hotupWords(text: string, vars: Record<string, string>): string[] {
  const script = text.replace(/\\\n\s*/g, ' ');
  const line = /node bin\/hotup\.js ([^\n]*)/.exec(script)![1]!;
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => (m[1] ?? m[2]!).replace(/\$\{(\w+)\}/g, (_, v: string) => vars[v] ?? `\${${v}}`));
}

describe('deploy/k8s: the swarm as a Kubernetes Indexed Job', () => {
  it('is an Indexed Job of N completions whose pod K runs member K of N', () => {
    expect(field(job, 'completionMode')).toBe('Indexed');
    const n = field(job, 'completions');
    expect(field(job, 'parallelism')).toBe(n);
    expect(/- name: SWARM_MEMBERS\n\s*value: "(\d+)"/.exec(job)![1]).toBe(n);
    expect(job).toContain('--swarm "${JOB_COMPLETION_INDEX}/${SWARM_MEMBERS}"');
    expect(field(job, 'restartPolicy')).toBe('Never');
  });

  it("the member's and the merge's command lines are ones hotup accepts, writing where the merge reads", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotup-k8s-'));
    const vars = { JOB_COMPLETION_INDEX: '5', SWARM_MEMBERS: field(job, 'completions'), SWARM_SEED: '1', out: `${dir}/swarm-seed-1/` };
    // The manifest's own flags, with a small --max-states after them so the member ends at once.
    const member = await runCli([...hotupWords(job, vars), '--max-states', '200']);
    expect(member.code, member.err).toBe(EXIT.INCOMPLETE);
    expect(existsSync(join(vars.out, `member-5-of-${vars.SWARM_MEMBERS}.json`))).toBe(true);
    const merged = await runCli(hotupWords(merge, vars));
    expect(merged.code, merged.err).toBe(EXIT.INCOMPLETE);
    expect(merged.out).toContain(`1 of ${vars.SWARM_MEMBERS} members`);
    expect(merged.out).toContain('A swarm never proves anything');
  });
});
