import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTopology } from '../topology/parse.js';
import { check, type CheckOptions } from '../check/check.js';
import { formatCheckSummary } from '../check/report.js';
import { interruptPoll, STOP_FILE_VARIABLE } from './interrupt.js';

/** claims-10-11 with every fault: 4,328,263 states, far more than a few seconds of search. */
const longSearch = ['check', '--topology', 'claims-10-11', '--no-liveness', '--json', '--progress', '1'];

interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly out: string;
}

/** Starts bin/hotup.js; `progressed` resolves at its first progress line past 10,000 states, `ended` when it exits. */
function start(args: readonly string[], detached = false): { p: ChildProcess; progressed: Promise<void>; ended: Promise<Ended> } {
  const p = spawn(process.execPath, ['bin/hotup.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached });
  let out = '';
  let err = '';
  p.stdout!.on('data', (d) => (out += d));
  const progressed = new Promise<void>((resolve) =>
    p.stderr!.on('data', (d) => {
      err += d;
      const states = [...err.matchAll(/^hotup check: .*?, ([\d,]+) states,/gm)].map((m) => Number(m[1]!.replaceAll(',', '')));
      if (states.some((n) => n > 10_000)) resolve();
    }),
  );
  const ended = new Promise<Ended>((resolve) => p.on('close', (code, signal) => resolve({ code, signal, out })));
  return { p, progressed, ended };
}

/** The pid of the one child of process `pid` (Linux's /proc). */
function childOf(pid: number): number {
  const children = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        // The parent's pid is the second field after the command's name in parentheses.
        return Number(readFileSync(`/proc/${d}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]) === pid;
      } catch {
        return false;
      }
    });
  expect(children).toHaveLength(1);
  return Number(children[0]);
}

/** The stop file bin/hotup.js named to the check it runs (process `check`), from its environment. */
function stopFileOf(check: number): string {
  const env = readFileSync(`/proc/${check}/environ`, 'utf8').split('\0');
  const entry = env.find((x) => x.startsWith(`${STOP_FILE_VARIABLE}=`));
  expect(entry).toBeDefined();
  return entry!.slice(STOP_FILE_VARIABLE.length + 1);
}

/** What a check interrupted in its breadth-first search reports; `stopFile` and its folder are gone. */
function expectInterrupted(e: Ended, stopFile: string): void {
  expect(e.code).toBe(3);
  const r = JSON.parse(e.out);
  expect(r).toMatchObject({ verdict: 'incomplete', cutBy: 'interrupted', cutReason: null, livenessChecked: [] });
  expect(r.states).toBeGreaterThan(10_000);
  expect(r.states).toBeLessThan(4_328_263);
  expect(existsSync(dirname(stopFile))).toBe(false);
}

describe.runIf(process.platform === 'linux')('hotup check interrupted (SIGINT)', () => {
  it('ends INCOMPLETE with exit 3 and the figures reached when bin/hotup.js is interrupted, and leaves no stop file', async () => {
    const { p, progressed, ended } = start(longSearch);
    await progressed;
    const stopFile = stopFileOf(childOf(p.pid!));
    p.kill('SIGINT');
    expectInterrupted(await ended, stopFile);
  });

  it('does the same on a terminal Ctrl-C, which interrupts the whole process group', async () => {
    const { p, progressed, ended } = start(longSearch, true);
    await progressed;
    const stopFile = stopFileOf(childOf(p.pid!));
    process.kill(-p.pid!, 'SIGINT');
    expectInterrupted(await ended, stopFile);
  });

  it('does the same on two workers', async () => {
    const { p, progressed, ended } = start([...longSearch, '--workers', '2']);
    await progressed;
    const stopFile = stopFileOf(childOf(p.pid!));
    p.kill('SIGINT');
    const e = await ended;
    expectInterrupted(e, stopFile);
    expect(JSON.parse(e.out).workers).toBe(2);
  });

  it('ends at once, by SIGINT, on a second interrupt', async () => {
    const { p, progressed, ended } = start(longSearch);
    await progressed;
    // The check is held still, so that it cannot end on the first interrupt before the second arrives.
    const check = childOf(p.pid!);
    const stopFile = stopFileOf(check);
    process.kill(check, 'SIGSTOP');
    p.kill('SIGINT');
    for (let i = 0; i < 200 && !existsSync(stopFile); i++) await new Promise((r) => setTimeout(r, 10));
    p.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 100));
    process.kill(check, 'SIGCONT');
    const e = await ended;
    expect(e).toMatchObject({ code: null, signal: 'SIGINT', out: '' });
    expect(existsSync(dirname(stopFile))).toBe(false);
  });
});

describe('a swarm member interrupted', () => {
  it('writes its member file, ended by the interrupt, which swarm merge reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotup-interrupt-'));
    try {
      // The stop file bin/hotup.js would create on a Ctrl-C, there before the member starts: it stops at its first look.
      const stopFile = join(dir, 'stop');
      writeFileSync(stopFile, '');
      const member = spawnSync(process.execPath, ['bin/hotup.js', 'check', '--topology', 'claims-10-11', '--swarm', '0/2', '--swarm-out', dir, '--json'], {
        encoding: 'utf8',
        env: { ...process.env, [STOP_FILE_VARIABLE]: stopFile },
      });
      expect(member.status).toBe(3);
      const file = JSON.parse(readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.json'))!), 'utf8'));
      expect(file).toMatchObject({ ended: 'cut', cut: { by: 'interrupted', reason: null } });
      expect(file.transitions).toBeGreaterThan(0);
      const merged = spawnSync(process.execPath, ['bin/hotup.js', 'swarm', 'merge', dir], { encoding: 'utf8' });
      expect(merged.status).toBe(3);
      expect(merged.stdout).toMatch(/^ +0 .* interrupted$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an interrupt in the fair-cycle search', () => {
  const options: CheckOptions = { topology: loadTopology('claims-1-9'), mutant: null, faults: ['FAULT-PROBE-FAIL', 'FAULT-NOTIFY-LOST'], audit: false, por: false };

  it('ends the check INCOMPLETE, saying the INV-* held in every reachable state', () => {
    let searchPolls = 0;
    const safety = check({ ...options, liveness: false, stop: () => (searchPolls++, false) });
    expect(safety.verdict).toBe('pass');
    expect(searchPolls).toBeGreaterThan(0);
    // The first poll after the breadth-first search's is the fair-cycle search's first.
    let polls = 0;
    const r = check({ ...options, stop: () => ++polls > searchPolls });
    expect(r).toMatchObject({ verdict: 'incomplete', cutBy: 'interrupted', states: safety.states, livenessChecked: [], counterexample: null });
    expect(r.cutReason).toBe(`in the fair-cycle search for LIVE-RESTORE, after the 11 INV-* checked held in all ${safety.states.toLocaleString('en-US')} reachable states`);
    expect(formatCheckSummary(r)).toMatch(/^INCOMPLETE: .*, but the user's interrupt stopped it \(in the fair-cycle search for LIVE-[A-Z-]+, .*\); LIVE-\* were not all checked$/m);
  });
});

describe('interruptPoll', () => {
  it('is null without the stop file bin/hotup.js names, and true once that file exists', () => {
    expect(interruptPoll({})).toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'hotup-interrupt-'));
    const file = join(dir, 'stop');
    const listeners = process.listeners('SIGINT');
    try {
      const poll = interruptPoll({ [STOP_FILE_VARIABLE]: file })!;
      expect(poll()).toBe(false);
      writeFileSync(file, '');
      // The file is looked at no more often than every 200 ms.
      const t0 = Date.now();
      while (!poll() && Date.now() - t0 < 2000);
      expect(poll()).toBe(true);
      rmSync(file);
      expect(poll()).toBe(true);
    } finally {
      for (const l of process.listeners('SIGINT')) if (!listeners.includes(l)) process.off('SIGINT', l);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
