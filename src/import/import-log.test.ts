import { describe, expect, it } from 'vitest';
import { PRESETS } from '../topology/presets.js';
import { importKernelLog } from './import-log.js';

const lines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('importKernelLog', () => {
  it('writes a header and lines numbered from 1, with the timestamps in seconds and the CPU as x-cpu', () => {
    const r = importKernelLog(
      ['  insmod-4711  [002] ....   900.5: module_load: hotup_c1 O', '  insmod-4711  [002] ....   900.6: module_load: nf_conntrack', '  insmod-4711  [002] ....   900.7: hotup_event: event=subdev.probe subdev=hotup.c1eth.0 result=ok'].join('\n'),
      { topology: PRESETS['claims-10-11']!, names: { hotup_c1: 'C1', 'hotup.c1eth.0': 'S1' } },
    );
    const [header, ...rest] = lines(r.text);
    expect(header).toEqual({ format: 'hotup-trace', version: 1, topology: 'claims-10-11', start: 'booted', source: 'hotup import of ftrace text', records: ['module.load.begin', 'subdev.probe'], names: { hotup_c1: 'C1', 'hotup.c1eth.0': 'S1' } });
    expect(rest).toEqual([
      { seq: 1, ts: 900.5, event: 'module.load.begin', child: 'hotup_c1', 'x-task': 'insmod', 'x-pid': 4711, 'x-cpu': 2 },
      { seq: 2, ts: 900.7, event: 'subdev.probe', subdev: 'hotup.c1eth.0', result: 'ok', 'x-task': 'insmod', 'x-pid': 4711, 'x-cpu': 2 },
    ]);
    expect(r.skipped).toEqual([{ line: 2, reason: 'module nf_conntrack is not a child of the model (--names)', text: '  insmod-4711  [002] ....   900.6: module_load: nf_conntrack' }]);
  });

  it('fails on a malformed hotup line, naming its line', () => {
    expect(() => importKernelLog('[ 1.0] bond0: (slave eth0): link status definitely down, disabling slave\n[ 1.1] hotup: event=carrier.off netdev=eth0 speed=10\n')).toThrow(/^line 2, field 'speed': not a field of carrier.off/);
  });

  it('fails on a log with nothing to import, an event outside --records and a name the topology lacks', () => {
    expect(() => importKernelLog('[ 1.0] Linux version 6.8.0\n')).toThrow(/^lines 1-1, field '\(log\)': no hotup: line, bonding message or module tracepoint/);
    expect(() => importKernelLog('[ 1.0] hotup: event=carrier.off netdev=eth0\n[ 1.1] hotup: event=carrier.on netdev=eth0\n', { records: ['carrier.off'] })).toThrow(/^line 2, field 'event': carrier.on is not among --records carrier.off; add carrier.on to --records/);
    expect(() => importKernelLog('[ 1.0] hotup: event=carrier.off netdev=eth0\n', { topology: PRESETS['claims-1-9']!, names: { eth5: 'N6' } })).toThrow(/field 'names.eth5': N6 is not in claims-1-9/);
  });

  it('reads kmsg with the --format given, and counts what is not a record', () => {
    const r = importKernelLog('6,1,1000000,-;hotup: event=carrier.off netdev=eth0\ngarbage\n', { format: 'kmsg' });
    expect(lines(r.text)[1]).toEqual({ seq: 1, ts: 1, event: 'carrier.off', netdev: 'eth0', 'x-kmsg-seq': 1 });
    expect(r.skipped).toEqual([{ line: 2, reason: 'not a kmsg line', text: 'garbage' }]);
  });
});
