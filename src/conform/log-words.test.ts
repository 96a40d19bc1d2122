import { describe, expect, it } from 'vitest';
import { monitoredStep, withMonitors } from '../engine/monitor.js';
import { createSystem } from '../engine/system.js';
import { FAULTS } from '../model/faults.js';
import { designOf } from '../mutants.js';
import { PRESETS } from '../topology/presets.js';
import { traceStep, type TraceStep } from '../trace/trace.js';
import { conform } from './conform.js';
import { toTraceLines } from './export.js';
import { meaningOf, modelName } from './meaning.js';
import { formatConform } from './report.js';

const topology = PRESETS['claims-10-11']!;
const NAMES = { eth0: 'N1', eth1: 'N2', eth2: 'N3', mlx_c1: 'C1', mlx_c2: 'C2', 'mlx.sf.0': 'S1', 'mlx.sf.1': 'S2', 'mlx.sf.2': 'S3' };
const header = (extra: object = {}) => JSON.stringify({ format: 'hotup-trace', version: 1, topology: 'claims-10-11', names: NAMES, ...extra });
const lines = (records: readonly object[]) => [header(), ...records.map((r, n) => JSON.stringify({ seq: n + 1, ...r }))].join('\n');

/** C1's unload in the implementation's names and values, then an unregister no design of C1's remove does. */
const OWN_WORDS = [
  { observe: 'netdev', netdev: 'eth0', ifindex: 7, mac: '02:00:5e:00:51:00' },
  { observe: 'netdev', netdev: 'eth2', ifindex: 9 },
  { observe: 'module', child: 'mlx_c1', version: '5.1.0' },
  { event: 'tool.start', version: '5.2.1' },
  { event: 'tool.rmmod', child: 'mlx_c1' },
  { event: 'module.unload.begin', child: 'mlx_c1' },
  { event: 'bond.failover', from: ['eth0', 'eth2'] },
  { event: 'bond.active', netdev: 'eth1' },
  { event: 'subdev.remove', child: 'mlx_c1', subdev: 'mlx.sf.0' },
  { event: 'carrier.off', netdev: 'eth0' },
  { event: 'ops.switch', netdev: 'eth0', to: 'parent' },
  { event: 'netdev.unregister', netdev: 'eth2', ifindex: 9 },
];

describe("verdicts in the log's own words", () => {
  it("name netdevs, children, sub-devices, versions and ifindexes as the log did, never the model's", async () => {
    const r = await conform({ text: lines(OWN_WORDS) }, { diagnose: false });
    expect(r.verdict).toBe('not-conforming');
    const text = formatConform(r, 'trace');
    const body = text.split('\n').filter((l) => !l.startsWith('hotup conform:') && !l.includes('why:'));
    for (const l of body) {
      expect(l, l).not.toMatch(/\b[NCS][1-9]\b/);
      expect(l, l).not.toMatch(/hotup\.c\d+eth/);
    }
    expect(text).toMatch(/eth0 ifindex 7/);
    expect(text).toMatch(/mlx_c1 unloading version 5\.1\.0: mlx\.sf\.0 unbound/);
    expect(text).toMatch(/logged: {2}netdev\.unregister netdev=eth2 ifindex=9/);
    expect(text).toMatch(/model step \d+: driver core: mlx_c1 remove\(mlx\.sf\.0\)/);
    expect(JSON.stringify(r.divergence!.record)).toBe(JSON.stringify({ event: 'netdev.unregister', netdev: 'eth2', ifindex: 9 }));
  });

  it('says why an observation disagrees in the log\'s names', async () => {
    const r = await conform({ text: lines([{ observe: 'netdev', netdev: 'eth0', ops: 'mlx_c2' }]) }, { diagnose: false });
    expect(r.divergence!.reason).toBe('the observation disagrees with the model: ops: the implementation saw mlx_c2, the model has mlx_c1');
  });
});

/** The correct design until the tool gives up: C1 unloaded and reloaded, its notification lost, the tool times out and stops with its report. */
function stoppedRun(): string[] {
  const system = createSystem(topology, designOf(null));
  const start = withMonitors(system, system.initial());
  let state = start;
  const steps: TraceStep[] = [];
  const prefer = ['tool.start', 'notify.lost', 'tool.timeout', 'tool.step', 'child.load', 'child.remove', 'child.drain', 'child.free', 'child.probe'];
  while (state.tool.value !== 'stopped' && steps.length < 80) {
    const enabled = system.enabled(state, FAULTS).filter((e) => e.kind !== 'child.probe' || e.ok);
    const e = prefer.map((k) => enabled.find((x) => x.kind === k && (k !== 'tool.start' || steps.length === 0))).find((x) => x !== undefined)!;
    const r = monitoredStep(system, state, e);
    steps.push(traceStep(e, r));
    state = r.state;
  }
  return toTraceLines(topology, start, steps);
}

describe("a tool's report compared by meaning, not wording", () => {
  const run = stoppedRun();
  const withReport = (report: string): string =>
    [header(), ...run.slice(1).map((l) => (l.includes('"tool.stop"') ? l.replace(/"report":"[^"]*"/, `"report":${JSON.stringify(report)}`) : l))].join('\n');

  it('the model stops with a report about C1', () => {
    expect(run.at(-1)).toMatch(/"event":"tool.stop","report":"no upgrade-finished notification from C1"/);
  });

  it.each([
    ['the model\'s own words', 'no upgrade-finished notification from C1'],
    ["a real tool's words and names", 'mlx_c1: timed out waiting for the upgrade notification'],
    ['words that give no reason, naming the right child', 'upgrade of mlx_c1 aborted'],
  ])('%s conform', async (_, report) => {
    expect((await conform({ text: withReport(report) }, { diagnose: false })).verdict).toBe('conforming');
  });

  it.each([
    ['another child', 'mlx_c2: timed out waiting for the upgrade notification'],
    ['another reason', 'mlx_c1 did not bind every sub-device'],
  ])('a report naming %s does not', async (_, report) => {
    const r = await conform({ text: withReport(report) }, { diagnose: false });
    expect(r.verdict).toBe('not-conforming');
    expect(r.divergence!.record).toMatchObject({ event: 'tool.stop', report });
  });

  it('reduces a text to its reason and the names it gives', () => {
    expect(meaningOf('C1 was unloaded before it notified', modelName)).toBe('reason=unloaded-early names=C1');
    expect(meaningOf('the parent device was removed', modelName)).toBe('reason=parent-removed names=');
  });
});
