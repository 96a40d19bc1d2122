import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { conform, conformMerged } from './conform.js';
import { TraceInputError } from './input-error.js';

const HEADER = JSON.stringify({ format: 'hotup-trace', version: 1, topology: 'claims-10-11' });
const lines = (records: readonly object[]): string => [HEADER, ...records.map((r, n) => JSON.stringify({ seq: n + 1, ...r }))].join('\n') + '\n';
const dir = mkdtempSync(join(tmpdir(), 'hotup-concurrency-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, records: readonly object[]): string => {
  const f = join(dir, name);
  writeFileSync(f, lines(records));
  return f;
};

/** C1's unload begins while a transmit through N1 is in flight on CPU 1; the control path runs on CPU 0. */
const SERIAL = [
  { event: 'tool.start', version: 2 },
  { event: 'xmit.begin', flow: 0, netdev: 'N1', cpu: 1 },
  { event: 'tool.rmmod', child: 'C1' },
  { event: 'module.unload.begin', child: 'C1', cpu: 0 },
  { event: 'bond.failover', from: ['N1', 'N3'], cpu: 0 },
  { event: 'bond.active', netdev: 'N2', cpu: 0 },
  { event: 'subdev.remove', child: 'C1', subdev: 'S1', cpu: 0 },
  { event: 'carrier.off', netdev: 'N1', cpu: 0 },
  { event: 'ops.switch', netdev: 'N1', to: 'parent', cpu: 0 },
  { event: 'xmit.end', netdev: 'N1', child: 'C1', cpu: 1 },
  { event: 'packet.processed', netdev: 'N1', child: 'C1', version: 1, cpu: 1 },
];
/** The same, with the transmit ending on CPU 1 between C1's remove(S1) and its carrier.off. */
const INTERLEAVED = [...SERIAL.slice(0, 7), SERIAL[9]!, SERIAL[10]!, SERIAL[7]!, SERIAL[8]!];
const withoutCpu = (rs: readonly object[]) => rs.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'cpu')));
const check = (rs: readonly object[], window?: number) => conform({ text: lines(rs) }, { diagnose: false, ...(window ? { limits: { window } } : {}) });

describe('lines of several CPUs', () => {
  it('the model steps serialised conform', async () => {
    expect((await check(SERIAL)).verdict).toBe('conforming');
  });

  it('a transmit ending on another CPU between subdev.remove and its carrier.off conforms', async () => {
    const r = await check(INTERLEAVED);
    expect(r.verdict).toBe('conforming');
    expect(r.modelSteps).toBe((await check(SERIAL)).modelSteps);
  });

  it('the same lines from one CPU, or with no CPU named, keep their order: rejected at the xmit.end', async () => {
    for (const rs of [withoutCpu(INTERLEAVED), INTERLEAVED.map((r) => ('cpu' in r ? { ...r, cpu: 0 } : r))]) {
      const r = await check(rs);
      expect(r.verdict).toBe('not-conforming');
      expect(r.divergence!.where).toBe('line 9');
      expect(r.divergence!.reason).toMatch(/no model step under way may log this event next/);
    }
  });

  it('a trace that ends with a step another CPU left open is inconclusive, with what that step owes', async () => {
    const r = await check(INTERLEAVED.slice(0, -1));
    expect(r.verdict).toBe('inconclusive');
    expect(r.inconclusive!.owed.join('\n')).toMatch(/ops\.switch netdev=N1 to=parent/);
  });

  it('the search is bounded: with a window of one step the interleaving is rejected', async () => {
    expect((await check(INTERLEAVED, 1)).divergence!.where).toBe('line 9');
  });

  it('a CPU logs no line of a later step while a step it began is open', async () => {
    // CPU 0 begins remove(S1), then logs the transmit's end: remove(S1) could then only be finished by another CPU.
    const rs = INTERLEAVED.map((r) => (r.event === 'xmit.end' || r.event === 'packet.processed' ? { ...r, cpu: 0 } : r));
    expect((await check(rs)).verdict).toBe('not-conforming');
  });
});

/** The kernel's half of the trace, with timestamps. */
const KERNEL = [
  { ts: 1.001, event: 'xmit.begin', flow: 0, netdev: 'N1', cpu: 1 },
  { ts: 1.0028, event: 'module.unload.begin', child: 'C1', cpu: 0 },
  { ts: 1.0029, event: 'bond.failover', from: ['N1', 'N3'], cpu: 0 },
  { ts: 1.003, event: 'bond.active', netdev: 'N2', cpu: 0 },
  { ts: 1.0031, event: 'subdev.remove', child: 'C1', subdev: 'S1', cpu: 0 },
  { ts: 1.0032, event: 'xmit.end', netdev: 'N1', child: 'C1', cpu: 1 },
  { ts: 1.0033, event: 'packet.processed', netdev: 'N1', child: 'C1', version: 1, cpu: 1 },
  { ts: 1.0034, event: 'carrier.off', netdev: 'N1', cpu: 0 },
  { ts: 1.0035, event: 'ops.switch', netdev: 'N1', to: 'parent', cpu: 0 },
];
/** The upgrade tool's log, its rmmod stamped `late` seconds after the kernel's clock would have. */
const tool = (late: number) => [
  { ts: 0.999, event: 'tool.start', version: 2 },
  { ts: 1.0027 + late, event: 'tool.rmmod', child: 'C1' },
];

describe('several files merged by timestamp', () => {
  const kernel = file('kernel.jsonl', KERNEL);
  const merged = (late: number, skew?: number) =>
    conformMerged([{ file: kernel }, { file: file('tool.jsonl', tool(late)) }], ['kernel.jsonl', 'tool.jsonl'], { diagnose: false, ...(skew !== undefined ? { limits: { skew } } : {}) });

  it('a kernel log and a tool log with one clock conform', async () => {
    const r = await merged(0);
    expect(r.verdict).toBe('conforming');
    expect(r.events).toBe(KERNEL.length + 2);
  });

  it('a tool rmmod stamped 2 ms late (its rmmod merged after the unload it caused, and after the next remove) conforms within the default 10 ms skew', async () => {
    expect((await merged(0.002)).verdict).toBe('conforming');
  });

  it('20 ms late is beyond the skew: the rmmod cannot have caused an unload logged that much earlier; --skew 0.05 accepts it', async () => {
    const r = await merged(0.02);
    expect(r.verdict).toBe('not-conforming');
    expect(r.divergence!.where).toBe('tool.jsonl:line 3');
    expect((await merged(0.02, 0.05)).verdict).toBe('conforming');
  });

  it('needs a timestamp on every line, and names the file and line that lacks one', async () => {
    const bare = file('bare.jsonl', [{ event: 'tool.start', version: 2 }]);
    const e = await conformMerged([{ file: kernel }, { file: bare }], ['kernel.jsonl', 'bare.jsonl']).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TraceInputError);
    expect(e).toMatchObject({ where: 'bare.jsonl:line 2', field: 'ts' });
  });

  it('hotup conform a.jsonl b.jsonl merges them, standard input among them; --skew is checked', () => {
    const hotup = (args: string[], input?: string) => spawnSync(process.execPath, ['bin/hotup.js', 'conform', ...args], { encoding: 'utf8', ...(input !== undefined ? { input } : {}) });
    const ok = hotup([kernel, '-', '--skew', '0.05'], lines(tool(0.02)));
    expect(ok.stdout).toMatch(/CONFORMING/);
    expect(ok.status).toBe(0);
    const bad = hotup([kernel, '-', '--skew', 'soon'], lines(tool(0)));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--skew takes seconds/);
  });
});
