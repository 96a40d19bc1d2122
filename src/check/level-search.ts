import type { AnyMachineSnapshot } from 'xstate';
import { snapshotKey } from '../engine/interner.js';
import { auditState } from '../engine/table/audit.js';
import { TableSystem } from '../engine/table/table-system.js';
import { historyOf } from '../engine/history.js';
import { createSystem } from '../engine/system.js';
import { newVector, type StateVector } from '../engine/layout.js';
import { designOf } from '../mutants.js';
import { AUDIT_EVERY, AUDIT_FIRST, compressOrNull, memoryShort, tryAdd } from './bfs.js';
import { CONTROL, GATHER_BATCH, KEY_SPAN, STOP, type FromWorker, type LevelSearchSetup, type PeerMessage, type WorkerViolation } from './level-protocol.js';
import { LocalKeys } from './local-keys.js';
import { StateStore, StoreFull, vectorHash } from './state-store.js';
import { Inbox, Outbox, type StateBatch } from './state-batches.js';
import { TreeStore } from './tree-store.js';
import { newVisited, type VisitedStates } from './visited.js';
import { SentCache } from './sent-cache.js';

/** A link to another worker: post to it, or take what it sent (undefined: nothing yet). */
export interface PeerLink {
  post(m: PeerMessage, transfer: ArrayBuffer[]): void;
  poll(): PeerMessage | undefined;
}

/**
 * One worker's share of a level-synchronous breadth-first search: it keeps
 * the states it owns (canonical hash modulo the workers), expands those of
 * the current level in rank order, checks every invariant on every step,
 * keeps the successors it owns and sends the others to their owners. A new
 * state waits in `pending` with the smallest key it was reached by (the
 * rank of its source in the level, then the index of the event), which is
 * the order one worker would have found it in; the coordinator ranks all
 * pending states of all workers, and they are stored in that order.
 */
export class LevelSearch {
  private readonly ts: TableSystem;
  private readonly lk: LocalKeys;
  private store: VisitedStates;
  /** Per stored state: its index in the one-worker order, and the key it was first reached by (-1: the initial state). */
  private globals = new Float64Array(1024);
  private keys = new Float64Array(1024);
  /** Index of this worker's first stored state of each level. */
  private readonly levelStarts: number[] = [0];
  private pending: StateStore;
  private pendingKeys = new Float64Array(1024);
  private sortedKeys = new Float64Array(0);
  private readonly outboxes: (Outbox | null)[];
  private readonly inboxes: (Inbox | null)[];
  private readonly w: number;
  private readonly cur: StateVector;
  private readonly next: StateVector;
  private readonly incoming: StateVector;
  private envs = new Int32Array(256);
  private msgs = new Int32Array(256);
  /** Local index of the initial state, when this worker owns it. */
  private readonly initialAt: number;
  private transitions = 0;
  private deadlocks = 0;
  /** Per state of the level being expanded: its enabled steps, -1 when it was not expanded. */
  private outDegrees = new Int32Array(0);
  private full = false;
  private dropped = 0;
  private memoryCut: string | null = null;
  private ends = 0;
  /** The one-worker index of the first state of each level. */
  private readonly levelGlobalStarts: number[] = [0];
  /** The successors this worker sent lately (null: too little memory for one). */
  private readonly sent: SentCache | null;
  private sentCount = 0;

  constructor(
    private readonly setup: LevelSearchSetup,
    private readonly control: Int32Array,
    private readonly peers: readonly (PeerLink | null)[],
  ) {
    const system = createSystem(setup.topology, designOf(setup.mutant));
    const only = setup.properties && setup.properties.length ? new Set(setup.properties) : null;
    this.ts = new TableSystem(system, setup.faults, only, setup.userChanges, setup.rounds, historyOf(setup, only));
    this.lk = new LocalKeys(this.ts);
    this.w = this.ts.width;
    this.cur = newVector(this.w);
    this.next = newVector(this.w);
    this.incoming = newVector(this.w);
    this.store = newVisited(setup.store, this.w, setup.storeBytes, setup.compressAbove);
    this.pending = new StateStore(this.w, 1 << 12, setup.storeBytes);
    this.outboxes = peers.map((p, q) => (p === null ? null : new Outbox(this.lk, this.w, (b) => this.sendBatch(q, b))));
    this.inboxes = peers.map((p) => (p === null ? null : new Inbox(this.lk)));
    this.sent = setup.workers > 1 ? SentCache.within(this.w, setup.storeBytes / 8) : null;
    this.next.set(this.ts.initial);
    if (this.ownerOf(this.next) === setup.index) {
      this.store.add(this.next, -1);
      this.globals[0] = 0;
      this.keys[0] = -1;
      this.initialAt = 0;
    } else this.initialAt = -1;
  }

