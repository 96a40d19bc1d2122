import { describe, expect, it } from 'vitest';
import { conform } from './conform.js';
import { PRESETS } from '../topology/presets.js';
import { TraceInputError } from './input-error.js';

const HEADER = { format: 'hotup-trace', version: 1, topology: 'claims-10-11' };

/** A trace from a header and events/observations given without sequence numbers. */
function trace(records: object[], header: object = HEADER): string {
  return [JSON.stringify(header), ...records.map((r, n) => JSON.stringify({ seq: n + 1, ...r }))].join('\n');
}

const check = (records: object[], header?: object) => conform({ text: trace(records, header) }, { diagnose: false });

/** C1's unload as the tool runs it: rmmod, one remove() per sub-device, (drain,) free. */
const UNLOAD_C1 = [
  { event: 'tool.start', version: 2 },
  { event: 'tool.rmmod', child: 'C1' },
  { event: 'module.unload.begin', child: 'C1' },
  { event: 'bond.failover', from: ['N1', 'N3'] },
  { event: 'bond.active', netdev: 'N2' },
  { event: 'subdev.remove', child: 'C1', subdev: 'S1' },
  { event: 'carrier.off', netdev: 'N1' },
  { event: 'ops.switch', netdev: 'N1', to: 'parent' },
  { event: 'subdev.remove', child: 'C1', subdev: 'S3' },
  { event: 'carrier.off', netdev: 'N3' },
  { event: 'ops.switch', netdev: 'N3', to: 'parent' },
  { event: 'module.unload.end', child: 'C1' },
];

describe('conformance checking', () => {
  it('finds by search the model steps no log shows (the drain before the free)', async () => {
    const r = await check(UNLOAD_C1);
    expect(r.verdict).toBe('conforming');
    expect(r.events).toBe(UNLOAD_C1.length);
    // tool.start, the tool's rmmod, two remove(), the unlogged drain, the free.
    expect(r.modelSteps).toBe(6);
    expect(r.open.map((o) => o.id)).toEqual(['LIVE-UPGRADE-DONE']);
    expect(r.open[0]!.dischargedByModel).toBe(true);
  });

  it('matches a line that leaves optional fields out', async () => {
    const lean = UNLOAD_C1.map((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k === 'event' || !['child', 'from', 'version'].includes(k) || e.event.startsWith('module') || e.event.startsWith('tool'))));
    expect((await check(lean)).verdict).toBe('conforming');
  });

  it("reads a kernel log alone: unlogged kinds (the tool's) are steps the search takes", async () => {
    const r = await check(
      UNLOAD_C1.filter((e) => !e.event.startsWith('tool.')),
      { ...HEADER, records: ['module.*', 'subdev.*', 'carrier.*', 'ops.switch', 'bond.*'] },
    );
    expect(r.verdict).toBe('conforming');
  });

  it('reports the first divergence with what the model allowed and the trace so far', async () => {
    const swapped = [...UNLOAD_C1];
    [swapped[6], swapped[7]] = [swapped[7]!, swapped[6]!];
    const r = await check(swapped);
    expect(r.verdict).toBe('not-conforming');
    expect(r.divergence!.where).toBe('line 8');
    expect(r.divergence!.allowed.join('\n')).toContain('carrier.off netdev=N1');
    expect(r.divergence!.trace.join('\n')).toContain('driver core: C1 remove(S1)');
  });

  it('calls a trace that ends inside a model step inconclusive, with what the step still owed', async () => {
    const r = await check(UNLOAD_C1.slice(0, 6));
    expect(r.verdict).toBe('inconclusive');
    expect(r.divergence).toBeNull();
    expect(r.inconclusive!.reason).toMatch(/ends inside a model step/);
    expect(r.inconclusive!.owed[0]).toContain('carrier.off netdev=N1');
  });

  it("compares ifindexes up to a consistent renaming: the implementation's numbers, the model's identity", async () => {
    const seen = [
      { observe: 'netdev', netdev: 'N1', ifindex: 7, mtu: 9000 },
      { observe: 'netdev', netdev: 'N2', ifindex: 8 },
    ];
    // No event: nothing to judge, but the observations agree.
    expect((await check(seen)).verdict).toBe('inconclusive');
    const clash = await check([...seen, { observe: 'netdev', netdev: 'N3', ifindex: 7 }]);
    expect(clash.divergence!.reason).toMatch(/ifindex: 7 stood for the model's 2 earlier/);
  });

  it('holds observations against the model state, naming the field that differs', async () => {
    const r = await check([{ observe: 'netdev', netdev: 'N1', mtu: 1500, carrier: 'on' }]);
    expect(r.divergence!.reason).toMatch(/mtu: the implementation saw 1500, the model has 9000/);
  });

  it('takes parameters the model only samples from the log (any MTU the user sets)', async () => {
    const r = await check([
      { event: 'user.config', netdev: 'N1', mtu: 4000 },
      { event: 'hw.program', child: 'C1', netdev: 'N1', mtu: 4000, reason: 'ndo' },
      { observe: 'netdev', netdev: 'N1', mtu: 4000 },
    ]);
    expect(r.verdict).toBe('conforming');
  });

  it('checks against a broken design when asked, and reports the invariant it breaks', async () => {
    const r = await conform({ text: trace(UNLOAD_C1.slice(0, 6).concat([{ event: 'netdev.unregister', netdev: 'N1', ifindex: 2 } as never])) }, { mutant: 'MUT-PRIOR-ART' });
    expect(r.violation!.id).toBe('INV-NETDEV-PERSIST');
    // The record that broke it (the unregister), not the first line of its step (the remove).
    expect(r.violation!.where).toBe('line 8');
  });
});

