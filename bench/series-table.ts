import type { SeriesBench, SeriesHotupRun, SeriesRow, SeriesSpinRun } from './series.js';

const num = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');
const fix = (n: number, digits: number): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');

/** A limit that cut a hotup search, as the table says it. */
function cutLabel(cutBy: string | null, maxSeconds: number): string {
  if (cutBy === 'max-seconds') return `${maxSeconds} s limit`;
  if (cutBy === 'max-memory') return 'memory limit';
  if (cutBy === 'max-states') return 'state limit';
  return cutBy ?? 'cut';
}

/** PASS, VIOLATION, or INCOMPLETE with what cut the search. */
export function verdictCell(r: SeriesHotupRun, maxSeconds: number): string {
  if (r.verdict === 'incomplete') return `INCOMPLETE (${cutLabel(r.cutBy, maxSeconds)})`;
  return r.verdict.toUpperCase();
}

/** A SPIN search's states: the count, what cut it, or why it could not run. */
function spinStatesCell(r: SeriesSpinRun): string {
  if (r.error) return `cannot run: ${r.error}`;
  return r.cut ? `${num(r.states)} (cut: ${r.cut})` : num(r.states);
}

const spinComplete = (r: SeriesSpinRun): boolean => r.cut === null && r.error === null;

/** The two-worker cells: seconds (or what cut it) and speedup over one worker, "-" where there is no complete pair. */
function twoWorkerCells(row: SeriesRow): [string, string] {
  const two = row.twoWorkers;
  if (!two) return ['-', '-'];
  if (two.verdict !== 'pass') return [verdictCell(two, row.maxSeconds), '-'];
  return [fix(two.seconds, 1), fix(row.oneWorker.seconds / two.seconds, 2)];
}

/** The SPIN cells of a row: NOREDUCE, default and NCORE=2 states and seconds, reduction factor, NCORE speedup. */
function spinCells(row: SeriesRow): string[] {
  const s = row.spin;
  if (!s) return new Array<string>(8).fill(row.spinNote ?? '-');
  const ncoreSpeedup = spinComplete(s.noReduce) && spinComplete(s.ncore) ? fix(s.noReduce.seconds / s.ncore.seconds, 2) : '-';
  return [
    spinStatesCell(s.noReduce),
    fix(s.noReduce.seconds, 2),
    spinStatesCell(s.reduce),
    fix(s.reduce.seconds, 2),
    s.reductionFactor === null ? '-' : fix(s.reductionFactor, 2),
    spinStatesCell(s.ncore),
    fix(s.ncore.seconds, 2),
    ncoreSpeedup,
  ];
}

/** The table's column names. */
export const SERIES_COLUMNS = [
  'topology',
  'faults',
  'limit s',
  'hotup verdict (1 worker)',
  'states',
  'transitions',
  's',
  'states/s',
  'bytes/state',
  'POR factor',
  '2 workers s',
  'speedup',
  'SPIN NOREDUCE states',
  's',
  'SPIN default (POR) states',
  's',
  'SPIN reduction',
  'SPIN NCORE=2 states',
  's',
  'NCORE speedup',
] as const;

/** One row of the table, a cell per column of SERIES_COLUMNS. */
export function seriesCells(row: SeriesRow): string[] {
  const one = row.oneWorker;
  return [
    row.topology,
    row.faults,
    String(row.maxSeconds),
    verdictCell(one, row.maxSeconds),
    num(one.states),
    num(one.transitions),
    fix(one.seconds, 1),
    num(one.statesPerSecond),
    fix(one.bytesPerState, 1),
    row.porFactor === null ? '-' : fix(row.porFactor, 2),
    ...twoWorkerCells(row),
    ...spinCells(row),
  ];
}

/** What the aim of a row came to: met with its verdict time, or not met and where the search stood. */
export function aimLine(row: SeriesRow): string | null {
  if (row.aimSeconds === null) return null;
  const one = row.oneWorker;
  const met = one.verdict === 'pass' && one.seconds <= row.aimSeconds;
  const where = one.verdict === 'pass' ? `PASS in ${fix(one.seconds, 1)} s` : `${verdictCell(one, row.maxSeconds)} at ${num(one.states)} states after ${fix(one.seconds, 1)} s`;
  return `${row.topology}, ${row.faults}: the aim, a verdict within ${row.aimSeconds} s on one worker, is ${met ? 'met' : 'not met'} (${where}).`;
}

