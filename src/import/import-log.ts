import { TraceInputError } from '../conform/input-error.js';
import { EVENT_KINDS } from '../conform/vocabulary.js';
import type { Topology } from '../topology/topology.js';
import type { TraceRecord } from './hotup-line.js';
import type { LogEntry, SkippedLine } from './log-entry.js';
import { detectFormat, LINE_PARSERS, type LogFormat } from './log-format.js';
import type { NameMap } from './names.js';
import { recognise } from './recognise.js';
import { traceHeader } from './trace-header.js';

/** `hotup import`'s options. */
export interface ImportOptions {
  /** The log's format; 'auto' (the default) tells it from the first line. */
  readonly format?: 'auto' | LogFormat;
  /** The topology the log was recorded on: declared in the header. */
  readonly topology?: Topology | null;
  /** The system's names for the model's, for the header (and to tell the model's netdevs and modules from others). */
  readonly names?: NameMap;
  /** The event kinds the system logs (kinds or prefixes like `bond.*`); default: the kinds that occur in the log. */
  readonly records?: readonly string[] | null;
  /** The header's `source`. */
  readonly source?: string;
  /** Write the CPU a line was logged on as `cpu`, not `x-cpu`, so that hotup conform reads each CPU as a source of its own. */
  readonly cpu?: boolean;
}

/** An imported log: the trace text and what was read. */
export interface ImportResult {
  readonly format: LogFormat;
  /** The trace as JSON Lines, header first, ending in a newline. */
  readonly text: string;
  /** Lines of input read. */
  readonly lines: number;
  readonly events: number;
  readonly observations: number;
  /** Lines read that stand for no trace record, with why. */
  readonly skipped: readonly SkippedLine[];
}

const covers = (patterns: readonly string[], kind: string): boolean => patterns.some((p) => p === kind || (p.endsWith('.*') && kind.startsWith(p.slice(0, -1))));

/** A trace line: seq, ts, the record's fields, then the log's own fields (x-cpu, x-pid, ...); with `cpu`, the CPU as the line's `cpu`. */
function traceLine(seq: number, e: LogEntry, r: TraceRecord, cpu: boolean): Record<string, unknown> {
  const line: Record<string, unknown> = { seq, ...(e.ts !== null ? { ts: e.ts } : {}), ...r, ...e.extra };
  if (cpu && 'x-cpu' in line) {
    line.cpu = line['x-cpu'];
    delete line['x-cpu'];
  }
  return line;
}

/**
 * Converts a kernel log (dmesg or /dev/kmsg text) or ftrace text into a hotup
 * trace: each `hotup:` line, bonding message or module tracepoint becomes a
 * trace line numbered from 1, with the log's timestamp in seconds. Lines that
 * stand for nothing are returned in `skipped`. Throws TraceInputError, naming
 * the line and the fix, on an unknown format, a malformed `hotup:` line, an
 * event outside `records`, names the topology lacks, or a log with no record.
 */
export function importKernelLog(input: string, options: ImportOptions = {}): ImportResult {
  const raw = input.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (raw.at(-1) === '') raw.pop();
  const format = !options.format || options.format === 'auto' ? detectFormat(raw) : options.format;
  const names = options.names ?? {};
  const parse = LINE_PARSERS[format];
  const skipped: SkippedLine[] = [];
  const out: Record<string, unknown>[] = [];
  const from: number[] = [];
  for (const [i, text] of raw.entries()) {
    const entry = parse(text, i + 1);
    if (entry === null) continue;
    if (entry === 'unreadable') {
      skipped.push({ line: i + 1, reason: `not a ${format} line`, text });
      continue;
    }
    const r = recognise(entry, names);
    if ('skip' in r) skipped.push({ line: i + 1, reason: r.skip, text });
    else
      for (const rec of r.records) {
        out.push(traceLine(out.length + 1, entry, rec, options.cpu === true));
        from.push(i + 1);
      }
  }
  if (out.length === 0) {
    throw new TraceInputError(`lines 1-${raw.length}`, '(log)', `no hotup: line, bonding message or module tracepoint of the model in ${raw.length} lines of ${format}`, 'have the driver print hotup: event=... lines (docs/trace-format.md, "Kernel logs in"), or check --format and --names');
  }
  const kinds = new Set(out.filter((l) => 'event' in l).map((l) => l.event as string));
  if (options.records) {
    const n = out.findIndex((l) => typeof l.event === 'string' && !covers(options.records!, l.event));
    if (n >= 0) {
      const kind = String(out[n]!.event);
      throw new TraceInputError(`line ${from[n]!}`, 'event', `${kind} is not among --records ${options.records.join(',')}`, `add ${kind} to --records, or leave --records out`);
    }
  }
  const header = traceHeader({
    topology: options.topology ?? null,
    names,
    records: options.records ?? EVENT_KINDS.filter((k) => kinds.has(k)),
    source: options.source ?? `hotup import of ${format} text`,
  });
  return {
    format,
    text: `${[header, ...out].map((l) => JSON.stringify(l)).join('\n')}\n`,
    lines: raw.length,
    events: out.filter((l) => 'event' in l).length,
    observations: out.filter((l) => 'observe' in l).length,
    skipped,
  };
}
