import { describe, expect, it } from 'vitest';
import { TraceInputError } from '../conform/input-error.js';
import { hotupPayload, hotupRecord } from './hotup-line.js';
import { parseKeyValues } from './key-values.js';

const fails = (f: () => unknown, pattern: RegExp) => {
  let caught: unknown = null;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(TraceInputError);
  expect((caught as Error).message).toMatch(pattern);
};

describe('key=value pairs', () => {
  it('reads plain and quoted values', () => {
    expect(parseKeyValues('event=tool.stop report="C2 timed \\"out\\"" x-why=a', 'line 3')).toEqual([
      { key: 'event', value: 'tool.stop' },
      { key: 'report', value: 'C2 timed "out"' },
      { key: 'x-why', value: 'a' },
    ]);
  });

  it('rejects a token without =, an empty key, a key given twice and an open quote, naming the line', () => {
    fails(() => parseKeyValues('event=carrier.off eth0', 'line 7'), /^line 7, field 'eth0': not a key=value pair; write space-separated/);
    fails(() => parseKeyValues('event=carrier.off =eth0', 'line 7'), /line 7, field '\(empty\)': not a valid key/);
    fails(() => parseKeyValues('event=carrier.off netdev=a netdev=b', 'line 7'), /field 'netdev': given twice/);
    fails(() => parseKeyValues('event=tool.stop report="never closed', 'line 7'), /field 'report': the quoted value is not closed/);
    fails(() => parseKeyValues('event=tool.stop report="a"b', 'line 7'), /text follows the closing quote/);
  });
});

describe('the hotup: tag', () => {
  it('is found after dev_info()/netdev_info() prefixes and at the start of pr_info()', () => {
    expect(hotupPayload('hotup_c1 hotup.c1eth.0: hotup: event=subdev.probe subdev=S1')).toBe('event=subdev.probe subdev=S1');
    expect(hotupPayload('hotup: event=carrier.off netdev=eth0\n')).toBe('event=carrier.off netdev=eth0');
    expect(hotupPayload('hotup_core 0000:03:00.0 eth0: hotup: event=carrier.on netdev=eth0')).toBe('event=carrier.on netdev=eth0');
  });

  it('is not a record when prose follows it, or when it is part of a longer word', () => {
    expect(hotupPayload('hotup: probe of 0000:03:00.0 done')).toBeNull();
    expect(hotupPayload('hotup_c1: loading out-of-tree module taints kernel.')).toBeNull();
    expect(hotupPayload('nothotup: event=carrier.off')).toBeNull();
  });
});

describe('a hotup line as a trace record', () => {
  it('types the values by the vocabulary', () => {
    expect(hotupRecord('event=subdev.probe child=hotup_c1 subdev=hotup.c1eth.0 result=ok', 'line 1')).toEqual({ event: 'subdev.probe', child: 'hotup_c1', subdev: 'hotup.c1eth.0', result: 'ok' });
    expect(hotupRecord('event=bond.failover from=eth0,eth2', 'line 1')).toEqual({ event: 'bond.failover', from: ['eth0', 'eth2'] });
    expect(hotupRecord('event=bond.active netdev=none', 'line 1')).toEqual({ event: 'bond.active', netdev: null });
    expect(hotupRecord('event=netdev.register netdev=eth0 ifindex=7 x-irq=42', 'line 1')).toEqual({ event: 'netdev.register', netdev: 'eth0', ifindex: 7, 'x-irq': '42' });
    expect(hotupRecord('event=module.load.begin child=C1 version=2', 'line 1')).toEqual({ event: 'module.load.begin', child: 'C1', version: 2 });
    expect(hotupRecord('observe=bond active=eth1 slaves=eth0:down,eth1:up', 'line 1')).toEqual({ observe: 'bond', active: 'eth1', slaves: { eth0: 'down', eth1: 'up' } });
  });

  it('rejects an unknown event, a field of another kind, a missing field and a bad value, with the line and the fix', () => {
    fails(() => hotupRecord('event=carier.off netdev=eth0', 'line 12'), /^line 12, field 'event': "carier.off" is no event of the trace format; did you mean event=carrier.off\?/);
    fails(() => hotupRecord('event=carrier.off netdev=eth0 speed=10', 'line 12'), /field 'speed': not a field of carrier.off; .*x-speed=/);
    fails(() => hotupRecord('event=subdev.probe child=C1', 'line 12'), /field 'subdev': missing: subdev.probe requires subdev; add subdev=<value>/);
    fails(() => hotupRecord('event=subdev.probe subdev=S1 result=okay', 'line 12'), /field 'result': "okay" is not one of ok, error; did you mean result=ok\?/);
    fails(() => hotupRecord('event=netdev.register netdev=eth0 ifindex=seven', 'line 12'), /field 'ifindex': "seven" is not a whole number/);
    fails(() => hotupRecord('netdev=eth0 event=carrier.off', 'line 12'), /field 'netdev': a hotup line must start with event=KIND or observe=KIND/);
    fails(() => hotupRecord('observe=bonds', 'line 12'), /field 'observe': "bonds" is no observation/);
    fails(() => hotupRecord('observe=bond slaves=eth0', 'line 12'), /field 'slaves': "eth0" is not NAME:STATE/);
    fails(() => hotupRecord('observe=netdev netdev=eth0 registered=yes', 'line 12'), /field 'registered': "yes" is not true or false/);
  });
});
