import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { check, type LivenessProgress } from '../check/check.js';
import { loadTopology } from '../topology/parse.js';

const hotup = (...args: string[]) => spawnSync(process.execPath, ['bin/hotup.js', ...args], { encoding: 'utf8' });

/** A search of claims-10-11 with every fault, cut after 3 s (exit 3), its stderr a pipe as in a log. */
const cutSearch = ['check', '--topology', 'claims-10-11', '--no-liveness', '--max-seconds', '3', '--json'];

const PLAIN_LINE = /^hotup check: \d+ s, [\d,]+ transitions, [\d,]+ states, depth \d+, [\d,]+ states\/s, store \d+ MB, rss \d+ MB$/;

describe('the progress of hotup check in a log', () => {
  it('prints a plain line on stderr every --progress seconds when stderr is not a terminal, and stdout stays one JSON document', () => {
    const r = hotup(...cutSearch, '--progress', '1');
    expect(r.status).toBe(3);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('hotup check: '));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    for (const l of lines) expect(l).toMatch(PLAIN_LINE);
    const seconds = lines.map((l) => Number(/^hotup check: (\d+) s/.exec(l)![1]));
    expect(seconds).toEqual([...seconds].sort((a, b) => a - b));
    expect(new Set(seconds).size).toBe(seconds.length);
    expect(JSON.parse(r.stdout).verdict).toBe('incomplete');
  });

  it('prints none with --progress 0, and none in a search shorter than the default minute', () => {
    for (const extra of [['--progress', '0'], []]) {
      const r = hotup(...cutSearch, ...extra);
      expect(r.status).toBe(3);
      expect(r.stderr).not.toMatch(/^hotup check: \d+ s/m);
    }
  });

  it('goes on through the fair-cycle search, with the LIVE-* it searches and how far', () => {
    // claims-1-9 with every fault: 413,479 states, and about 2.5 s of fair-cycle search on this machine.
    const r = hotup('check', '--topology', 'claims-1-9', '--json', '--progress', '1');
    expect(r.status).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => / of the fair-cycle search /.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    for (const l of lines) expect(l).toMatch(/^hotup check: \d+ s of the fair-cycle search for LIVE-[A-Z-]+ \([123] of 3\), [\d,]+ of 413,479 states searched from, rss \d+ MB$/);
    expect(JSON.parse(r.stdout).livenessChecked).toHaveLength(3);
  });

  it('tells the fair-cycle search of each LIVE-* in turn, its states searched from rising to all of them', () => {
    const heard: LivenessProgress[] = [];
    const r = check({ topology: loadTopology('claims-1-9'), mutant: null, faults: ['FAULT-PROBE-FAIL', 'FAULT-NOTIFY-LOST'], audit: false, onLivenessProgress: (p) => heard.push(p) });
    expect(r.verdict).toBe('pass');
    expect([...new Set(heard.map((p) => p.property))]).toEqual(r.livenessChecked);
    for (const p of heard) expect([p.of, p.total]).toEqual([3, r.states]);
    for (let i = 1; i < heard.length; i++) {
      const [a, b] = [heard[i - 1]!, heard[i]!];
      expect(b.nth > a.nth || (b.nth === a.nth && b.states >= a.states)).toBe(true);
    }
  });

  it('refuses a --progress that is not a whole number of seconds, naming the flag', () => {
    const r = hotup('check', '--progress', '-5');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--progress takes a whole number from 0 to 86400');
  });
});
