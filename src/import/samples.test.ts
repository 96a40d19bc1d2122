import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conform } from '../conform/conform.js';
import { PRESETS } from '../topology/presets.js';
import { importKernelLog } from './import-log.js';
import { parseNames } from './names.js';

const DIR = 'docs/examples/kernel-logs';
const NAMES = parseNames('eth0=N1,eth1=N2,eth2=N3,hotup_c1=C1,hotup_c2=C2,hotup.c1eth.0=S1,hotup.c2eth.1=S2,hotup.c1eth.2=S3');
const imported = (file: string) => importKernelLog(readFileSync(`${DIR}/${file}`, 'utf8'), { topology: PRESETS['claims-10-11']!, names: NAMES, source: file });

describe('recorded kernel logs, imported and checked against the model', () => {
  it.each([
    ['rolling-upgrade.dmesg.txt', 'dmesg'],
    ['rolling-upgrade.kmsg.txt', 'kmsg'],
    ['rolling-upgrade.trace-cmd.txt', 'ftrace'],
  ])('%s: a correct rolling upgrade conforms', async (file, format) => {
    const r = imported(file);
    expect(r.format).toBe(format);
    expect(r.events).toBe(38);
    const result = await conform({ text: r.text });
    expect(result.verdict).toBe('conforming');
    expect(result.open).toEqual([]);
  });

  it('rolling-upgrade.trace-cmd.txt with --cpu: each CPU a source (bond0 logs on CPU 0 inside the unload on CPU 1), still conforming', async () => {
    const r = importKernelLog(readFileSync(`${DIR}/rolling-upgrade.trace-cmd.txt`, 'utf8'), { topology: PRESETS['claims-10-11']!, names: NAMES, cpu: true });
    const lines = r.text.trim().split('\n').slice(1).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(new Set(lines.map((l) => l.cpu)).size).toBeGreaterThan(1);
    expect(lines.some((l) => 'x-cpu' in l)).toBe(false);
    expect((await conform({ text: r.text })).verdict).toBe('conforming');
  });

  it('the dmesg sample skips the lines about other things, and says so', () => {
    const r = imported('rolling-upgrade.dmesg.txt');
    expect(r.skipped.map((s) => s.reason)).toEqual(Array(r.skipped.length).fill('no hotup: tag and no bonding message hotup reads'));
    expect(r.skipped.map((s) => s.text).join('\n')).toMatch(/audit: type=1130[\s\S]*IPv6: ADDRCONF[\s\S]*hotup 1\.5\.0 \(build/);
  });

  it('parallel-upgrade.kmsg.txt: the tool unloads C2 while C1 loads; INV-ONE-DOWN breaks', async () => {
    const r = imported('parallel-upgrade.kmsg.txt');
    const result = await conform({ text: r.text });
    expect(result.verdict).toBe('not-conforming');
    expect(result.divergence?.record).toMatchObject({ event: 'tool.rmmod', child: 'hotup_c2' }); // as the log names it
    expect(result.diagnosis?.[0]).toMatchObject({ mutant: 'MUT-PARALLEL-UPGRADE', verdict: 'violates', violation: { id: 'INV-ONE-DOWN' } });
  });

  it('use-after-free.trace-cmd.txt: C1 is freed with a transmit in flight; INV-NO-FREED-CODE breaks', async () => {
    const r = imported('use-after-free.trace-cmd.txt');
    expect(r.skipped.map((s) => s.reason)).toEqual(['tracepoint module_put is not one hotup reads', 'no hotup: tag and no bonding message hotup reads']);
    const result = await conform({ text: r.text });
    expect(result.verdict).toBe('not-conforming');
    expect(result.divergence?.record).toMatchObject({ event: 'module.unload.end', child: 'hotup_c1' }); // as the log names it
    expect(result.diagnosis?.[0]).toMatchObject({ mutant: 'MUT-NO-DRAIN', verdict: 'violates', violation: { id: 'INV-NO-FREED-CODE' } });
  });
});
