import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkOnWorkers, checkParallel } from '../src/check/parallel-check.js';
import { FAULTS } from '../src/model/faults.js';
import { PRESETS } from '../src/topology/presets.js';
import { verdictText } from './check-targets.js';
import { searchFigures, type SearchFigures } from './search-figures.js';

/** One exhaustive search of the workers series. */
export interface WorkersRow extends SearchFigures {
  readonly topology: string;
  readonly workers: number;
  /** One worker's seconds over these, on the same search. */
  readonly speedup: number;
  /** Two threads of plain arithmetic together, over one alone, measured just before the search (2: two free cores). */
  readonly twoThreadThroughput: number;
  /** The machine's one-minute load average before and after the search (other people's processes included). */
  readonly loadBefore: number;
  readonly loadAfter: number;
  /** Successors another worker owned: sent to it, and not sent again because the sender had sent them before (0 on one worker). */
  readonly sent: number;
  readonly notResent: number;
}

/** The series: each search on 1 and on 2 workers. */
export interface WorkersBench {
  readonly cores: number;
  /** The cut of claims-10-11 (the same first states in breadth-first order on every number of workers). */
  readonly maxStates: number;
  readonly rows: readonly WorkersRow[];
  /** Two one-worker searches of claims-10-11 at once, each in its own thread for SEARCH_SECONDS: the transitions they took together over one's alone (2: the machine runs two searches as fast as one). */
  readonly twoSearches: number;
  /** claims-10-11's cut on the level search with one worker thread and no peer: the price of the protocol alone, without a second thread. */
  readonly levelSearchAlone?: LevelSearchAlone;
}

/** One search on the parallel check's level search, on a single worker thread. */
export interface LevelSearchAlone {
  readonly states: number;
  readonly transitions: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
}

/** Seconds of each search in the two-searches measurement. */
export const SEARCH_SECONDS = 15;

/** Workers of the series. */
const WORKERS = [1, 2] as const;

/**
 * claims-1-9 (every state) and claims-10-11 (its first `maxStates` states,
 * the same on any number of workers), every fault, one user change, INV-*
 * only, on one worker and on two.
 */
export async function benchWorkers(maxStates: number, log: (line: string) => void = () => {}): Promise<WorkersBench> {
  const rows: WorkersRow[] = [];
  for (const [name, cap] of [
    ['claims-1-9', null],
    ['claims-10-11', maxStates],
  ] as const) {
    let oneSeconds = 0;
    for (const workers of WORKERS) {
      // What the machine gives two threads at once right now (near 1: the cores are busy): no two-thread search can beat it.
      const twoThreadThroughput = await throughput(2);
      const loadBefore = loadavg()[0]!;
      const c0 = process.cpuUsage();
      const r = await checkOnWorkers({ topology: PRESETS[name]!, mutant: null, faults: [...FAULTS], userChanges: 1, liveness: false, audit: false, ...(cap === null ? {} : { maxStates: cap }) }, workers);
      const figures = searchFigures(r, c0);
      if (workers === 1) oneSeconds = r.seconds;
      const row: WorkersRow = {
        topology: name,
        workers,
        ...figures,
        speedup: oneSeconds / r.seconds,
        twoThreadThroughput,
        loadBefore,
        loadAfter: loadavg()[0]!,
        sent: r.crossings?.sent ?? 0,
        notResent: r.crossings?.notResent ?? 0,
      };
      rows.push(row);
      log(rowLine(row));
    }
  }
  const levelSearchAlone = await levelSearchOnOneThread(maxStates);
  log(levelSearchLine(levelSearchAlone));
  const twoSearches = await searchThroughput();
  log(`  two one-worker searches of claims-10-11 at once: ${twoSearches.toFixed(2)} times the transitions of one alone in ${SEARCH_SECONDS} s`);
  return { cores: availableParallelism(), maxStates, rows, twoSearches, levelSearchAlone };
}

/** claims-10-11's first `maxStates` states on the level search with one worker thread (checkOnWorkers would take the one-thread search instead). */
async function levelSearchOnOneThread(maxStates: number): Promise<LevelSearchAlone> {
  const c0 = process.cpuUsage();
  const r = await checkParallel({ topology: PRESETS['claims-10-11']!, mutant: null, faults: [...FAULTS], userChanges: 1, liveness: false, audit: false, maxStates }, 1);
  const c = process.cpuUsage(c0);
  return { states: r.states, transitions: r.transitions, seconds: r.seconds, cpuSeconds: (c.user + c.system) / 1e6 };
}

const levelSearchLine = (l: LevelSearchAlone): string =>
  `  claims-10-11 on the level search with one worker thread: ${num(l.states)} states, ${num(l.transitions)} transitions in ${l.seconds.toFixed(1)} s (${l.cpuSeconds.toFixed(1)} CPU s)`;

