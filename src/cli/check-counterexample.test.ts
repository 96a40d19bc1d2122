import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const hotup = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/hotup.js', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe("a check counterexample ('check --out') in every form a run has", () => {
  const dir = mkdtempSync(join(tmpdir(), 'hotup-cx-'));
  const cx = join(dir, 'cx.json');

  it('becomes a report page, a sequence chart, a hotup trace and ITF that conform reads back', () => {
    expect(hotup('check', '--topology', 'claims-1-9', '--mutant', 'MUT-PARALLEL-UPGRADE', '--faults', 'none', '--out', cx).code).toBe(1);
    const events = JSON.parse(readFileSync(cx, 'utf8')).events as unknown[];

    const page = join(dir, 'report.html');
    const r = hotup('report', '--events', cx, '--out', page, '--seq-out', join(dir, 'seq'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('VIOLATION INV-ONE-DOWN');
    const html = readFileSync(page, 'utf8');
    expect(html).toContain('from hotup check');
    expect(html).toContain(`${events.length} steps from <code>hotup check</code>`);
    expect(readFileSync(join(dir, 'seq.svg'), 'utf8')).toContain('INV-ONE-DOWN');
    expect(existsSync(join(dir, 'seq.mmd'))).toBe(true);

    const trace = join(dir, 'cx.jsonl');
    const itf = join(dir, 'cx.itf.json');
    const seq = join(dir, 'replayed');
    const replayed = hotup('replay-events', cx, '--trace-out', trace, '--itf-out', itf, '--seq-out', seq);
    expect(replayed.code).toBe(1);
    expect(replayed.err).toContain('replayed.svg');
    expect(JSON.parse(readFileSync(itf, 'utf8')).states.length).toBe(events.length + 1);
    for (const f of [trace, itf]) {
      const c = hotup('conform', f, '--mutant', 'MUT-PARALLEL-UPGRADE');
      expect(c.out, f).toMatch(/INV-ONE-DOWN/);
    }
  }, 120_000);

  it('report --events refuses a file that is not one, naming the field, and writes nothing', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'hotup-events/1', topology: 'claims-1-9', faults: 'none', events: [] }));
    const page = join(dir, 'never.html');
    const r = hotup('report', '--events', bad, '--out', page);
    expect(r.code).toBe(2);
    expect(r.err).toContain("field 'topology'");
    expect(existsSync(page)).toBe(false);
  }, 60_000);

  it('diagram --topology draws one topology file, its netdevs in name order', () => {
    const file = join(dir, 'five.json');
    writeFileSync(file, JSON.stringify({ name: 'five', children: 3, binding: { N1: 'C3', N2: 'C1', N3: 'C2', N4: 'C1', N5: 'C3' } }));
    const r = hotup('diagram', '--topology', file, '--out', dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('wrote 2 files');
    const svg = readFileSync(join(dir, 'topology-five.svg'), 'utf8');
    const order = [...svg.matchAll(/<text[^>]*x="([\d.]+)"[^>]*>netdev (N\d)</g)].sort((a, b) => Number(a[1]) - Number(b[1])).map((m) => m[2]);
    expect(order).toEqual(['N1', 'N2', 'N3', 'N4', 'N5']);
    expect(readFileSync(join(dir, 'topology-five.mmd'), 'utf8')).toContain('flowchart TB');
  }, 60_000);
});