describe('unreadable traces', () => {
  const error = async (text: string): Promise<TraceInputError> => {
    try {
      await conform({ text });
    } catch (e) {
      if (e instanceof TraceInputError) return e;
      throw e;
    }
    throw new Error('no error');
  };
  const ok = JSON.stringify(HEADER);

  it.each([
    ['bad JSON', `${ok}\n{"seq":1,"event":"carrier.off","netdev":"N1"}\n{"seq":2,`, 'line 3', '(line)', /not valid JSON/],
    ['misspelt event', `${ok}\n{"seq":1,"event":"carier.off","netdev":"N1"}`, 'line 2', 'event', /did you mean "carrier.off"/],
    ['missing field', `${ok}\n{"seq":1,"event":"carrier.off"}`, 'line 2', 'netdev', /add "netdev"/],
    ['unknown field', `${ok}\n{"seq":1,"event":"carrier.off","netdev":"N1","pid":3}`, 'line 2', 'pid', /"x-pid"/],
    ['netdev not in the topology', `${ok}\n{"seq":1,"event":"carrier.off","netdev":"N7"}`, 'line 2', 'netdev', /not a netdev of claims-10-11/],
    ['sequence not increasing', `${ok}\n{"seq":2,"event":"carrier.off","netdev":"N1"}\n{"seq":2,"event":"carrier.on","netdev":"N1"}`, 'line 3', 'seq', /does not follow 2/],
    ['two settings in one user.config', `${ok}\n{"seq":1,"event":"user.config","netdev":"N1","mtu":9000,"admin":"up"}`, 'line 2', 'mtu|mac|admin', /exactly one/],
    ['no header', '{"seq":1,"event":"carrier.off","netdev":"N1"}', 'line 1', 'format', /must be the header/],
    ['unknown preset', JSON.stringify({ ...HEADER, topology: 'claims-13' }), 'line 1', 'topology', /no preset/],
    ['unknown kind in records', JSON.stringify({ ...HEADER, records: ['tool.stat'] }), 'line 1', 'records[0]', /did you mean "tool.start"/],
    ['event outside records', `${JSON.stringify({ ...HEADER, records: ['carrier.*'] })}\n{"seq":1,"event":"ops.switch","netdev":"N1","to":"parent"}`, 'line 2', 'event', /records/],
    ['empty trace', '', 'line 1', 'format', /empty/],
  ])('%s: names where and the field', async (_, text, where, field, problem) => {
    const e = await error(text);
    expect(e.where).toBe(where);
    expect(e.field).toBe(field);
    expect(e.message).toMatch(problem);
    expect(e.fix.length).toBeGreaterThan(0);
  });

  it('refuses a --topology that disagrees with the header', async () => {
    await expect(conform({ text: ok }, { topology: PRESETS['claims-1-9']! })).rejects.toThrow(/declares claims-10-11 but --topology gives claims-1-9/);
  });

  it('reads to the end for errors even after the verdict', async () => {
    const e = await error(`${ok}\n{"seq":1,"event":"carrier.on","netdev":"N1"}\n{"seq":2,"event":"carrier.off","netdev":"N1"}\nnot json`);
    expect(e.where).toBe('line 4');
  });
});

describe('limits', () => {
  it('compares an observation made part-way through a model step with the state at that point', async () => {
    const r = await check([
      ...UNLOAD_C1.slice(0, 7),
      // remove(S1) has closed N1's link but not yet switched its tables.
      { observe: 'netdev', netdev: 'N1', carrier: 'off', ops: 'C1' },
      ...UNLOAD_C1.slice(7),
    ]);
    expect(r.verdict).toBe('conforming');
  });

  it('gives the same verdict when its memo is forgotten at every turn (bounded memory)', async () => {
    const r = await conform({ text: trace(UNLOAD_C1) }, { diagnose: false, limits: { cacheLimit: 2 } });
    expect(r.verdict).toBe('conforming');
  });

  it('declares a trace too ambiguous to check rather than guess', async () => {
    const kernelOnly = { ...HEADER, records: ['module.*'] };
    await expect(conform({ text: trace([{ event: 'module.unload.begin', child: 'C1' }, { event: 'module.unload.end', child: 'C1' }], kernelOnly) }, { limits: { maxCandidates: 1 } })).rejects.toThrow(
      /model states explain the trace up to here/,
    );
  });
});
