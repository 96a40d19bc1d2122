import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { LIVENESS } from '../../properties/index.js';
import { createSystem } from '../engine/system.js';
import { layoutOf, newVector } from '../engine/layout.js';
import { TableSystem } from '../engine/table/table-system.js';
import { historyOf } from '../engine/history.js';
import { designOf } from '../mutants.js';
import type { Cut } from './bfs.js';
import { check, exercisedStates, invariantCounterexample, livenessCut, livenessPass, NO_LIVENESS_PASS, resultModel, type CheckCounterexample, type CheckOptions, type CheckResult, type LivenessPass } from './check.js';
import { LocalKeys } from './local-keys.js';
import { Inbox } from './state-batches.js';
import { AUTO_VECTOR_BYTES, newVisited, type StoreKind, type VisitedStates } from './visited.js';
import type { PropertyFilter } from '../engine/monitor.js';
import { CONTROL, GATHER_BATCH, KEY_SPAN, STOP, type FromWorker, type LevelSearchSetup, type ToWorker } from './level-protocol.js';
import { rankLevel } from './rank-merge.js';

/**
 * `hotup check` on `workers` worker threads: the same states, transitions,
 * verdict and counterexample as one worker. One worker (or a search that
 * needs the whole graph in one store: LIVE-*, --vacuity, --coverage) runs
 * check() in this thread, as it always did.
 */
export async function checkOnWorkers(o: CheckOptions, workers: number): Promise<CheckResult> {
  if (workers <= 1) return check(o);
  if (o.coverage) return { ...check(o), workersNote: `--coverage reads the transitions one table system took: searched on one worker, not ${workers}` };
  return checkParallel(o, workers);
}

/** Whether a complete search goes on with a pass over the whole graph in one store (LIVE-* or --vacuity). */
function needsWholeGraph(o: CheckOptions): boolean {
  const live = LIVENESS.some((p) => !o.properties?.length || o.properties.includes(p.id));
  return (o.liveness !== false && live) || o.vacuity === true;
}

/** A started worker and the answers it owes, in request order. */
interface Running {
  readonly worker: Worker;
  readonly waiting: { resolve: (m: FromWorker) => void; reject: (e: Error) => void }[];
}

const BOOT = new URL('./level-worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./level-worker.ts', import.meta.url).href;

/**
 * The level-synchronous breadth-first search over `n` workers (see
 * docs/parallel-check.md): every level, each worker expands its states,
 * the new states are ranked in the order one worker would have found them,
 * and stored in that order; a violation found on a level is the one of
 * smallest key, so the counterexample is the one-worker one.
 */