  private ownerOf(v: StateVector): number {
    return this.lk.ownerHash(v) % this.setup.workers;
  }

  private sendBatch(q: number, b: StateBatch): void {
    this.peers[q]!.post(b, [b.vectors.buffer as ArrayBuffer, b.keys.buffer as ArrayBuffer]);
    this.ring(q);
  }

  private ring(q: number): void {
    Atomics.add(this.control, CONTROL.doorbells + q, 1);
    Atomics.notify(this.control, CONTROL.doorbells + q);
  }

  /**
   * Expands this worker's states of level `level` (the first of which has
   * index `levelStart` in the one-worker order), then takes the peers'
   * successors until every peer has ended the level.
   */
  expand(level: number, levelStart: number): FromWorker {
    this.expandShare(level, levelStart);
    return this.closeLevel();
  }

  private levelFigures = { transitions: 0, deadlocks: 0, violation: null as WorkerViolation | null };

  /** Expands this worker's states of the level, sending successors as batches fill. */
  expandShare(level: number, levelStart: number): void {
    const from = this.levelStarts[level]!;
    const to = this.store.size;
    this.levelGlobalStarts[level] = levelStart;
    this.outDegrees = new Int32Array(to - from).fill(-1);
    const transitionsBefore = this.transitions;
    const deadlocksBefore = this.deadlocks;
    let violation: { key: number; invariant: number } | null = null;
    const ts = this.ts;
    const me = this.setup.index;
    const control = this.control;
    const memoryBytes = this.setup.maxMemoryBytes;
    for (let i = from; i < to && violation === null && this.memoryCut === null; i++) {
      const k = i - from;
      const rank = this.globals[i]! - levelStart;
      if (rank > Atomics.load(control, CONTROL.bestRank)) break;
      this.store.read(i, this.cur);
      if (this.setup.audit && (i < AUDIT_FIRST || i % AUDIT_EVERY === 0)) auditState(ts, this.cur, this.only());
      let n = ts.enabled(this.cur, this.envs, this.msgs);
      while (n > this.envs.length - 64) {
        this.envs = new Int32Array(this.envs.length * 2);
        this.msgs = new Int32Array(this.msgs.length * 2);
        n = ts.enabled(this.cur, this.envs, this.msgs);
      }
      if (n >= KEY_SPAN) throw new Error(`${n} events enabled in one state: a step's key holds at most ${KEY_SPAN - 1}`);
      this.outDegrees[k] = n;
      this.transitions += n;
      if (n === 0) this.deadlocks++;
      for (let j = 0; j < n; j++) {
        ts.step(this.cur, this.envs[j]!, this.msgs[j]!, this.next);
        const owner = this.ownerOf(this.next);
        const key = rank * KEY_SPAN + j;
        let bad: number;
        if (owner === me) {
          const found = this.store.find(this.next);
          const p = found >= 0 ? -1 : this.pending.find(this.next);
          // A stored or pending state was checked as the target of the step that found it (the initial state never was).
          bad = ts.violation(found >= 0 ? found !== this.initialAt : p >= 0);
          if (bad < 0 && found < 0) this.offer(this.next, key, p);
        } else if (this.sent !== null && this.sent.seenOrRecord(this.next, vectorHash(this.next, 0, this.w))) {
          bad = ts.violation(true);
        } else {
          bad = ts.violation(false);
          if (bad < 0) {
            this.outboxes[owner]!.push(this.next, key);
            this.sentCount++;
          }
        }
        if (bad >= 0) {
          violation = { key, invariant: bad };
          lowerBestRank(control, rank);
          break;
        }
      }
      // After the state, as one worker checks its limits: a search cut at once has still taken the first state's steps.
      if ((k & 63) === 0) {
        this.drain();
        if (Atomics.load(control, CONTROL.stop) !== STOP.none) break;
        if ((k & 0x3fff) === 0 && (this.memoryCut = memoryShort(memoryBytes)) !== null) break;
      }
    }
    if (this.memoryCut !== null) Atomics.store(control, CONTROL.stop, STOP.memory);
    this.levelFigures = { transitions: this.transitions - transitionsBefore, deadlocks: this.deadlocks - deadlocksBefore, violation };
  }

