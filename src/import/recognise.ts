import { readBondMessage } from './bond-messages.js';
import { hotupPayload, hotupRecord, type TraceRecord } from './hotup-line.js';
import type { LogEntry } from './log-entry.js';
import { isModelName, type NameMap } from './names.js';

/** What one log entry stands for: trace records, or the reason it stands for none. */
export type Recognised = { readonly records: TraceRecord[] } | { readonly skip: string };

/** The kernel's module tracepoints (include/trace/events/module.h) and the events they are, for a child module. */
const MODULE_TRACEPOINTS: Readonly<Record<string, string>> = {
  // trace_module_load() in load_module(): before the module's init runs.
  module_load: 'module.load.begin',
  // trace_module_free() in free_module(): the module's memory is freed.
  module_free: 'module.unload.end',
};

/** The tracepoint a driver defines for its trace records: its printed fields are a hotup line's key=value pairs. */
export const HOTUP_TRACEPOINT = 'hotup_event';

const at = (e: LogEntry): string => `line ${e.line}`;

/** A printk message: the driver's `hotup:` line, or one of the bonding driver's messages about a netdev of the model. */
function recogniseMessage(e: LogEntry, text: string, names: NameMap): Recognised {
  const payload = hotupPayload(text);
  if (payload !== null) return { records: [hotupRecord(payload, at(e))] };
  const bond = readBondMessage(text);
  if (!bond) return { skip: 'no hotup: tag and no bonding message hotup reads' };
  if (bond.slave !== null && !isModelName(names, 'N', bond.slave)) return { skip: `${bond.slave} is not a netdev of the model (--names)` };
  return { records: bond.records };
}

/** A tracepoint: hotup_event, module_load/module_free of a child, or printk's console event carrying a message. */
function recogniseTracepoint(e: LogEntry, event: string, fields: string, names: NameMap): Recognised {
  if (event === HOTUP_TRACEPOINT) return { records: [hotupRecord(fields.replace(/^hotup:\s*/, ''), at(e))] };
  if (event === 'console') return recogniseMessage(e, fields.replace(/^\[\s*[\d.]+\]\s?/, ''), names);
  const kind = MODULE_TRACEPOINTS[event];
  if (!kind) return { skip: `tracepoint ${event} is not one hotup reads` };
  const module = fields.split(/\s+/)[0] ?? '';
  if (module === '' || !isModelName(names, 'C', module)) return { skip: `module ${module || '(none)'} is not a child of the model (--names)` };
  return { records: [{ event: kind, child: module }] };
}

/**
 * What a log entry stands for in the trace. A `hotup:` line that is
 * malformed throws (TraceInputError naming the line); a line that is simply
 * not about the upgrade is skipped with a reason, never guessed at.
 */
export function recognise(e: LogEntry, names: NameMap): Recognised {
  return e.body.kind === 'message' ? recogniseMessage(e, e.body.text, names) : recogniseTracepoint(e, e.body.event, e.body.fields, names);
}
