import { INVARIANTS, LIVENESS } from '../../properties/index.js';
import type { FaultsRead } from '../../properties/property.js';
import { FAULTS } from '../model/faults.js';
import type { PropertyFilter } from './monitor.js';

/** Every fault bit. */
const ALL_FAULTS = (1 << FAULTS.length) - 1;

/**
 * The history variables of a state, kept only as far as the checked
 * properties read them. The fault bits and the invariants' monitors record
 * the past for the properties alone: no machine reads them and no step is
 * enabled or taken differently because of them. Two states that differ only
 * where no checked property looks therefore have the same futures and the
 * same verdicts (a bisimulation), and a search may keep one of them. This is
 * the cone of influence of the checked properties over the history; SPIN
 * users know the idea from dead-variable elimination.
 */
export interface HistoryReduction {
  readonly on: boolean;
  /** The representative of a fault mask's class: two masks no checked property tells apart have the same one. */
  readonly faultClass: Uint8Array;
  /** Ids of the invariants whose monitor state is kept (each monitor is read by its own invariant only). */
  readonly monitors: ReadonlySet<string> | null;
  /** What is kept, in one line for the report. */
  readonly note: string;
}

/** Whether the monitor of invariant `id` is kept. */
export const keepsMonitor = (h: HistoryReduction, id: string): boolean => h.monitors === null || h.monitors.has(id);

/** Every fault bit and every monitor kept: the literal state, the one the twins share. */
export const FULL_HISTORY: HistoryReduction = {
  on: false,
  faultClass: Uint8Array.from({ length: ALL_FAULTS + 1 }, (_, m) => m),
  monitors: null,
  note: 'off (--full-history): every fault bit and every monitor kept, as in the twins',
};

/**
 * The fault-mask classes of what properties read: the bits any of them
 * reads stay; the rest collapse into the lowest unread bit when one of them
 * reads whether any fault happened, else into nothing. `mask | fault` keeps
 * its class under this map (class(class(m) | f) = class(m | f)), so the
 * successor's class depends only on the state's class.
 */
export function faultClasses(reads: readonly FaultsRead[]): Uint8Array {
  const bits = reads.reduce((m, r) => m | r.bits, 0) & ALL_FAULTS;
  const any = reads.some((r) => r.any);
  const rest = ALL_FAULTS & ~bits;
  const representative = rest & -rest;
  return Uint8Array.from({ length: ALL_FAULTS + 1 }, (_, m) => (m & bits) | (any && (m & rest) !== 0 ? representative : 0));
}

/** The reduction for a check of the properties `only` lets through (all when null). */
export function historyFor(only: PropertyFilter): HistoryReduction {
  const checked = [...INVARIANTS, ...LIVENESS].filter((p) => !only || only.has(p.id));
  const faultClass = faultClasses(checked.flatMap((p) => (p.readsFaults ? [p.readsFaults] : [])));
  const classes = new Set(faultClass).size;
  const monitored = INVARIANTS.filter((inv) => inv.init);
  const monitors = new Set(monitored.filter((inv) => !only || only.has(inv.id)).map((inv) => inv.id));
  const dropped = monitored.length - monitors.size;
  const faultsNote = classes === 1 ? 'no fault bit kept (no checked property reads them)' : `the ${FAULTS.length} fault bits kept as the ${classes} classes the checked properties tell apart`;
  const monitorsNote = dropped === 0 ? `all ${monitored.length} monitors kept` : `${dropped} of ${monitored.length} monitors dropped (their invariants are not checked)`;
  return { on: true, faultClass, monitors: dropped === 0 ? null : monitors, note: `on: ${faultsNote}; ${monitorsNote}` };
}

/** What the states of a check keep of their history: what the checked properties read, or everything with `fullHistory`. */
export const historyOf = (o: { readonly fullHistory?: boolean }, only: PropertyFilter): HistoryReduction => (o.fullHistory ? FULL_HISTORY : historyFor(only));
