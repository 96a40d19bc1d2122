import { faultOf, describeEvent } from '../model/event-kinds.js';
import type { Topology } from '../topology/topology.js';
import type { Edge } from './model-graph.js';
import { asLogged } from './parse-record.js';
import { formatRecord, type TraceEvent, type TraceObservation } from '../model/trace-event.js';

/** One matched line and the model steps it began. */
export interface HistoryEntry {
  readonly where: string;
  readonly seq: number;
  readonly record: TraceEvent | TraceObservation;
  /** Silent steps, then the step whose first event this line is; empty when the line continues a step. */
  readonly steps: readonly Edge[];
  /** The number of the first of those steps in the model's run. */
  readonly firstStep: number;
}

/** How many recent lines a history keeps: enough to read a divergence, constant in the trace's length. */
export const HISTORY_KEPT = 40;

/**
 * The last lines of one explanation of the trace, as a persistent list that
 * candidates share; it is cut back to the last HISTORY_KEPT lines whenever it
 * grows to twice that, so a million-line trace keeps a few dozen.
 */
export class History {
  static readonly EMPTY = new History(null, null, 0);

  private constructor(
    private readonly entry: HistoryEntry | null,
    private readonly prev: History | null,
    private readonly length: number,
  ) {}

  add(e: HistoryEntry): History {
    const h = new History(e, this, this.length + 1);
    return h.length > 2 * HISTORY_KEPT ? History.of(h.entries().slice(-HISTORY_KEPT)) : h;
  }

  private static of(entries: readonly HistoryEntry[]): History {
    let h = History.EMPTY;
    for (const e of entries) h = new History(e, h, h.length + 1);
    return h;
  }

  /** The kept entries, oldest first. */
  entries(): HistoryEntry[] {
    const out: HistoryEntry[] = [];
    for (let h: History | null = this; h && h.entry; h = h.prev) out.push(h.entry);
    return out.reverse();
  }

  /** The trace so far, in readable form: each line as logged, and under it the model steps it began, in the kernel's words (`words`: in the log's names and values). */
  format(t: Topology, words: (s: string) => string = (s) => s, last = HISTORY_KEPT): string[] {
    const out: string[] = [];
    for (const e of this.entries().slice(-last)) {
      out.push(`${e.where.padEnd(10)} ${formatRecord(asLogged(e.record))}`);
      e.steps.forEach((s, n) => {
        const fault = faultOf(s.env);
        const silent = n < e.steps.length - 1 ? ' (not logged)' : '';
        out.push(`${''.padEnd(10)}   model step ${e.firstStep + n}: ${words(describeEvent(t, s.env, s.from.state))}${fault ? ` [${fault}]` : ''}${silent}`);
      });
    }
    return out;
  }
}