export async function checkParallel(o: CheckOptions, n: number): Promise<CheckResult> {
  const t0 = performance.now();
  const userChanges = o.faults.includes('FAULT-USER-CONFIG') ? (o.userChanges ?? null) : null;
  const rounds = o.rounds === undefined ? 1 : o.rounds;
  const maxMemory = o.maxMemoryMB !== undefined ? o.maxMemoryMB * 2 ** 20 : Number.POSITIVE_INFINITY;
  const compressAbove = o.compressAbove ?? AUTO_VECTOR_BYTES;
  const maxStates = o.maxStates ?? Number.MAX_SAFE_INTEGER;
  const control = new Int32Array(new SharedArrayBuffer(4 * (CONTROL.doorbells + n)));
  const ports: (MessagePort | null)[][] = Array.from({ length: n }, () => new Array<MessagePort | null>(n).fill(null));
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const c = new MessageChannel();
      ports[a]![b] = c.port1;
      ports[b]![a] = c.port2;
    }
  }
  const running: Running[] = [];
  let failure: Error | null = null;
  const fail = (e: Error): void => {
    failure ??= e;
    for (const r of running) for (const w of r.waiting.splice(0)) w.reject(failure);
  };
  for (let index = 0; index < n; index++) {
    const setup: LevelSearchSetup = {
      topology: o.topology,
      mutant: o.mutant,
      faults: o.faults,
      userChanges,
      rounds,
      properties: o.properties && o.properties.length ? o.properties : null,
      fullHistory: o.fullHistory === true,
      store: o.store ?? 'auto',
      storeBytes: maxMemory / n,
      compressAbove: compressAbove / n,
      maxMemoryBytes: maxMemory,
      audit: o.audit !== false,
      index,
      workers: n,
    };
    const mine = ports[index]!;
    const worker = new Worker(BOOT, { workerData: { entry: ENTRY, setup, control: control.buffer, ports: mine }, transferList: mine.filter((p): p is MessagePort => p !== null) });
    const r: Running = { worker, waiting: [] };
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'error') return fail(Object.assign(new Error(`worker ${index}: ${m.message}`), { stack: m.stack }));
      r.waiting.shift()?.resolve(m);
    });
    worker.on('error', (e) => fail(e));
    worker.on('exit', (code) => {
      if (r.waiting.length) fail(new Error(`worker ${index} stopped (exit code ${code}) before answering`));
    });
    running.push(r);
  }
  const ask = <T extends FromWorker['type']>(w: number, m: ToWorker, want: T): Promise<Extract<FromWorker, { type: T }>> =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      running[w]!.waiting.push({
        resolve: (x) => (x.type === want ? resolve(x as Extract<FromWorker, { type: T }>) : reject(new Error(`worker ${w} answered ${x.type} to ${m.type}`))),
        reject,
      });
      running[w]!.worker.postMessage(m);
    });
  const all = <T extends FromWorker['type']>(m: (w: number) => ToWorker, want: T): Promise<Extract<FromWorker, { type: T }>[]> =>
    Promise.all(running.map((_, w) => ask(w, m(w), want)));

  let timer: NodeJS.Timeout | null = null;
  let poller: NodeJS.Timeout | null = null;
  try {
    // --max-seconds bounds the search, as on one worker; starting the workers is counted in the seconds reported.
    await all(() => ({ type: 'ready?' }), 'ready');
    if (o.maxSeconds !== undefined) timer = setTimeout(() => Atomics.store(control, CONTROL.stop, STOP.seconds), o.maxSeconds * 1000);
    // The user's interrupt stops the workers' level as --max-seconds does; a stop already asked for keeps its reason.
    const interrupted = o.stop;
    if (interrupted) poller = setInterval(() => interrupted() && Atomics.compareExchange(control, CONTROL.stop, STOP.none, STOP.interrupted), 100);
    const levelStarts = [0];
    let stored = 1;
    let transitions = 0;
    let deadlocks = 0;
    let cut: Cut | null = null;
    let cutReason: string | null = null;
    let states = 1;
    let diameter = 0;
    let violation: { key: number; invariant: number; level: number } | null = null;
    for (let level = 0; ; level++) {
      Atomics.store(control, CONTROL.bestRank, 0x7fffffff);
      const reports = await all(() => ({ type: 'expand', level, levelStart: levelStarts[level]! }), 'expanded');
      const found = reports.flatMap((r) => (r.violation ? [r.violation] : [])).sort((a, b) => a.key - b.key)[0];
      const memory = reports.find((r) => r.memoryCut !== null);
      const stop = Atomics.load(control, CONTROL.stop);
      if (found) {
        violation = { ...found, level };
        const counts = await all(() => ({ type: 'count-below', key: found.key, level }), 'counted');
        transitions += counts.reduce((a, c) => a + c.transitions, 0) + (found.key % KEY_SPAN) + 1;
        deadlocks += counts.reduce((a, c) => a + c.deadlocks, 0);
        states = stored + counts.reduce((a, c) => a + c.pending, 0);
        diameter = level + 1;
        break;
      }
      transitions += reports.reduce((a, r) => a + r.transitions, 0);
      deadlocks += reports.reduce((a, r) => a + r.deadlocks, 0);
      const fresh = reports.reduce((a, r) => a + r.sortedKeys.length, 0);
      if (memory || stop !== STOP.none) {
        cut = memory || stop === STOP.memory ? 'max-memory' : stop === STOP.interrupted ? 'interrupted' : 'max-seconds';
        cutReason = memory?.memoryCut ?? null;
        states = stored + fresh;
        diameter = fresh > 0 ? level + 1 : level;
        break;
      }
      if (reports.some((r) => r.dropped > 0)) cut = 'max-states';
      const keep = Math.min(fresh, maxStates - stored);
      if (keep < fresh) cut = 'max-states';
      if (keep === 0) {
        states = stored;
        diameter = level;
        break;
      }
      levelStarts.push(stored);
      const globals = rankLevel(
        reports.map((r) => r.sortedKeys),
        stored,
        keep,
      );
      stored += keep;
      const full = stored >= maxStates;
      const committed = await all((w) => ({ type: 'commit', globals: globals[w]!, full }), 'committed');
      const lost = committed.find((c) => c.memoryCut !== null);
      if (lost) {
        cut = 'max-memory';
        cutReason = lost.memoryCut;
        states = stored;
        diameter = level + 1;
        break;
      }
      o.onProgress?.({ states: stored, transitions, depth: level + 1, seconds: (performance.now() - t0) / 1000, bytes: committed.reduce((a, c) => a + c.storeBytes, 0) });
    }
    const seconds = (performance.now() - t0) / 1000;
    const only = o.properties && o.properties.length ? new Set(o.properties) : null;
    const history = historyOf(o, only);
    const ts = new TableSystem(createSystem(o.topology, designOf(o.mutant)), o.faults, only, userChanges, rounds, history);
    let counterexample: CheckCounterexample | null = null;
    if (violation) counterexample = await counterexampleOf(ts, only, violation, levelStarts, (g) => Promise.all(running.map((_, w) => ask(w, { type: 'locate', global: g }, 'located'))));
    let live: LivenessPass = NO_LIVENESS_PASS;
    let exercised: Record<string, number> | null = null;
    if (!violation && cut === null && needsWholeGraph(o)) {
      // The fair-cycle search (and --vacuity) runs here, on every state gathered into one store in the one-worker order.
      const g0 = performance.now();
      const store = wholeGraph(ts, o.store ?? 'auto', compressAbove, levelStarts, states, await all(() => ({ type: 'gather' }), 'gathered'));
      const gatherSeconds = (performance.now() - g0) / 1000;
      if (o.liveness !== false) live = livenessPass(ts, store, only, o.stop ?? null, o.onLivenessProgress ?? null);
      live = { ...live, seconds: live.seconds + gatherSeconds };
      counterexample = live.counterexample;
      const stopped = livenessCut(live, states, ts.invariants.length);
      if (stopped) ({ cutBy: cut, cutReason } = stopped);
      else if (o.vacuity && !counterexample) exercised = exercisedStates(ts, store);
    }
    const rssBytes = process.memoryUsage().rss;
    const done = await all(() => ({ type: 'finish' }), 'finished');
    const local: Record<string, Set<string>> = {};
    for (const d of done) for (const [kind, keys] of Object.entries(d.localKeys)) for (const k of keys) (local[kind] ??= new Set()).add(k);
    const bytes = done.reduce((a, d) => a + d.bytes, 0);
    return {
      ...resultModel(o, userChanges, rounds),
      verdict: counterexample ? 'violation' : cut === null ? 'pass' : 'incomplete',
      cutBy: counterexample ? null : cut,
      cutReason: counterexample ? null : cutReason,
      rssBytes,
      states,
      transitions,
      diameter,
      deadlocks,
      seconds,
      livenessSeconds: live.seconds,
      statesPerSecond: states / Math.max(seconds, 1e-9),
      bytesPerState: bytes / Math.max(1, done.reduce((a, d) => a + d.states, 0)),
      storeBytes: done.reduce((a, d) => a + d.storeBytes, 0),
      vectorSlots: layoutOf(o.topology).width,
      store: done.some((d) => d.tree) ? 'tree' : 'vectors',
      idBytes: Math.max(...done.map((d) => d.idBytes)),
      localStates: Object.fromEntries(Object.entries(local).map(([k, s]) => [k, s.size])) as CheckResult['localStates'],
      cachedTransitions: done.reduce((a, d) => a + d.cachedTransitions, 0),
      xstateCalls: done.reduce((a, d) => a + d.xstateCalls, 0),
      workers: n,
      workersNote: null,
      crossings: { sent: done.reduce((a, d) => a + d.sent, 0), notResent: done.reduce((a, d) => a + d.notResent, 0) },
      livenessChecked: live.checked,
      counterexample,
      exercised,
      coverage: null,
      por: { on: false, note: `off: the reduction runs on one worker, not ${n}`, offered: transitions, kept: transitions, fullExpansions: 0, visibleClasses: 0, classes: 0 },
      history: { on: history.on, note: history.note },
    };
  } finally {
    if (timer) clearTimeout(timer);
    if (poller) clearInterval(poller);
    await Promise.all(running.map((r) => r.worker.terminate()));
  }
}