/** The notes under the table: aims, dropped runs, what the columns mean and how SPIN ran. */
export function seriesNotes(b: SeriesBench): string[] {
  const aims = b.rows.map(aimLine).filter((x): x is string => x !== null);
  const dropped = b.rows.filter((r) => r.twoWorkersNote?.startsWith('dropped')).map((r) => `${r.topology} (${r.faults})`);
  const factors = b.rows.map((r) => r.spin?.reductionFactor).filter((x): x is number => typeof x === 'number');
  const ncore = b.rows.filter((r) => r.spin?.ncore.error).map((r) => `${r.topology} (${r.faults}): ${r.spin!.ncore.error}`);
  const differ = b.rows.filter((r) => r.twoWorkers?.verdict === 'pass' && (r.twoWorkers.states !== r.oneWorker.states || r.twoWorkers.transitions !== r.oneWorker.transitions));
  const s = b.spinSettings;
  return [
    ...aims.map((a) => `- ${a}`),
    dropped.length
      ? `- Two-worker runs dropped to keep the series within ${Math.round(b.budgetSeconds / 60)} minutes (largest first): ${dropped.join(', ')}.`
      : `- Every row where one worker completed also ran on two workers within the series' ${Math.round(b.budgetSeconds / 60)}-minute budget.`,
    ...(differ.length ? [`- **Two workers counted other states or transitions than one** on ${differ.map((r) => `${r.topology} (${r.faults})`).join(', ')}.`] : []),
    `- SPIN's partial-order reduction, states without it over states with it where both completed: ${factors.length ? `${fix(Math.min(...factors), 2)}..${fix(Math.max(...factors), 2)}` : 'no row completed in both modes'}. The twin is one \`init\` process with one d_step per environment event, so there is no interleaving of processes for the reduction to prune.`,
    ...(ncore.length ? [`- SPIN NCORE=2 could not run: ${ncore.join('; ')}.`] : []),
    `- POR factor: hotup check's partial-order reduction (docs/partial-order.md), states without it over states with it. ${porNotes(b)}`,
    `- hotup: INV-* only, no liveness pass, no audit, auto store, keeping only the history the INV-* read (docs/history.md): the same verdicts as the twin's literal states, over fewer states, so its state counts are below SPIN's (bench/results/peers.json has both on the twin's states with \`--full-history\`); 2 workers: \`hotup check --workers 2\` (seconds include starting the threads), speedup is one worker's seconds over two workers', only where both completed. SPIN: the Promela twin (twins/hotup.pml), -O2, -w${s.hashBits}, -m${s.maxDepth}, -DMEMLIM=${s.memoryMB}, the row's time limit (then SIGINT: SPIN prints what it stored); its seconds are its own elapsed time, compiling not included. NCORE=2 is SPIN's multi-core search on two processes with -DNOREDUCE -DSAFETY and the twin's scratch variables visible (-DMULTICORE: multi-core SPIN forbids hidden variables; they are zeroed after every step and add no states); its seconds are the first core's; a multi-core run cut early prints only each core's progress, summed here to 3 significant digits. NCORE speedup: NOREDUCE seconds over NCORE=2 seconds.`,
    `- Machine: ${b.cores} cores shared with other people's processes; one-minute load average ${fix(b.loadBefore, 1)} before the series, ${fix(b.loadAfter, 1)} after; the series took ${fix(b.wallSeconds / 60, 1)} minutes.`,
  ];
}

/** The series as plain text (bench/results/series.md): a padded table and its notes. */
export function seriesTable(b: SeriesBench): string {
  const rows = [[...SERIES_COLUMNS], ...b.rows.map(seriesCells)];
  const widths = SERIES_COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    'Scale series: hotup check (1 and 2 workers) beside SPIN on the Promela twin (cM-nN: M children, N netdevs bound round-robin):',
    line(rows[0]!),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.slice(1).map(line),
    '',
    ...seriesNotes(b),
  ].join('\n');
}

/** The series as the section of docs/performance.md. */
export function seriesMarkdown(b: SeriesBench): string {
  const right = new Set([2, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 16, 18, 19]);
  return [
    '## Scale series: `hotup check` beside SPIN',
    '',
    'Written by `npm run bench -- --only series` (bench/series.ts) into bench/results/series.json; do not edit by hand. Each topology cM-nN has M children and N netdevs, netdev i bound by child i mod M; each is searched with every fault and one user change, and with the five faults without the user\'s changes. SPIN runs on the Promela twin, which takes at most 3 netdevs.',
    '',
    `| ${SERIES_COLUMNS.join(' | ')} |`,
    `| ${SERIES_COLUMNS.map((_, i) => (right.has(i) ? '---:' : '---')).join(' | ')} |`,
    ...b.rows.map((r) => `| ${seriesCells(r).join(' | ')} |`),
    '',
    ...seriesNotes(b),
    '',
  ].join('\n');
}

/** What the reduction said on the series' rows, each distinct note once. */
function porNotes(b: SeriesBench): string {
  // The notes differ only in how many classes of step the row's topology has.
  const notes = [...new Set(b.rows.map((r) => r.oneWorker.por?.note.replace(/the \d+ classes/, 'the classes')).filter((n): n is string => n !== undefined))];
  return notes.length ? `It said: ${notes.map((n) => `"${n}"`).join('; ')}.` : 'Not recorded in this run.';
}
