import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

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

  it('refuses a --progress that is not a whole number of seconds, naming the flag', () => {
    const r = hotup('check', '--progress', '-5');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--progress takes a whole number from 0 to 86400');
  });
});
