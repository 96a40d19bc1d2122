import type { LogEntry } from './log-entry.js';

const DECODED_LEVEL = /^[a-z]+\s*:[a-z]+\s*: /; // dmesg -x: "kern  :info  : "
const STAMP = /^\[\s*([^\]]+?)\s*\]\s?/;
const CALLER = /^\[\s*([TC])(\d+)\]\s?/; // CONFIG_PRINTK_CALLER: thread or CPU

/** The timestamp `dmesg` printed: seconds since boot, or its wall-clock text (`dmesg -T`). */
export const dmesgTime = (stamp: string): number | string => (/^\d+(\.\d+)?$/.test(stamp) ? Number(stamp) : stamp);

/**
 * One line as `dmesg` prints it: `[  812.400731] hotup_c1 hotup.c1eth.0: ...`,
 * with or without the timestamp, with dmesg -x's facility:level and a
 * CONFIG_PRINTK_CALLER `[T1234]`/`[C3]` column when present (the caller
 * becomes `x-pid` or `x-cpu`). Blank lines give null.
 */
export function parseDmesgLine(raw: string, line: number): LogEntry | null {
  let text = raw.replace(DECODED_LEVEL, '');
  if (text.trim() === '') return null;
  let ts: number | string | null = null;
  const stamp = STAMP.exec(text);
  if (stamp && !CALLER.test(text)) {
    ts = dmesgTime(stamp[1]!);
    text = text.slice(stamp[0].length);
  }
  const extra: Record<string, number> = {};
  const caller = CALLER.exec(text);
  if (caller) {
    extra[caller[1] === 'T' ? 'x-pid' : 'x-cpu'] = Number(caller[2]);
    text = text.slice(caller[0].length);
  }
  return { line, ts, seq: null, extra, body: { kind: 'message', text } };
}

/** Whether a line opens with a dmesg timestamp, so that the input is dmesg text. */
export const looksLikeDmesg = (raw: string): boolean => STAMP.test(raw.replace(DECODED_LEVEL, ''));