/**
 * The counterexample of the violating step found on `level`: its source's
 * chain of first-reaching steps, read from the owners of the states on it,
 * turned into events by stepping the tables from the initial state.
 */
async function counterexampleOf(
  ts: TableSystem,
  only: PropertyFilter,
  v: { key: number; invariant: number; level: number },
  levelStarts: readonly number[],
  locate: (global: number) => Promise<Extract<FromWorker, { type: 'located' }>[]>,
): Promise<CheckCounterexample> {
  const picks = [v.key % KEY_SPAN];
  let global = levelStarts[v.level]! + Math.floor(v.key / KEY_SPAN);
  for (let level = v.level; level > 0; level--) {
    const key = (await locate(global)).find((r) => r.key !== null)?.key;
    if (key === undefined || key === null || key < 0) throw new Error(`no worker holds state ${global} of level ${level}: the parallel search is inconsistent`);
    picks.push(key % KEY_SPAN);
    global = levelStarts[level - 1]! + Math.floor(key / KEY_SPAN);
  }
  picks.reverse();
  const envIds: number[] = [];
  let cur = newVector(ts.width);
  let next = newVector(ts.width);
  cur.set(ts.initial);
  const envs = new Int32Array(KEY_SPAN);
  const msgs = new Int32Array(KEY_SPAN);
  for (const j of picks) {
    const count = ts.enabled(cur, envs, msgs);
    if (j >= count) throw new Error(`step ${envIds.length + 1} of the counterexample picks event ${j} of ${count}: the parallel search is inconsistent`);
    envIds.push(envs[j]!);
    ts.step(cur, envs[j]!, msgs[j]!, next);
    [cur, next] = [next, cur];
  }
  return invariantCounterexample(ts, only, envIds, v.invariant);
}

