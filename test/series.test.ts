import { describe, expect, it } from 'vitest';
import { AIM_SECONDS, EVERY_FAULT, FIVE_FAULTS, ROW_SECONDS, SERIES_TOPOLOGIES, seriesRows } from '../bench/series-rows.js';
import type { SeriesBench, SeriesHotupRun, SeriesRow, SeriesSpinRun } from '../bench/series.js';
import { aimLine, SERIES_COLUMNS, seriesCells, seriesMarkdown, seriesTable } from '../bench/series-table.js';
import { FAULTS } from '../src/model/faults.js';
import { twinMisfit } from '../twins/spin.js';

describe('the scale series rows', () => {
  const rows = seriesRows();

  it('are every topology with every fault and one user change, then with the five faults', () => {
    expect(rows.map((r) => `${r.topology.name}/${r.faultSet.name}`)).toEqual(SERIES_TOPOLOGIES.flatMap((t) => [`${t}/${EVERY_FAULT.name}`, `${t}/${FIVE_FAULTS.name}`]));
    expect(EVERY_FAULT.faults).toEqual(FAULTS);
    expect(EVERY_FAULT.userChanges).toBe(1);
    expect(FIVE_FAULTS.faults).toHaveLength(5);
    expect(FIVE_FAULTS.faults).not.toContain('FAULT-USER-CONFIG');
  });

  it('bind every netdev of cM-nN round-robin to the M children, each child binding at least one', () => {
    for (const { topology: t } of rows) {
      const [, m, n] = /^c(\d+)-n(\d+)$/.exec(t.name)!.map(Number);
      expect(t.children, t.name).toBe(m);
      expect(t.netdevs, t.name).toBe(n);
      expect(t.binding, t.name).toEqual(Array.from({ length: n! }, (_, i) => i % m!));
      expect(new Set(t.binding).size, t.name).toBe(m);
    }
  });

  it('give c2-n4 and c3-n4 with every fault the 120 s aim as their limit, every other row 60 s', () => {
    const aimed = rows.filter((r) => r.aimSeconds !== null).map((r) => `${r.topology.name}/${r.faultSet.name}`);
    expect(aimed).toEqual([`c2-n4/${EVERY_FAULT.name}`, `c3-n4/${EVERY_FAULT.name}`]);
    for (const r of rows) expect(r.maxSeconds).toBe(r.aimSeconds === null ? ROW_SECONDS : AIM_SECONDS);
  });

  it('go to SPIN only up to three netdevs', () => {
    expect(rows.filter((r) => twinMisfit(r.topology) === null).map((r) => r.topology.name)).toEqual(['c2-n2', 'c2-n2', 'c2-n3', 'c2-n3', 'c3-n3', 'c3-n3']);
    for (const r of rows.filter((x) => x.topology.netdevs > 3)) expect(twinMisfit(r.topology)).toBe('n>3');
  });
});

const hotup = (o: Partial<SeriesHotupRun>): SeriesHotupRun => ({
  verdict: 'pass',
  cutBy: null,
  states: 1_575_951,
  transitions: 10_608_013,
  seconds: 20,
  cpuSeconds: 20,
  statesPerSecond: 78_797,
  bytesPerState: 44.1,
  loadBefore: 0.5,
  por: { on: false, note: 'off: every one of the 26 classes of step touches what the checked invariants observe' },
  ...o,
});
const spinRun = (o: Partial<SeriesSpinRun>): SeriesSpinRun => ({ states: 1_575_951, transitions: 10_608_013, seconds: 3.2, wallSeconds: 3.5, compileSeconds: 5, memoryMB: 700, cut: null, error: null, ...o });
const row = (o: Partial<SeriesRow>): SeriesRow => ({
  topology: 'c2-n2',
  children: 2,
  netdevs: 2,
  faults: EVERY_FAULT.name,
  maxSeconds: 60,
  aimSeconds: null,
  oneWorker: hotup({}),
  twoWorkers: hotup({ seconds: 25 }),
  twoWorkersNote: null,
  porFactor: null,
  spin: { noReduce: spinRun({}), reduce: spinRun({ seconds: 3.0 }), ncore: spinRun({ seconds: 1.6 }), reductionFactor: 1 },
  spinNote: null,
  ...o,
});
const bench = (rows: SeriesRow[]): SeriesBench => ({ cores: 2, budgetSeconds: 1500, wallSeconds: 1200, spinSettings: { hashBits: 26, maxDepth: 5_000_000, memoryMB: 6144 }, loadBefore: 0.1, loadAfter: 1.9, rows });

