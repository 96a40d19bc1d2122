import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const hotup = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, ['bin/hotup.js', 'conform', ...args], { encoding: 'utf8', ...(input !== undefined ? { input } : {}) });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const EXAMPLES = 'docs/examples/traces';

describe('hotup conform', () => {
  it('exits 0 on a conforming trace', () => {
    const r = hotup([`${EXAMPLES}/rolling-upgrade.jsonl`]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/CONFORMING: 103 events and 12 observations read/);
    expect(r.out).toMatch(/LIVE-\* obligations: none open/);
  });

  it('exits 1 with the divergence, what the model allowed, the trace so far and the diagnosis', () => {
    const r = hotup([`${EXAMPLES}/prior-art-upgrade.jsonl`]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/NOT CONFORMING: line 12 \(seq 11\) diverges from the model/);
    expect(r.out).toMatch(/logged: {2}netdev.unregister netdev=N1 ifindex=2/);
    expect(r.out).toMatch(/the model allowed here:\n {4}carrier.off netdev=N1/);
    expect(r.out).toMatch(/model step \d+: driver core: C1 remove\(S1\)/);
    expect(r.out).toMatch(/MUT-PRIOR-ART: explains it, and INV-NETDEV-PERSIST breaks at line 12/);
  });

  it('reads standard input and prints JSON', () => {
    const r = hotup(['-', '--json'], '{"format":"hotup-trace","version":1,"topology":"claims-1-9"}\n{"seq":1,"event":"xmit.begin","netdev":"N1"}\n');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ verdict: 'conforming', events: 1, topology: 'claims-1-9' });
  });

  it('exits 2 on unreadable input, naming the line, the field and the fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotup-conform-'));
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"format":"hotup-trace","version":1,"topology":"claims-10-11"}\n{"seq":1,"event":"carrier.off","netdev":"N1","speed":10}\n');
    const r = hotup([file, '--json']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/line 2, field 'speed': unknown field for carrier.off; .*"x-speed"/);
    expect(JSON.parse(r.out)).toMatchObject({ verdict: 'unreadable', error: { where: 'line 2', field: 'speed' } });
  });
});
