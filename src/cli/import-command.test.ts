import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const hotup = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, ['bin/hotup.js', ...args], { encoding: 'utf8', ...(input !== undefined ? { input } : {}) });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const NAMES = 'eth0=N1,eth1=N2,eth2=N3,hotup_c1=C1,hotup_c2=C2,hotup.c1eth.0=S1,hotup.c2eth.1=S2,hotup.c1eth.2=S3';

describe('hotup import', () => {
  it('writes the trace to --out, the summary to standard error, and conform reads it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotup-import-'));
    const out = join(dir, 'upgrade.jsonl');
    const r = hotup(['import', 'docs/examples/kernel-logs/rolling-upgrade.dmesg.txt', '--topology', 'claims-10-11', '--names', NAMES, '--out', out, '--verbose']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^hotup import: 45 lines of dmesg read: 38 events, 0 observations, 7 lines skipped\n {2}line 1: no hotup: tag/);
    expect(readdirSync(dir)).toEqual(['upgrade.jsonl']);
    expect(hotup(['conform', out]).code).toBe(0);
  });

  it('reads standard input and writes standard output', () => {
    const r = hotup(['import', '-'], '6,5,812400731,-;hotup_core 0000:03:00.0 eth0: hotup: event=carrier.off netdev=eth0\n');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[1]).toBe('{"seq":1,"ts":812.400731,"event":"carrier.off","netdev":"eth0","x-kmsg-seq":5}');
  });

  it('exits 2 on a malformed hotup line, naming the line and the fix, and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotup-import-'));
    const log = join(dir, 'dmesg.txt');
    const out = join(dir, 'out.jsonl');
    writeFileSync(log, '[  812.400731] hotup: event=carrier.off netdev=eth0\n[  812.400800] hotup: event=subdev.probe child=hotup_c1 subdev hotup.c1eth.0\n');
    const r = hotup(['import', log, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/hotup import: line 2, field 'subdev': not a key=value pair; write space-separated key=value pairs/);
    expect(r.out).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['dmesg.txt']);
  });

  it('exits 2 on a bad --names and on an unknown format', () => {
    expect(hotup(['import', '-', '--names', 'eth0'], 'x\n')).toMatchObject({ code: 2 });
    const r = hotup(['import', '-'], 'hello\n');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/line 1, field '\(format\)': not a kernel log/);
  });

  it('documents the hotup: line and gives examples in --help', () => {
    const r = hotup(['import', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/hotup: event=carrier.off netdev=%s/);
    expect(r.out).toMatch(/Examples:\n {2}dmesg \| npx hotup import -/);
  });
});
