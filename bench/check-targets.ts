import { cpus } from 'node:os';
import { check } from '../src/check/check.js';
import type { StoreKind } from '../src/check/visited.js';
import { machineVectorBytes } from '../src/check/machine-memory.js';
import { FAULTS } from '../src/model/faults.js';
import { parseTopology } from '../src/topology/parse.js';
import { PRESETS } from '../src/topology/presets.js';
import { searchFigures, type SearchFigures } from './search-figures.js';
import type { Topology } from '../src/topology/topology.js';

/** One search measured against a time-to-verdict target, or run to a limit past the old 16-bit ceiling. */
export interface CheckTargetRow extends SearchFigures {
  readonly name: string;
  readonly topology: string;
  readonly faults: string;
  readonly store: StoreKind;
  /** Every fault bit and monitor kept, as the twins do (else only the history the INV-* read). */
  readonly fullHistory?: boolean;
  /** The store the search ended with (auto moves to a tree store past its share). */
  readonly storeUsed: string;
  readonly bondLocalStates: number;
  readonly rssMB: number;
  /** Seconds to a verdict the design aims at, when it has one. */
  readonly targetSeconds: number | null;
}

/** The five-netdev topology of three children whose bond machine once stopped the search at 65,535 local states. */
const C3_N5: Topology = parseTopology({ name: 'c3-n5', children: 3, binding: { N1: 'C1', N2: 'C2', N3: 'C3', N4: 'C1', N5: 'C2' } });

/** One search of the targets: its name in the table, the topology, the store, the limit and the aim. */
export interface TargetRun {
  readonly name: string;
  readonly topology: Topology;
  readonly store: StoreKind;
  readonly fullHistory?: boolean;
  readonly maxSeconds: number | null;
  readonly targetSeconds: number | null;
}

/**
 * claims-10-11 with every fault and one user change, with each store (the
 * aim: a verdict in 15 s), and again with the whole history, the twins'
 * states; c3-n5 with every fault to a time limit, which ends
 * INCOMPLETE with its figures instead of the old 16-bit crash.
 */
export function benchCheckTargets(budgetSeconds: number, log: (line: string) => void = () => {}): CheckTargetRow[] {
  return runTargets(
    [
      { name: 'claims-10-11 verdict', topology: PRESETS['claims-10-11']!, store: 'auto', maxSeconds: null, targetSeconds: 15 },
      { name: 'claims-10-11 verdict', topology: PRESETS['claims-10-11']!, store: 'tree', maxSeconds: null, targetSeconds: 15 },
      { name: '  --full-history', topology: PRESETS['claims-10-11']!, store: 'auto', fullHistory: true, maxSeconds: null, targetSeconds: 15 },
      { name: 'no ceiling', topology: C3_N5, store: 'auto', maxSeconds: budgetSeconds, targetSeconds: null },
    ],
    log,
  );
}

/** Each search with every fault, one user change and INV-* only, on one worker, its auto store sized to this machine's memory. */
export function runTargets(runs: readonly TargetRun[], log: (line: string) => void = () => {}): CheckTargetRow[] {
  return runs.map((x) => {
    const c0 = process.cpuUsage();
    const r = check({ topology: x.topology, mutant: null, faults: [...FAULTS], userChanges: 1, liveness: false, audit: false, store: x.store, compressAbove: machineVectorBytes(), fullHistory: x.fullHistory === true, ...(x.maxSeconds ? { maxSeconds: x.maxSeconds } : {}) });
    const figures = searchFigures(r, c0);
    const row: CheckTargetRow = {
      name: x.name,
      topology: r.topology,
      faults: 'all, 1 user change',
      store: x.store,
      fullHistory: x.fullHistory === true,
      storeUsed: r.store,
      ...figures,
      bondLocalStates: r.localStates.bond,
      rssMB: r.rssBytes / 2 ** 20,
      targetSeconds: x.targetSeconds,
    };
    log(targetLine(row));
    return row;
  });
}

const num = (n: number): string => Math.round(n).toLocaleString('en-US');

/** A search's verdict with the limit that cut it, if one did: "incomplete (--max-seconds)". */
export const verdictText = (r: { readonly verdict: string; readonly cutBy: string | null }): string => (r.cutBy ? `${r.verdict} (--${r.cutBy})` : r.verdict);

/** Whether a search with an aim reached its verdict within it. */
export const aimMet = (r: CheckTargetRow): boolean => r.targetSeconds !== null && r.seconds <= r.targetSeconds;

/** The columns of a target table; the numbers (states to rss MB) are right-aligned. */
const TARGET_COLUMNS = ['search', 'topology', 'store', 'verdict', 'states', 'transitions', 'wall s', 'cpu s', 'states/s', 'B/st', 'bond ls', 'rss MB', 'aim'] as const;
const NUMBERS = new Set([4, 5, 6, 7, 8, 9, 10, 11]);

function targetCells(r: CheckTargetRow): string[] {
  const aim = r.targetSeconds === null ? '-' : `${r.targetSeconds} s: ${aimMet(r) ? 'met' : 'not met'}`;
  return [r.name, r.topology, `${r.store}->${r.storeUsed}`, verdictText(r), num(r.states), num(r.transitions), r.seconds.toFixed(1), r.cpuSeconds.toFixed(1), num(r.statesPerSecond), r.bytesPerState.toFixed(1), num(r.bondLocalStates), num(r.rssMB), aim];
}

/** The header and the rows' cells, each column as wide as its widest cell. */
function padded(rows: readonly CheckTargetRow[]): string[] {
  const cells = [[...TARGET_COLUMNS], ...rows.map(targetCells)];
  const widths = TARGET_COLUMNS.map((_, j) => Math.max(...cells.map((c) => c[j]!.length)));
  return cells.map((c) => `  ${c.map((x, j) => (NUMBERS.has(j) ? x.padStart(widths[j]!) : x.padEnd(widths[j]!))).join(' ')}`.trimEnd());
}

/** One row as the progress log prints it when its search ends. */
function targetLine(r: CheckTargetRow): string {
  return padded([r])[1]!;
}

/** The target searches as a table (`title`: what they are). */
export function checkTargetTable(rows: readonly CheckTargetRow[], title = 'targets'): string {
  return [
    `${title} (every fault, one user change, INV-* only; ${cpus().length} cores shared with other processes, so CPU seconds can be below wall seconds):`,
    ...padded(rows),
  ].join('\n');
}
