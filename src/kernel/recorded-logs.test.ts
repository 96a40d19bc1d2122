import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conform } from '../conform/conform.js';
import { importKernelLog } from '../import/import-log.js';
import { parseNames } from '../import/names.js';
import { PRESETS } from '../topology/presets.js';
import { namesOf } from './scenarios.js';
import { RECORDS } from './verdict.js';

/** Kernel logs of kernel/'s modules on Linux 6.1 under QEMU, recorded by npm run test:kernel. */
const DIR = 'docs/examples/kernel-logs';
const judged = async (file: string, topology: 'claims-1-9' | 'claims-10-11' = 'claims-10-11') => {
  const r = importKernelLog(readFileSync(`${DIR}/${file}`, 'utf8'), {
    topology: PRESETS[topology]!, names: parseNames(namesOf(topology)), records: RECORDS.split(','), source: file,
  });
  return { imported: r, result: await conform({ text: r.text }) };
};

describe('kernel logs of the real modules (Linux 6.1), imported and judged', () => {
  it('linux-6.1-rolling-upgrade.dmesg.txt: one round of the rolling upgrade conforms, nothing left open', async () => {
    const { imported, result } = await judged('linux-6.1-rolling-upgrade.dmesg.txt');
    expect(imported.observations).toBe(4);
    expect(result.verdict).toBe('conforming');
    expect(result.open).toEqual([]);
  });

  it('linux-6.1-prior-art.dmesg.txt: the netdevs unregistered under a loaded parent leave the design; MUT-PRIOR-ART explains it', async () => {
    const { result } = await judged('linux-6.1-prior-art.dmesg.txt');
    expect(result.verdict).toBe('not-conforming');
    // The first unregisters could still begin a parent removal (FAULT-PARENT-REMOVE, whose step logs them in any order); the second slave's release cannot, and the verdict quotes it in the log's own names.
    expect(result.divergence?.record).toMatchObject({ event: 'bond.release', netdev: 'eth2' });
    expect(result.diagnosis?.map((d) => d.mutant)).toContain('MUT-PRIOR-ART');
  });

  it('linux-6.1-held-xmit.dmesg.txt: a transmit in flight in C1 as it unloads ends before module exit returns; it conforms', async () => {
    const { imported, result } = await judged('linux-6.1-held-xmit.dmesg.txt', 'claims-1-9');
    const events = imported.text.split('\n').map((l) => l.match(/"event":"([^"]+)"/)?.[1]);
    expect(events.indexOf('xmit.end')).toBeGreaterThan(events.indexOf('subdev.remove'));
    expect(events.indexOf('xmit.end')).toBeLessThan(events.indexOf('module.unload.end'));
    expect(result.verdict).toBe('conforming');
  });

  it('linux-6.1-no-drain.dmesg.txt: module exit returns with the transmit still in C1; MUT-NO-DRAIN explains it', async () => {
    const { result } = await judged('linux-6.1-no-drain.dmesg.txt', 'claims-1-9');
    expect(result.verdict).toBe('not-conforming');
    expect(result.divergence?.record).toMatchObject({ event: 'module.unload.end' });
    expect(result.diagnosis?.find((d) => d.mutant === 'MUT-NO-DRAIN')?.verdict).not.toBe('diverges');
  });

  it('linux-6.1-no-wait-failover.dmesg.txt: links close under the active slave; MUT-NO-WAIT-FAILOVER explains it', async () => {
    const { result } = await judged('linux-6.1-no-wait-failover.dmesg.txt');
    expect(result.verdict).toBe('not-conforming');
    expect(result.diagnosis?.find((d) => d.mutant === 'MUT-NO-WAIT-FAILOVER')?.verdict).not.toBe('diverges');
  });
});
