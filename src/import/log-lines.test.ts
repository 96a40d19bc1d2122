import { describe, expect, it } from 'vitest';
import { TraceInputError } from '../conform/input-error.js';
import { parseDmesgLine } from './dmesg.js';
import { parseFtraceLine } from './ftrace.js';
import { parseKmsgLine } from './kmsg.js';
import { detectFormat } from './log-format.js';
import { isModelName, parseNames } from './names.js';

describe('dmesg lines', () => {
  it('reads the timestamp, the caller column and dmesg -x levels, or no timestamp at all', () => {
    expect(parseDmesgLine('[  812.400731] hotup_c1 hotup.c1eth.0: hotup: event=subdev.remove subdev=S1', 4)).toEqual({
      line: 4,
      ts: 812.400731,
      seq: null,
      extra: {},
      body: { kind: 'message', text: 'hotup_c1 hotup.c1eth.0: hotup: event=subdev.remove subdev=S1' },
    });
    expect(parseDmesgLine('[  812.400731] [ T4702] bond0: x', 1)).toMatchObject({ ts: 812.400731, extra: { 'x-pid': 4702 }, body: { text: 'bond0: x' } });
    expect(parseDmesgLine('kern  :info  : [  812.400731] [   C3] bond0: x', 1)).toMatchObject({ ts: 812.400731, extra: { 'x-cpu': 3 }, body: { text: 'bond0: x' } });
    expect(parseDmesgLine('hotup: event=carrier.off netdev=eth0', 1)).toMatchObject({ ts: null, body: { text: 'hotup: event=carrier.off netdev=eth0' } });
    expect(parseDmesgLine('[Tue Jun  4 10:01:02 2024] bond0: x', 1)).toMatchObject({ ts: 'Tue Jun  4 10:01:02 2024' });
    expect(parseDmesgLine('   ', 1)).toBeNull();
  });
});

describe('/dev/kmsg records', () => {
  it('reads priority, sequence, microseconds, flags and text, with the caller field', () => {
    expect(parseKmsgLine('6,1234,812400731,-;bond0: now running without any active interface!', 9)).toEqual({
      line: 9,
      ts: 812.400731,
      seq: 1234,
      extra: { 'x-kmsg-seq': 1234 },
      body: { kind: 'message', text: 'bond0: now running without any active interface!' },
    });
    expect(parseKmsgLine('14,1240,812500000,-,caller=T4700;hotup-upgrade[4700]: hotup: event=tool.done', 1)).toMatchObject({ extra: { 'x-pid': 4700 } });
    expect(parseKmsgLine('6,7,1,-;a\\x3bb', 1)).toMatchObject({ body: { text: 'a;b' } });
  });

  it('skips dictionary lines and reports a line that is no record', () => {
    expect(parseKmsgLine(' SUBSYSTEM=net', 2)).toBeNull();
    expect(parseKmsgLine('6,1234;no timestamp', 2)).toBe('unreadable');
    expect(parseKmsgLine('[  812.400731] a dmesg line', 2)).toBe('unreadable');
  });
});

describe('ftrace lines', () => {
  it('reads trace-cmd report and trace-file lines, with or without the flags column', () => {
    expect(parseFtraceLine('  insmod-1234  [001]  812.400731: module_load: hotup_c1 O', 5)).toEqual({
      line: 5,
      ts: 812.400731,
      seq: null,
      extra: { 'x-task': 'insmod', 'x-pid': 1234, 'x-cpu': 1 },
      body: { kind: 'tracepoint', event: 'module_load', fields: 'hotup_c1 O' },
    });
    expect(parseFtraceLine('   kworker/u64:2-219     [000] d..1.   813.905363: hotup_event: event=carrier.off netdev=eth0', 1)).toMatchObject({
      extra: { 'x-task': 'kworker/u64:2', 'x-cpu': 0 },
      body: { event: 'hotup_event', fields: 'event=carrier.off netdev=eth0' },
    });
    expect(parseFtraceLine('   my-task-name-77 (     77) [002] ...1 9.5: module:module_free: hotup_c1', 1)).toMatchObject({ extra: { 'x-task': 'my-task-name', 'x-pid': 77 }, body: { event: 'module_free' } });
  });

  it('skips the preamble and reports a line that is no tracepoint', () => {
    expect(parseFtraceLine('cpus=4', 1)).toBeNull();
    expect(parseFtraceLine('# tracer: nop', 1)).toBeNull();
    expect(parseFtraceLine('insmod-1234 812.400731: module_load: hotup_c1', 1)).toBe('unreadable');
    expect(parseFtraceLine('  insmod-1234  [001]  812.400731 module_load hotup_c1', 1)).toBe('unreadable');
  });
});

describe('the log format', () => {
  it('is told from the first line', () => {
    expect(detectFormat(['', '6,1,2,-;x'])).toBe('kmsg');
    expect(detectFormat(['cpus=4', 'insmod-1 [000] 1.0: module_load: a'])).toBe('ftrace');
    expect(detectFormat(['[    1.000000] Linux version 6.8.0'])).toBe('dmesg');
    expect(detectFormat(['Linux version 6.8.0', 'hotup: event=carrier.off netdev=eth0'])).toBe('dmesg');
  });

  it('is an error naming the line for JSON, an empty input and text that is no log', () => {
    expect(() => detectFormat(['', '{"format":"hotup-trace"}'])).toThrow(/^line 2, field '\(format\)': this is JSON, not a kernel log; a hotup trace needs no import/);
    expect(() => detectFormat([])).toThrow(TraceInputError);
    expect(() => detectFormat(['hello', 'world'])).toThrow(/^line 1, field '\(format\)': not a kernel log.*give --format dmesg, kmsg or ftrace/);
  });
});

describe('--names', () => {
  it('reads OWN=MODEL pairs and tells the model names from the system\'s others', () => {
    const names = parseNames('eth0=N1, hotup_c1=C1,hotup.c1eth.0=S1');
    expect(names).toEqual({ eth0: 'N1', hotup_c1: 'C1', 'hotup.c1eth.0': 'S1' });
    expect(isModelName(names, 'N', 'eth0')).toBe(true);
    expect(isModelName(names, 'N', 'N2')).toBe(true);
    expect(isModelName(names, 'N', 'eth7')).toBe(false);
    expect(isModelName(names, 'C', 'nf_conntrack')).toBe(false);
    expect(isModelName({}, 'C', 'nf_conntrack')).toBe(true);
  });

  it('rejects a pair that is not OWN=MODEL and a name given twice', () => {
    expect(() => parseNames('eth0')).toThrow(/^--names, field 'eth0': not OWN=MODEL/);
    expect(() => parseNames('eth0=X1')).toThrow(/not OWN=MODEL/);
    expect(() => parseNames('=N1')).toThrow(/not OWN=MODEL/);
    expect(() => parseNames('eth0=N1,eth0=N2')).toThrow(/named twice/);
  });
});
