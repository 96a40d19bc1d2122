import { TraceInputError } from '../conform/input-error.js';
import { readBondMessage } from './bond-messages.js';
import { looksLikeDmesg, parseDmesgLine } from './dmesg.js';
import { looksLikeFtrace, parseFtraceLine } from './ftrace.js';
import { hotupPayload } from './hotup-line.js';
import { looksLikeKmsg, parseKmsgLine } from './kmsg.js';
import type { LogEntry } from './log-entry.js';

/** The kernel log formats `hotup import` reads. */
export const LOG_FORMATS = ['dmesg', 'kmsg', 'ftrace'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Reads one line of a format: an entry, nothing (blank, preamble, continuation), or 'unreadable' (not a line of that format). */
export const LINE_PARSERS: Readonly<Record<LogFormat, (raw: string, line: number) => LogEntry | 'unreadable' | null>> = {
  dmesg: parseDmesgLine,
  kmsg: parseKmsgLine,
  ftrace: parseFtraceLine,
};

const FIX = 'give --format dmesg, kmsg or ftrace, or import the output of dmesg, cat /dev/kmsg or trace-cmd report';

/**
 * The format of a log, from its first line that is not blank: a /dev/kmsg
 * record, ftrace text (a tracepoint line or trace-cmd's preamble), or dmesg
 * (a `[  812.400731]` timestamp). A log whose lines carry no timestamp is
 * dmesg text when some line of it is a `hotup:` line or a bonding message.
 * Anything else is an error naming the first line: a hotup trace, or no log.
 */
export function detectFormat(lines: readonly string[]): LogFormat {
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) throw new TraceInputError('line 1', '(format)', 'the log is empty', FIX);
  const l = lines[first]!;
  const where = `line ${first + 1}`;
  if (l.trim().startsWith('{')) throw new TraceInputError(where, '(format)', 'this is JSON, not a kernel log', 'a hotup trace needs no import: run hotup conform on it');
  if (looksLikeKmsg(l)) return 'kmsg';
  if (looksLikeFtrace(l)) return 'ftrace';
  if (looksLikeDmesg(l)) return 'dmesg';
  if (lines.some((x) => hotupPayload(x) !== null || readBondMessage(x) !== null)) return 'dmesg';
  throw new TraceInputError(where, '(format)', 'not a kernel log: neither dmesg ([  812.400731] text), /dev/kmsg (6,1234,812400731,-;text) nor ftrace (task-pid [cpu] ts: event: fields)', FIX);
}
