import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/fuzz/run-cli.js';
import { EXIT } from './exit-codes.js';

const MUTANT = ['check', '--topology', 'claims-1-9', '--mutant', 'MUT-PARALLEL-UPGRADE', '--faults', 'none'];
const CORRECT = ['check', '--topology', 'claims-1-9', '--faults', 'none'];
const replayLine = (out: string): string => /^replay: (npx hotup replay-events .*)$/m.exec(out)![1]!;

describe('hotup check --swarm K/N and hotup swarm merge', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hotup-swarm-cli-'));
  const out = join(dir, 'mutant/');

  it('a swarm on a mutant finds the violation, and the replay command each member prints reproduces it', async () => {
    const runs = [];
    for (let k = 0; k < 4; k++) runs.push(await runCli([...MUTANT, '--swarm', `${k}/4`, '--swarm-out', out]));
    for (const r of runs) {
      expect(r.code, r.err).toBe(EXIT.VIOLATION);
      expect(r.out).toMatch(/^VIOLATION INV-[A-Z-]+: /m);
      expect(r.out).toContain(`member result written to ${out}`);
    }
    // The printed line, run as it is by a shell.
    const line = replayLine(runs[1]!.out);
    const property = /^VIOLATION (INV-[A-Z-]+)/m.exec(runs[1]!.out)![1]!;
    const replayed = spawnSync('sh', ['-c', line], { encoding: 'utf8', timeout: 60_000 });
    expect(replayed.status, replayed.stderr).toBe(EXIT.VIOLATION);
    expect(replayed.stdout).toContain(`violated ${property}`);
  }, 60_000);

  it('merge reports each broken property once with a replay command that reproduces it; exit 1', async () => {
    const r = await runCli(['swarm', 'merge', out]);
    expect(r.code, r.err).toBe(EXIT.VIOLATION);
    expect(r.out).toContain('4 of 4 members');
    expect(r.out).toContain('A swarm never proves anything');
    const lines = [...r.out.matchAll(/^VIOLATION (INV-[A-Z-]+): /gm)].map((m) => m[1]);
    expect(new Set(lines).size).toBe(lines.length);
    for (const m of r.out.matchAll(/^ {2}replay: npx hotup (replay-events) (\S+)$/gm)) {
      const again = await runCli([m[1]!, m[2]!]);
      expect(again.code).toBe(EXIT.VIOLATION);
    }
    const json = JSON.parse((await runCli(['swarm', 'merge', join(out, 'member-0-of-4.json'), join(out, 'member-2-of-4.json'), '--json'])).out);
    expect(json).toMatchObject({ verdict: 'violation', proves: false, missing: [1, 3] });
    expect(json.states.upperBound).toBe(json.members[0].states + json.members[1].states);
  }, 60_000);

  it('a swarm that breaks nothing is INCOMPLETE (exit 3), member and merge alike', async () => {
    const ok = join(dir, 'ok', 'm0.json');
    const r = await runCli([...CORRECT, '--swarm', '0/1', '--swarm-out', ok]);
    expect(r.code, r.err).toBe(EXIT.INCOMPLETE);
    expect(r.out).toMatch(/^INCOMPLETE: no INV-\* broken in the 74 states this member visited/m);
    const member = JSON.parse(readFileSync(ok, 'utf8'));
    expect(member).toMatchObject({ member: 0, ended: 'exhausted', cut: null, violation: null, states: 74, order: { strategy: 'dfs', successors: 'forward' } });
    expect(member.bitstate).toMatchObject({ log2Bits: 27, hashFunctions: 3 });
    const json = JSON.parse((await runCli([...CORRECT, '--swarm', '0/1', '--swarm-out', ok, '--json'])).out);
    expect(json).toMatchObject({ format: 'hotup-swarm-member/1', file: ok, ended: 'exhausted', states: 74 });
    const merged = await runCli(['swarm', 'merge', ok]);
    expect(merged.code).toBe(EXIT.INCOMPLETE);
    expect(merged.out).toMatch(/^INCOMPLETE: .*A swarm never proves anything/m);
  });

  it('refuses bad K/N, flags that do not go with a swarm, and files from another swarm: exit 2, nothing written', async () => {
    const never = join(dir, 'never/');
    const cases: [string[], RegExp][] = [
      [[...CORRECT, '--swarm', '5/4', '--swarm-out', never], /--swarm 5\/4: K must be below N \(members 0 to 3\); use K\/N with 0 <= K < N/],
      [[...CORRECT, '--swarm', '1/0', '--swarm-out', never], /--swarm 1\/0: N must be 1 to/],
      [[...CORRECT, '--swarm', '0/4', '--coverage', '--swarm-out', never], /--coverage does not go with --swarm: .*drop --coverage/],
      [[...CORRECT, '--swarm', '0/4', '--full-history', '--swarm-out', never], /--full-history does not go with --swarm: .*drop --full-history/],
      [[...CORRECT, '--swarm', '0/4', '--property', 'LIVE-RESTORE', '--swarm-out', never], /checks nothing: a swarm member checks INV-\* only/],
      [[...CORRECT, '--swarm', '0/4', '--bitstate-bits', '32', '--max-memory', '100', '--swarm-out', never], /--bitstate-bits 32 needs a 512 MiB bit array, more than --max-memory 100: lower --bitstate-bits/],
      [[...CORRECT, '--swarm', '0/4', '--bitstate-bits', '40', '--swarm-out', never], /--bitstate-bits takes a whole number from 16 to 32/],
      [[...CORRECT, '--seed', '3', '--swarm-out', never], /--swarm-out, --seed only apply to a swarm member: add --swarm K\/N/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(EXIT.BAD_INPUT);
      expect(r.err, args.join(' ')).toMatch(message);
    }
    expect(existsSync(never)).toBe(false);
    const other = join(dir, 'other.json');
    expect((await runCli([...MUTANT.slice(0, -1), 'FAULT-PROBE-FAIL', '--swarm', '3/4', '--swarm-out', other])).code).toBe(EXIT.VIOLATION);
    // A --swarm-out file (not a folder) gets its counterexample beside it.
    expect(JSON.parse(readFileSync(other, 'utf8')).violation.eventsFile).toBe('other.counterexample.json');
    expect(existsSync(join(dir, 'other.counterexample.json'))).toBe(true);
    const mixed = await runCli(['swarm', 'merge', join(out, 'member-0-of-4.json'), other]);
    expect(mixed.code).toBe(EXIT.BAD_INPUT);
    expect(mixed.err).toMatch(/other\.json.*field 'swarm\.faults' is "FAULT-PROBE-FAIL".*the same --faults/);
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, 'not json');
    const bad = await runCli(['swarm', 'merge', junk]);
    expect(bad.code).toBe(EXIT.BAD_INPUT);
    expect(bad.err).toMatch(/junk\.json.*cannot read it as JSON/);
  });
});
