/**
 * Memoisation of a pure function over the inputs it actually read.
 *
 * A function of a system state usually looks at a few of its components: an
 * invariant about links reads the netdevs, a monitor of notifications reads the
 * step's messages. The memo is a decision tree: each inner node names the input
 * the function read next, its branches are that input's values, each leaf holds
 * the result. A pure function reads its inputs in an order that depends only on
 * the values it has read so far, so one tree serves every evaluation, and a
 * look-up costs one array index per input read.
 */

import type { LocalIds } from '../layout.js';

/** What the memo reads its inputs from: input number -> small integer value. */
export interface Inputs {
  value(input: number): number;
}

/** The numbers of filtered logs (see LogTree.filteredId): the inputs after the log. */
export interface FilteredLogs {
  filteredId(filter: number, log: number): number;
}

/**
 * A decision-tree memo of one pure function; results must not be `undefined`.
 *
 * The tree lives in two typed arrays, so a look-up touches a few cache lines
 * instead of chasing objects: node n is (input, table offset, table size) at
 * nodes[3n..3n+2]; table[offset + value] is the branch for that value: 0 for
 * none, n + 1 for node n, -(r + 1) for result r.
 */
export class ReadMemo<T> {
  private nodes = new Int32Array(3 * 64);
  private nodeCount = 0;
  private table = new Int32Array(1024);
  private tableUsed = 0;
  private readonly results: T[] = [];
  private root = 0;
  /** Whether some evaluation read an input that `isStepInput` names. */
  readsStep = false;
  /** Evaluations the memo did not answer. */
  misses = 0;

  constructor(private readonly isStepInput: (input: number) => boolean = () => false) {}

  /** Every input some evaluation read (the inputs its decision tree branches on). */
  inputsRead(): Set<number> {
    const out = new Set<number>();
    for (let n = 0; n < this.nodeCount; n++) out.add(this.nodes[3 * n]!);
    return out;
  }

  /** The memoised result for the current inputs, or undefined when this combination was never evaluated. */
  lookup(inputs: Inputs): T | undefined {
    const nodes = this.nodes;
    const table = this.table;
    let ref = this.root;
    while (ref > 0) {
      const b = (ref - 1) * 3;
      const v = inputs.value(nodes[b]!);
      if (v >= nodes[b + 2]!) return undefined;
      ref = table[nodes[b + 1]! + v]!;
    }
    return ref < 0 ? this.results[-ref - 1] : undefined;
  }

  /**
   * `lookup` for step inputs read straight from their arrays (the hot path of
   * the checker): slots before, slots after, the event, the log, then the
   * log's filtered views.
   */
  lookupStep(before: LocalIds, after: LocalIds, env: number, log: number, w: number, logs: FilteredLogs): T | undefined {
    const nodes = this.nodes;
    const table = this.table;
    let ref = this.root;
    while (ref > 0) {
      const b = (ref - 1) * 3;
      const i = nodes[b]!;
      const v = i < w ? before[i]! : i < 2 * w ? after[i - w]! : i === 2 * w ? env : i === 2 * w + 1 ? log : logs.filteredId(i - 2 * w - 2, log);
      if (v >= nodes[b + 2]!) return undefined;
      ref = table[nodes[b + 1]! + v]!;
    }
    return ref < 0 ? this.results[-ref - 1] : undefined;
  }

  /** Records a result with the inputs it read, in the order it first read them. */
  record(reads: readonly number[], inputs: Inputs, result: T): void {
    this.misses++;
    this.results.push(result);
    const leaf = -this.results.length;
    if (reads.length === 0) {
      this.root = leaf;
      return;
    }
    if (this.root === 0) this.root = this.newNode(reads[0]!);
    let ref = this.root;
    for (let j = 0; j < reads.length; j++) {
      if (ref < 0) throw new Error('memo: a result was recorded twice for the same inputs');
      const n = ref - 1;
      const input = this.nodes[3 * n]!;
      if (input !== reads[j]) throw new Error(`memo: an evaluation read input ${reads[j]} where an earlier one read ${input}; the function is not pure`);
      if (this.isStepInput(input)) this.readsStep = true;
      const v = inputs.value(input);
      let child = this.branch(n, v);
      if (child === 0) {
        child = j === reads.length - 1 ? leaf : this.newNode(reads[j + 1]!);
        this.setBranch(n, v, child);
      } else if (j === reads.length - 1) {
        throw new Error('memo: a result was recorded twice for the same inputs');
      }
      ref = child;
    }
  }

  private newNode(input: number): number {
    if (3 * (this.nodeCount + 1) > this.nodes.length) {
      const grown = new Int32Array(this.nodes.length * 2);
      grown.set(this.nodes);
      this.nodes = grown;
    }
    const n = this.nodeCount++;
    this.nodes[3 * n] = input;
    this.nodes[3 * n + 1] = 0;
    this.nodes[3 * n + 2] = 0;
    return n + 1;
  }

  private branch(n: number, v: number): number {
    return v < this.nodes[3 * n + 2]! ? this.table[this.nodes[3 * n + 1]! + v]! : 0;
  }

  private setBranch(n: number, v: number, ref: number): void {
    const size = this.nodes[3 * n + 2]!;
    if (v >= size) {
      // Move the node's branches to a larger table at the end; the old one is left unused.
      const bigger = Math.max(v + 1, size * 2, 4);
      const offset = this.reserve(bigger);
      const old = this.nodes[3 * n + 1]!;
      this.table.copyWithin(offset, old, old + size);
      this.nodes[3 * n + 1] = offset;
      this.nodes[3 * n + 2] = bigger;
    }
    this.table[this.nodes[3 * n + 1]! + v] = ref;
  }

  private reserve(size: number): number {
    while (this.tableUsed + size > this.table.length) {
      const grown = new Int32Array(this.table.length * 2);
      grown.set(this.table);
      this.table = grown;
    }
    const offset = this.tableUsed;
    this.tableUsed += size;
    return offset;
  }
}

/** The inputs one evaluation reads, each once, in the order of its first read. */
export class ReadLog {
  readonly reads: number[] = [];
  private seen: Uint8Array;

  constructor(inputs: number) {
    this.seen = new Uint8Array(inputs);
  }

  read(input: number): void {
    if (this.seen[input]) return;
    this.seen[input] = 1;
    this.reads.push(input);
  }

  reset(): void {
    for (const i of this.reads) this.seen[i] = 0;
    this.reads.length = 0;
  }
}