describe('the scale series table', () => {
  const complete = row({});
  const cut = row({
    topology: 'c2-n4',
    netdevs: 4,
    maxSeconds: 120,
    aimSeconds: 120,
    oneWorker: hotup({ verdict: 'incomplete', cutBy: 'max-seconds', states: 5_000_000, seconds: 120 }),
    twoWorkers: null,
    twoWorkersNote: 'one worker did not complete',
    spin: null,
    spinNote: 'twin: n>3',
  });
  const spinTrouble = row({
    topology: 'c3-n3',
    twoWorkers: null,
    twoWorkersNote: "dropped: it would pass the series' 25-minute budget",
    spin: { noReduce: spinRun({ cut: 'time', states: 30_000_000 }), reduce: spinRun({ cut: 'memory' }), ncore: spinRun({ error: 'shmget failed' }), reductionFactor: null },
  });

  it('has one cell per column on every row', () => {
    for (const r of [complete, cut, spinTrouble]) expect(seriesCells(r)).toHaveLength(SERIES_COLUMNS.length);
  });

  it('gives a complete row its figures, speedups and SPIN reduction factor, and "-" for hotup check\'s POR factor', () => {
    const cells = seriesCells(complete);
    const c = (column: (typeof SERIES_COLUMNS)[number]): string => cells[SERIES_COLUMNS.indexOf(column)]!;
    expect(c('hotup verdict (1 worker)')).toBe('PASS');
    expect(c('states')).toBe('1,575,951');
    expect(c('POR factor')).toBe('-');
    expect(c('2 workers s')).toBe('25.0');
    expect(c('speedup')).toBe('0.80');
    expect(c('SPIN reduction')).toBe('1.00');
    expect(c('NCORE speedup')).toBe('2.00');
  });

  it('says what cut a search, "-" where there is no complete pair, and "twin: n>3" in every SPIN column past the twin', () => {
    const cells = seriesCells(cut);
    expect(cells[3]).toBe('INCOMPLETE (120 s limit)');
    expect(cells.slice(10, 12)).toEqual(['-', '-']);
    expect(cells.slice(12)).toEqual(new Array(8).fill('twin: n>3'));
    const trouble = seriesCells(spinTrouble);
    expect(trouble[12]).toBe('30,000,000 (cut: time)');
    expect(trouble[16]).toBe('-');
    expect(trouble[17]).toBe('cannot run: shmget failed');
  });

  it('reports the aim met or not met, and the dropped two-worker runs', () => {
    expect(aimLine(complete)).toBeNull();
    expect(aimLine(cut)).toBe('c2-n4, every fault, 1 user change: the aim, a verdict within 120 s on one worker, is not met (INCOMPLETE (120 s limit) at 5,000,000 states after 120.0 s).');
    expect(aimLine({ ...cut, oneWorker: hotup({ seconds: 100 }) })).toContain('is met (PASS in 100.0 s)');
    const text = seriesTable(bench([complete, cut, spinTrouble]));
    expect(text).toContain('Two-worker runs dropped to keep the series within 25 minutes (largest first): c3-n3 (every fault, 1 user change).');
    expect(text).toContain('SPIN NCORE=2 could not run: c3-n3 (every fault, 1 user change): shmget failed.');
    expect(text).not.toContain('Two workers counted other states');
    expect(seriesTable(bench([{ ...complete, twoWorkers: hotup({ states: 1 }) }]))).toContain('**Two workers counted other states or transitions than one** on c2-n2');
  });

  it('renders a markdown table whose rows have as many cells as its header', () => {
    const md = seriesMarkdown(bench([complete, cut, spinTrouble])).split('\n');
    const table = md.filter((l) => l.startsWith('| '));
    expect(table).toHaveLength(5);
    const width = (l: string): number => l.split(' | ').length;
    for (const l of table) expect(width(l)).toBe(width(table[0]!));
  });
});
