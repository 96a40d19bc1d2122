import type { LogEntry } from './log-entry.js';

/** PRIORITY,SEQ,USEC,FLAGS[,more];TEXT — a record as /dev/kmsg gives it (Documentation/ABI/testing/dev-kmsg). */
const RECORD = /^(\d+),(\d+),(\d+),([^;]*);(.*)$/;

/** Whether a line is a /dev/kmsg record. */
export const looksLikeKmsg = (raw: string): boolean => RECORD.test(raw);

/** The value of /dev/kmsg's `caller=T1234` (a thread) or `caller=C3` (a CPU) prefix field, as `x-pid` or `x-cpu`. */
function callerOf(flags: string): Record<string, number> {
  const m = /(?:^|,)caller=([TC])(\d+)/.exec(flags);
  return m ? { [m[1] === 'T' ? 'x-pid' : 'x-cpu']: Number(m[2]) } : {};
}

/**
 * One line of /dev/kmsg: `6,1234,812400731,-;message`. The timestamp is in
 * microseconds since boot (ts is given in seconds), the kernel's sequence
 * number is kept as `x-kmsg-seq`. Continuation lines (` SUBSYSTEM=net`,
 * ` DEVICE=n7`: the record's dictionary) and blank lines give null; any other
 * line that is not a record gives 'unreadable'.
 */
export function parseKmsgLine(raw: string, line: number): LogEntry | 'unreadable' | null {
  if (raw.trim() === '' || /^\s/.test(raw)) return null;
  const m = RECORD.exec(raw);
  if (!m) return 'unreadable';
  const seq = Number(m[2]);
  return {
    line,
    ts: Number(m[3]) / 1e6,
    seq,
    extra: { 'x-kmsg-seq': seq, ...callerOf(m[4]!) },
    body: { kind: 'message', text: m[5]!.replace(/\\x([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))) },
  };
}
