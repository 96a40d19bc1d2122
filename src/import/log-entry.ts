/**
 * One line of a kernel log or trace, read from its container format (dmesg,
 * /dev/kmsg, ftrace) but not yet understood: where it is, when it was logged,
 * and either a printk message or a tracepoint with its printed fields.
 */
export interface LogEntry {
  /** 1-based line number in the input. */
  readonly line: number;
  /** Seconds since boot as the log shows them; a string when the log prints wall-clock time; null when it prints none. */
  readonly ts: number | string | null;
  /** The kernel's own sequence number (/dev/kmsg), or null. */
  readonly seq: number | null;
  /** What the log adds about the logger (`x-cpu`, `x-pid`, `x-task`): carried into the trace as extension fields. */
  readonly extra: Readonly<Record<string, string | number>>;
  readonly body: MessageBody | TracepointBody;
}

/** A printk message: the text after the log's own prefix (timestamp, priority). */
export interface MessageBody {
  readonly kind: 'message';
  readonly text: string;
}

/** A tracepoint hit as ftrace prints it: the event name and its printed fields. */
export interface TracepointBody {
  readonly kind: 'tracepoint';
  readonly event: string;
  readonly fields: string;
}

/** A line the importer read but turned into nothing, with why. */
export interface SkippedLine {
  readonly line: number;
  readonly reason: string;
  readonly text: string;
}