  /** Ends the level: takes the peers' successors until each has ended it, and reports the new states' keys. */
  closeLevel(): FromWorker {
    this.endLevel();
    this.sortPending();
    return { type: 'expanded', sortedKeys: this.sortedKeys.slice(), ...this.levelFigures, dropped: this.dropped, memoryCut: this.memoryCut };
  }

  private only(): Set<string> | null {
    const p = this.setup.properties;
    return p && p.length ? new Set(p) : null;
  }

  /** A new state for the next level, reached by a step with key `key`: kept with its smallest key. */
  private offer(v: StateVector, key: number, known = this.pending.find(v)): void {
    if (this.memoryCut !== null) return;
    const p = known;
    if (p >= 0) {
      if (key < this.pendingKeys[p]!) this.pendingKeys[p] = key;
      return;
    }
    if (this.full) {
      this.dropped++;
      return;
    }
    try {
      const at = this.pending.add(v, -1);
      if (at >= this.pendingKeys.length) this.pendingKeys = grow(this.pendingKeys, at + 1);
      this.pendingKeys[at] = key;
    } catch (e) {
      if (!(e instanceof StoreFull)) throw e;
      this.memoryCut = e.message;
      Atomics.store(this.control, CONTROL.stop, STOP.memory);
    }
  }

  /** Takes every batch the peers have sent so far; true when there was one. */
  private drain(): boolean {
    let any = false;
    for (let q = 0; q < this.peers.length; q++) {
      const p = this.peers[q];
      if (!p) continue;
      for (let m = p.poll(); m !== undefined; m = p.poll()) {
        any = true;
        if ('end' in m) {
          this.ends++;
          continue;
        }
        const inbox = this.inboxes[q]!;
        inbox.learn(m);
        for (let k = 0; k < m.count; k++) {
          inbox.translate(m, k, this.incoming);
          if (this.store.find(this.incoming) >= 0) continue;
          this.offer(this.incoming, m.keys[k]!);
        }
      }
    }
    return any;
  }

  private endsSent = false;

  /** Sends what is left and the end of the level to every peer (once a level). */
  sendEnds(): void {
    if (this.endsSent) return;
    this.endsSent = true;
    for (let q = 0; q < this.peers.length; q++) {
      if (!this.peers[q]) continue;
      this.outboxes[q]!.flush();
      this.peers[q]!.post({ end: true }, []);
      this.ring(q);
    }
  }

  /** Sends what is left and the end of the level to every peer, then takes their states until each has ended it. */
  private endLevel(): void {
    this.sendEnds();
    this.endsSent = false;
    const bell = CONTROL.doorbells + this.setup.index;
    const want = this.peers.filter((p) => p !== null).length;
    for (;;) {
      const seen = Atomics.load(this.control, bell);
      const any = this.drain();
      if (this.ends >= want) break;
      if (!any) Atomics.wait(this.control, bell, seen, 50);
    }
    this.ends -= want;
  }

  /** Sorts the pending keys (each state has one, all distinct). */
  private sortPending(): void {
    this.sortedKeys = this.pendingKeys.slice(0, this.pending.size).sort();
  }

  /**
   * Stores the first `globals.length` pending states in key order, the one
   * worker indices `globals` being theirs; `full`: the search may store no
   * more (--max-states).
   */
  commit(globals: Float64Array, full: boolean): FromWorker {
    const sorted = this.sortedKeys;
    const n = this.pending.size;
    const order = new Int32Array(globals.length);
    for (let i = 0; i < n; i++) {
      const pos = lowerBound(sorted, this.pendingKeys[i]!);
      if (pos < order.length) order[pos] = i;
    }
    this.levelStarts.push(this.store.size);
    this.store.startLevel(this.store.size);
    for (let pos = 0; pos < order.length && this.memoryCut === null; pos++) {
      const i = order[pos]!;
      this.pending.read(i, this.next);
      const at = this.store.size;
      this.add(this.next);
      if (at >= this.globals.length) {
        this.globals = grow(this.globals, at + 1);
        this.keys = grow(this.keys, at + 1);
      }
      this.globals[at] = globals[pos]!;
      this.keys[at] = this.pendingKeys[i]!;
    }
    this.full = full;
    // The next level is about as large as this one: start its table there, not at 4,096 states grown by doubling.
    this.pending = new StateStore(this.w, Math.max(1 << 12, 2 ** Math.ceil(Math.log2(Math.max(1, order.length)))), this.setup.storeBytes);
    this.sortedKeys = new Float64Array(0);
    return { type: 'committed', memoryCut: this.memoryCut, storeBytes: this.store.bytesAllocated() + this.pending.bytesAllocated() + (this.sent?.bytesAllocated() ?? 0) };
  }

