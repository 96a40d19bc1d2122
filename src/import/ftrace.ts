import type { LogEntry } from './log-entry.js';

/**
 * TASK-PID [CPU] FLAGS TIMESTAMP: EVENT: FIELDS, as the ftrace `trace` file
 * and `trace-cmd report` print a tracepoint: the `(TGID)` column and the
 * irq-flags column (`d..1.`) are optional; the event may carry its system
 * (`module:module_load`).
 */
const EVENT_LINE = /^\s*(.+?)-(\d+)\s+(?:\(\s*(?:\d+|-+)\)\s+)?\[(\d+)\]\s+(?:(\S{3,6})\s+)?(\d+(?:\.\d+)?):\s+(?:\w+:)?(\w+):\s?(.*)$/;

/** What trace-cmd and the trace file print before the events: `cpus=4`, `version = 6`, `CPU 2 is empty`, `# tracer: nop`. */
const PREAMBLE = /^(?:#|cpus=\d+\s*$|version = |CPU \d+ is empty|CPU:\d+ \[)/;

/** Whether a line is a tracepoint line or trace-cmd's preamble, so that the input is ftrace text. */
export const looksLikeFtrace = (raw: string): boolean => EVENT_LINE.test(raw) || PREAMBLE.test(raw.trim());

/**
 * One line of ftrace text. A tracepoint line gives an entry with `x-task`,
 * `x-pid` and `x-cpu` (the CPU column); blank lines and the preamble give
 * null; anything else gives 'unreadable'.
 */
export function parseFtraceLine(raw: string, line: number): LogEntry | 'unreadable' | null {
  if (raw.trim() === '' || PREAMBLE.test(raw.trim())) return null;
  const m = EVENT_LINE.exec(raw);
  if (!m) return 'unreadable';
  return {
    line,
    ts: Number(m[5]),
    seq: null,
    extra: { 'x-task': m[1]!.trim(), 'x-pid': Number(m[2]), 'x-cpu': Number(m[3]) },
    body: { kind: 'tracepoint', event: m[6]!, fields: m[7]!.trim() },
  };
}