const BOOT = new URL('../src/check/level-worker-boot.mjs', import.meta.url);
const SEARCH = new URL('./search-burn.ts', import.meta.url).href;

/** The transitions `n` one-worker searches take at once, each in its own thread. */
function searches(n: number): Promise<number[]> {
  return Promise.all(
    Array.from({ length: n }, () => {
      const w = new Worker(BOOT, { workerData: { entry: SEARCH, topology: 'claims-10-11', seconds: SEARCH_SECONDS } });
      return new Promise<number>((resolve, reject) => {
        w.on('message', (x: number) => void w.terminate().then(() => resolve(x)));
        w.on('error', reject);
      });
    }),
  );
}

/** What the machine gives two searches at once (memory, caches and cores shared), over one search alone. */
async function searchThroughput(): Promise<number> {
  const [alone] = await searches(1);
  const together = await searches(2);
  return together.reduce((a, b) => a + b, 0) / alone!;
}

/** Loop turns one thread of plain arithmetic makes in a second. */
const BURN = `const { parentPort } = require('node:worker_threads'); const t = Date.now(); let n = 0; while (Date.now() - t < 1000) n++; parentPort.postMessage(n);`;

/** The work `n` threads of plain arithmetic do together, over one thread's alone. */
async function throughput(n: number): Promise<number> {
  const burn = (k: number): Promise<number[]> =>
    Promise.all(
      Array.from({ length: k }, () => {
        const w = new Worker(BURN, { eval: true });
        return new Promise<number>((resolve, reject) => {
          w.on('message', (x: number) => void w.terminate().then(() => resolve(x)));
          w.on('error', reject);
        });
      }),
    );
  const [alone] = await burn(1);
  const together = await burn(n);
  return together.reduce((a, b) => a + b, 0) / alone!;
}

const num = (n: number): string => Math.round(n).toLocaleString('en-US');

function rowLine(r: WorkersRow): string {
  const verdict = verdictText(r);
  return `  ${r.topology.padEnd(13)} ${String(r.workers).padStart(7)} ${verdict.padEnd(25)} ${num(r.states).padStart(10)} ${num(r.transitions).padStart(11)} ${r.seconds.toFixed(1).padStart(7)} ${r.cpuSeconds.toFixed(1).padStart(6)} ${num(r.statesPerSecond).padStart(8)} ${r.bytesPerState.toFixed(1).padStart(6)} ${r.speedup.toFixed(2).padStart(7)} ${(r.cpuSeconds / r.seconds).toFixed(2).padStart(5)} ${r.twoThreadThroughput.toFixed(2).padStart(5)} ${`${r.loadBefore.toFixed(1)}..${r.loadAfter.toFixed(1)}`.padStart(10)} ${notResentShare(r).padStart(9)}`;
}

/** The share of the successors another worker owned that were not sent again ('-' on one worker). */
const notResentShare = (r: WorkersRow): string => (r.workers > 1 && r.sent + r.notResent > 0 ? `${Math.round((100 * r.notResent) / (r.sent + r.notResent))} %` : '-');

/** The series as a table. */
export function workersTable(b: WorkersBench): string {
  return [
    `hotup check --workers 1 and 2 (every fault, one user change, INV-* only; claims-10-11 cut at its first ${num(b.maxStates)} states; ${b.cores} cores shared with other people's processes: load is the one-minute load average before..after; cores: CPU s over wall s; 2 thr: two threads of plain arithmetic together over one alone, just before):`,
    `  ${'topology'.padEnd(13)} ${'workers'.padStart(7)} ${'verdict'.padEnd(25)} ${'states'.padStart(10)} ${'transitions'.padStart(11)} ${'wall s'.padStart(7)} ${'cpu s'.padStart(6)} ${'states/s'.padStart(8)} ${'B/st'.padStart(6)} ${'speedup'.padStart(7)} ${'cores'.padStart(5)} ${'2 thr'.padStart(5)} ${'load'.padStart(10)} ${'not resent'.padStart(9)}`,
    ...b.rows.map(rowLine),
    ...(b.levelSearchAlone ? [levelSearchLine(b.levelSearchAlone)] : []),
    `  two one-worker searches of claims-10-11 at once: ${b.twoSearches.toFixed(2)} times the transitions of one alone in ${SEARCH_SECONDS} s`,
  ].join('\n');
}

const f = (x: number, digits: number): string => x.toFixed(digits);