/**
 * Every state the workers stored, in this thread's table system, at its
 * one-worker index and with its one-worker parent: the store one worker would
 * have ended with (whole vectors, or tree-compressed past `compressAbove`
 * or with --store tree).
 */
function wholeGraph(ts: TableSystem, kind: StoreKind, compressAbove: number, levelStarts: readonly number[], states: number, gathered: readonly Extract<FromWorker, { type: 'gathered' }>[]): VisitedStates {
  const lk = new LocalKeys(ts);
  const inboxes = gathered.map((g) => {
    const inbox = new Inbox(lk);
    for (const b of g.batches) inbox.learn(b);
    return inbox;
  });
  const ownerOf = new Int32Array(states);
  const localOf = new Int32Array(states);
  gathered.forEach((g, w) => g.globals.forEach((global, i) => {
    ownerOf[global] = w;
    localOf[global] = i;
  }));
  const vectorBytes = states * (ts.width * 2 + 4 + 16);
  const store = newVisited(kind === 'auto' ? (vectorBytes > compressAbove ? 'tree' : 'vectors') : kind, ts.width);
  const v = newVector(ts.width);
  let level = 0;
  for (let global = 0; global < states; global++) {
    while (level + 1 < levelStarts.length && levelStarts[level + 1]! <= global) store.startLevel(levelStarts[++level]!);
    const i = localOf[global]!;
    const batch = gathered[ownerOf[global]!]!.batches[Math.floor(i / GATHER_BATCH)]!;
    const k = i % GATHER_BATCH;
    inboxes[ownerOf[global]!]!.translate(batch, k, v);
    const key = batch.keys[k]!;
    store.add(v, key < 0 ? -1 : levelStarts[level - 1]! + Math.floor(key / KEY_SPAN));
  }
  return store;
}
