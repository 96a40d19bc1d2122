import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { monitoredStep, withMonitors } from '../engine/monitor.js';
import { createSystem } from '../engine/system.js';
import type { EnvEvent } from '../model/env-event.js';
import { FAULTS } from '../model/faults.js';
import { designOf } from '../mutants.js';
import { PRESETS } from '../topology/presets.js';
import { traceStep, type TraceStep } from '../trace/trace.js';
import { conform } from './conform.js';
import { toTraceLines } from './export.js';
import { formatConform } from './report.js';

const PRIOR_ART = readFileSync('docs/examples/traces/prior-art-upgrade.jsonl', 'utf8');
const HEADER = '{"format":"hotup-trace","version":1,"topology":"claims-10-11"}';
const dir = mkdtempSync(join(tmpdir(), 'hotup-verdict-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hotup = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, ['bin/hotup.js', 'conform', ...args], { encoding: 'utf8', ...(input !== undefined ? { input } : {}) });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** The prior-art trace, then a line no design explains (a second boot probe). */
function divergingLater(): string {
  const lines = PRIOR_ART.trimEnd().split('\n');
  const seq = (JSON.parse(lines.at(-1)!) as { seq: number }).seq;
  return [...lines, JSON.stringify({ seq: seq + 1, event: 'parent.probe' })].join('\n');
}

/** claims-10-11: the tool unloads C1 while an operator unloads C2, so bond0 has no open slave (INV-BOND-UP, excused). */
function forcedUnloadTrace(): string {
  const topology = PRESETS['claims-10-11']!;
  const system = createSystem(topology, designOf(null));
  const start = withMonitors(system, system.initial());
  let state = start;
  const steps: TraceStep[] = [];
  const take = (pick: (e: EnvEvent) => boolean): void => {
    const e = system.enabled(state, FAULTS).find(pick)!;
    const r = monitoredStep(system, state, e);
    steps.push(traceStep(e, r));
    state = r.state;
  };
  take((e) => e.kind === 'tool.start');
  take((e) => e.kind === 'tool.step'); // the tool's rmmod of C1
  take((e) => e.kind === 'child.remove' && e.child === 0);
  take((e) => e.kind === 'child.remove' && e.child === 0);
  take((e) => e.kind === 'child.rmmod' && e.child === 1); // the operator's rmmod of C2
  take((e) => e.kind === 'child.remove' && e.child === 1);
  return toTraceLines(topology, start, steps).join('\n');
}

describe('verdicts that say everything', () => {
  it("names a broken design's invariant even when that design leaves the trace later", async () => {
    const r = await conform({ text: divergingLater() });
    expect(r.verdict).toBe('not-conforming');
    const first = r.diagnosis![0]!;
    expect(first).toMatchObject({ mutant: 'MUT-PRIOR-ART', verdict: 'violates', where: 'line 12', violation: { id: 'INV-NETDEV-PERSIST' } });
    expect(first.divergesAt).toMatch(/^line \d+$/);
    expect(formatConform(r, 'trace')).toMatch(/MUT-PRIOR-ART: explains it, and INV-NETDEV-PERSIST breaks at line 12: .*\(it explains the trace only up to line \d+\)/);
  });

  it('names the INV-* a non-conforming verdict rests on, and its line, even when it is only a broken design that breaks it', async () => {
    const r = await conform({ text: divergingLater() });
    expect(r.broken).toMatchObject({ id: 'INV-NETDEV-PERSIST', where: 'line 12', design: 'MUT-PRIOR-ART' });
    expect(formatConform(r, 'trace')).toMatch(/broken: {2}INV-NETDEV-PERSIST at line 12, on MUT-PRIOR-ART/);
    const reopen = await conform({ file: 'docs/examples/traces/no-reopen.jsonl' });
    expect(reopen.broken).toMatchObject({ id: 'LIVE-RESTORE', where: 'end of trace', design: 'MUT-NO-REOPEN' });
    const own = await conform({ text: PRIOR_ART }, { mutant: 'MUT-PRIOR-ART' });
    expect(own.broken).toMatchObject({ id: 'INV-NETDEV-PERSIST', where: 'line 12', design: 'MUT-PRIOR-ART' });
  });

  it('says so when no design explains the trace; a broken design that leaves it before breaking anything is named with what it breaks', async () => {
    const r = await conform({ text: `${HEADER}\n{"seq":1,"event":"parent.probe"}\n` });
    expect(r.verdict).toBe('not-conforming');
    expect(r.broken).toBeNull();
    expect(formatConform(r, 'trace')).toMatch(/broken: {2}no INV-\* or LIVE-\*: no design/);
    const early = { mutant: 'MUT-NO-DRAIN', verdict: 'diverges', where: 'line 3', violation: null, divergesAt: 'line 3', open: [], designBreaks: ['INV-NO-FREED-CODE'] } as const;
    expect(formatConform({ ...r, diagnosis: [early] }, 'trace')).toMatch(/MUT-NO-DRAIN: explains it up to line 3, .*the design that breaks INV-NO-FREED-CODE/);
  });

  it('pins a violation on the record whose part of the step broke it', async () => {
    const r = await conform({ text: PRIOR_ART }, { mutant: 'MUT-PRIOR-ART' });
    expect(r.violation).toMatchObject({ id: 'INV-NETDEV-PERSIST', where: 'line 12', record: { event: 'netdev.unregister' } });
  });

  it('lists the excuses the model granted, in text and in JSON', () => {
    const text = forcedUnloadTrace();
    const r = hotup(['-', '--json'], text);
    const json = JSON.parse(r.out) as { verdict: string; excuses: { id: string; faults: string[] }[] };
    expect(json.verdict).not.toBe('not-conforming');
    expect(json.excuses).toContainEqual(expect.objectContaining({ id: 'INV-BOND-UP', faults: ['FAULT-FORCED-UNLOAD'] }));
    expect(hotup(['-'], text).out).toMatch(/INV-BOND-UP excused by FAULT-FORCED-UNLOAD from line \d+/);
  });

  it('calls a trace with no event inconclusive, exit 3', () => {
    const r = hotup(['-'], `${HEADER}\n`);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/INCONCLUSIVE: the trace logs no event/);
  });

  it('calls a trace cut inside a model step inconclusive, exit 3, with what the step still owed', () => {
    const cut = `${HEADER}\n{"seq":1,"event":"tool.start","version":2}\n{"seq":2,"event":"tool.rmmod","child":"C1"}\n`;
    const r = hotup(['-', '--json'], cut);
    expect(r.code).toBe(3);
    const json = JSON.parse(r.out) as { verdict: string; inconclusive: { owed: string[] } };
    expect(json.verdict).toBe('inconclusive');
    expect(json.inconclusive.owed[0]).toMatch(/module.unload.begin child=C1/);
  });
});

describe('diagnosis in one pass', () => {
  it('reads the input once: a stream that cannot be read twice still gets its diagnosis', async () => {
    let reads = 0;
    const stream = {
      async *[Symbol.asyncIterator]() {
        reads++;
        yield PRIOR_ART;
      },
    };
    const r = await conform({ stream });
    expect(reads).toBe(1);
    expect(r.diagnosis![0]).toMatchObject({ mutant: 'MUT-PRIOR-ART', violation: { id: 'INV-NETDEV-PERSIST' } });
  });

  it('diagnoses a FIFO', async () => {
    const fifo = join(dir, 'trace.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const writer = spawn(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(fifo)}, process.argv[1])`, PRIOR_ART]);
    const exited = new Promise((ok) => writer.on('exit', ok));
    const r = await new Promise<{ code: number | null; out: string }>((ok) => {
      const p = spawn(process.execPath, ['bin/hotup.js', 'conform', fifo]);
      let out = '';
      p.stdout.on('data', (b: Buffer) => (out += b.toString()));
      p.on('close', (code) => ok({ code, out }));
    });
    await exited;
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/MUT-PRIOR-ART: explains it, and INV-NETDEV-PERSIST breaks at line 12/);
  });
});