/** The series as the section of docs/performance.md. */
export function workersMarkdown(b: WorkersBench): string {
  return [
    '## Exhaustive on several cores: `hotup check --workers N`',
    '',
    `Written by \`npm run bench -- --only workers\` (bench/workers.ts) into bench/results/workers.json; do not edit by hand. The design is in [parallel-check.md](parallel-check.md). Every fault, one user change, INV-* only; claims-10-11 is cut at its first ${num(b.maxStates)} states, which are the same states on any number of workers. The machine has ${b.cores} cores shared with other people's processes: load is its one-minute load average before..after each search, and CPU seconds count every thread of the process. Seconds include starting the worker threads.`,
    '',
    '| topology | workers | verdict | states | transitions | wall s | CPU s | states/s | bytes/state | speedup | cores used | two threads | load | not sent again |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
    ...b.rows.map(
      (r) =>
        `| ${r.topology} | ${r.workers} | ${verdictText(r)} | ${num(r.states)} | ${num(r.transitions)} | ${f(r.seconds, 1)} | ${f(r.cpuSeconds, 1)} | ${num(r.statesPerSecond)} | ${f(r.bytesPerState, 1)} | ${f(r.speedup, 2)} | ${f(r.cpuSeconds / r.seconds, 2)} | ${f(r.twoThreadThroughput, 2)} | ${f(r.loadBefore, 1)}..${f(r.loadAfter, 1)} | ${notResentShare(r)} |`,
    ),
    '',
    ...cpuLines(b),
    ...levelSearchLines(b),
    '',
    `Two one-worker searches of claims-10-11 run at once, each in its own thread for ${SEARCH_SECONDS} s, took ${f(b.twoSearches, 2)} times the transitions of one running alone: the ceiling memory, caches and cores put on any two-thread search here, however little its threads share (plain arithmetic, the two threads column, does not touch memory and gets more).`,
    '',
    'Not sent again is the share of the successors another worker owned that the sender had sent before and its sent cache still held (src/check/sent-cache.ts): they are neither sent nor checked again against the invariants that read only the state after the step.',
    '',
    'Cores used is CPU seconds over wall seconds: how many cores the search had on average. Two threads is what the machine gave two threads at once just before the search: the work of two threads of plain arithmetic running together over one running alone (2: two free cores; near 1: one core\'s worth, the rest busy with other work). No search on two threads can be more than that many times faster than on one.',
    '',
    'Speedup is the one-worker wall time over this row\'s. With the cores busy with other work, two workers get less than two cores, so the speedup measured here is a floor. The CPU seconds of N workers over one worker\'s are the price of partitioning: every worker starts its own thread, loader and table system and learns the machine tables and memos by itself; every successor is hashed for its owner; one owned elsewhere and not in the sender\'s cache is sent, translated into the owner\'s ids and checked against every invariant (the sender cannot know it is not new); a new state waits in a pending table and is copied into the store in rank order. On N free cores the speedup to expect is about N over that ratio (an estimate: this machine has no free cores to measure it on), so the design pays off from three or four cores on, not on two.',
    '',
  ].join('\n');
}

/** What the level search costs on one worker thread, beside the one-thread search and two workers on the same states. */
function levelSearchLines(b: WorkersBench): string[] {
  const l = b.levelSearchAlone;
  const one = b.rows.find((r) => r.topology === 'claims-10-11' && r.workers === 1);
  const two = b.rows.find((r) => r.topology === 'claims-10-11' && r.workers === 2);
  if (!l || !one || !two) return [];
  const same = l.states === one.states && l.transitions === one.transitions;
  return [
    `- claims-10-11 on the level search with one worker thread (no peer, nothing sent: the owner hash, the pending table, the ranks and the copy into the store in rank order) ${same ? 'found the same states and transitions' : '**found other states or transitions**'} in ${f(l.seconds, 1)} s and ${f(l.cpuSeconds / one.cpuSeconds, 2)} times the one-thread search's CPU seconds. So of the ${f(two.cpuSeconds / one.cpuSeconds, 2)} times that 2 workers took, ${f(l.cpuSeconds / one.cpuSeconds, 2)} is the level search itself and the rest (${f(two.cpuSeconds / l.cpuSeconds, 2)} times its CPU seconds) is the second worker: the successors crossing between them, the invariants checked again on those sent, and two threads sharing memory and caches.`,
  ];
}

/** Per topology: the CPU seconds of each number of workers over one worker's. */
function cpuLines(b: WorkersBench): string[] {
  const out: string[] = [];
  for (const topology of [...new Set(b.rows.map((r) => r.topology))]) {
    const rows = b.rows.filter((r) => r.topology === topology);
    const one = rows.find((r) => r.workers === 1);
    if (!one) continue;
    const same = rows.every((r) => r.states === one.states && r.transitions === one.transitions && r.verdict === one.verdict);
    for (const r of rows.filter((x) => x.workers > 1)) {
      out.push(`- ${topology}: ${r.workers} workers ${same ? 'found the same states, transitions and verdict as one' : '**differ from one worker**'}, in ${f(r.cpuSeconds / one.cpuSeconds, 2)} times its CPU seconds.`);
    }
  }
  return out;
}