  private add(v: StateVector): void {
    let why = tryAdd(this.store, v, -1);
    if (why === null) return;
    if (this.setup.store === 'auto' && !(this.store instanceof TreeStore)) {
      const moved = compressOrNull(this.store, this.setup.storeBytes);
      if (moved) {
        this.store = moved;
        why = tryAdd(this.store, v, -1);
      } else why = `the ${this.store.size.toLocaleString('en-US')} states stored by one worker did not fit a tree store within ${Math.floor(this.setup.storeBytes / 2 ** 20)} MB`;
    }
    if (why !== null) {
      this.memoryCut = why;
      Atomics.store(this.control, CONTROL.stop, STOP.memory);
    }
  }

  /** For a violating step with key `key` on the level just expanded: what one worker would have counted before it. */
  countBelow(key: number, level: number): FromWorker {
    const rank = Math.floor(key / KEY_SPAN);
    let transitions = 0;
    let deadlocks = 0;
    const from = this.levelStarts[level]!;
    // The level was expanded in rank order; every state ranked below the violating one was expanded.
    for (let k = 0; k < this.outDegrees.length; k++) {
      if (this.outDegrees[k]! < 0) continue;
      if (this.globals[from + k]! - this.globalStartOf(level) >= rank) continue;
      transitions += this.outDegrees[k]!;
      if (this.outDegrees[k] === 0) deadlocks++;
    }
    let pending = 0;
    for (let i = 0; i < this.pending.size; i++) if (this.pendingKeys[i]! < key) pending++;
    return { type: 'counted', pending, transitions, deadlocks };
  }

  private globalStartOf(level: number): number {
    return this.levelGlobalStarts[level]!;
  }

  /** The key state `global` (one-worker index) was first reached by, if this worker owns it. */
  locate(global: number): FromWorker {
    let lo = 0;
    let hi = this.store.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const g = this.globals[mid]!;
      if (g === global) return { type: 'located', key: this.keys[mid]! };
      if (g < global) lo = mid + 1;
      else hi = mid - 1;
    }
    return { type: 'located', key: null };
  }

  /**
   * Every stored state, for the coordinator to hold the whole graph in the
   * one-worker order (for the fair-cycle search): the vectors in this
   * worker's ids with the keys of their ids, the key each state was first
   * reached by, and its one-worker index.
   */
  gather(): FromWorker {
    const batches: StateBatch[] = [];
    const out = new Outbox(this.lk, this.w, (b) => batches.push(b), GATHER_BATCH);
    for (let i = 0; i < this.store.size; i++) {
      this.store.read(i, this.cur);
      out.push(this.cur, this.keys[i]!);
    }
    out.flush();
    return { type: 'gathered', batches, globals: this.globals.slice(0, this.store.size) };
  }

  /** The figures of this worker's share once the search is over. */
  finish(): FromWorker {
    const localKeys: Record<string, string[]> = {};
    for (const [kind, interner] of Object.entries(this.ts.transitions.snapshots)) {
      localKeys[kind] = interner.values.map((v) => snapshotKey(v as AnyMachineSnapshot));
    }
    const size = this.store.size;
    return {
      type: 'finished',
      storeBytes: this.store.bytesAllocated() + this.globals.byteLength + this.keys.byteLength + (this.sent?.bytesAllocated() ?? 0),
      // The store's bytes per state, plus the one-worker index and the key kept beside it.
      bytes: this.store.bytesPerState() * size + 16 * size,
      states: size,
      tree: this.store instanceof TreeStore,
      idBytes: this.store.idBytes,
      localKeys,
      cachedTransitions: this.ts.transitions.cachedTransitions(),
      xstateCalls: this.ts.transitions.xstateCalls,
      sent: this.sentCount,
      notResent: this.sent?.hits ?? 0,
    };
  }
}

/** Lowers the shared best rank to `rank` if it is lower. */
function lowerBestRank(control: Int32Array, rank: number): void {
  const r = Math.min(rank, 0x7fffffff);
  for (;;) {
    const cur = Atomics.load(control, CONTROL.bestRank);
    if (cur <= r || Atomics.compareExchange(control, CONTROL.bestRank, cur, r) === cur) return;
  }
}

/** The first position in sorted `a` whose value is not below `x`. */
function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function grow(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}
