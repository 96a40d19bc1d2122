import type { Message } from '../../../machines/messages.js';

/** Distinct message filters (target, event type) the properties may ask a log for. */
export const MAX_FILTERS = 64;

/**
 * The messages a step delivered, numbered: every log is a path from the empty
 * log through one node per message, so extending a log by a message is one
 * map look-up and equal logs share one number.
 */
export class LogTree {
  // Sparse arrays indexed by message id: faster than a Map for small integer keys on the checker's hot path.
  private readonly next: number[][] = [[]];
  private readonly parent: number[] = [-1];
  private readonly last: number[] = [-1];
  private readonly cache: (readonly Message[] | undefined)[] = [[]];

  /** Per filter (a message target and event type): the filtered log's id, per log id (-1: not computed). */
  private readonly filtered: Int32Array[] = [];
  private readonly filters: { readonly to: Message['to']; readonly type: string }[] = [];
  private readonly filterIds = new Map<string, number>();
  private readonly subIds: Map<string, number>[] = [];

  constructor(private readonly messages: readonly Message[]) {}

  /** The target a filter keeps the messages of. */
  filterTarget(j: number): Message['to'] {
    return this.filters[j]!.to;
  }

  /** The number of a filter: the messages addressed to `to` with event type `type`. */
  filterId(to: Message['to'], type: string): number {
    const key = `${to}:${type}`;
    let j = this.filterIds.get(key);
    if (j === undefined) {
      j = this.filters.length;
      if (j >= MAX_FILTERS) throw new Error(`src/engine/table/log-tree.ts: more than ${MAX_FILTERS} message filters; raise MAX_FILTERS`);
      this.filterIds.set(key, j);
      this.filters.push({ to, type });
      this.filtered.push(new Int32Array(0));
      this.subIds.push(new Map());
    }
    return j;
  }

  /**
   * A number for what filter `j` keeps of log `log`: equal for two logs
   * exactly when they delivered the same such messages in the same order.
   */
  filteredId(j: number, log: number): number {
    let row = this.filtered[j]!;
    if (log < row.length) {
      const id = row[log]!;
      if (id >= 0) return id;
    } else {
      const grown = new Int32Array(Math.max(log + 1, row.length * 2, 64)).fill(-1);
      grown.set(row);
      this.filtered[j] = row = grown;
    }
    const f = this.filters[j]!;
    const kept: number[] = [];
    for (let n = log; n > 0; n = this.parent[n]!) {
      const m = this.messages[this.last[n]!]!;
      if (m.to === f.to && m.event.type === f.type) kept.push(this.last[n]!);
    }
    const key = kept.reverse().join(',');
    const ids = this.subIds[j]!;
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    row[log] = id;
    return id;
  }

  /** The empty log. */
  static readonly EMPTY = 0;

  /** The log `log` followed by message `msg`. */
  append(log: number, msg: number): number {
    const row = this.next[log]!;
    let id = row[msg];
    if (id === undefined) {
      id = this.parent.length;
      row[msg] = id;
      this.next.push([]);
      this.parent.push(log);
      this.last.push(msg);
      this.cache.push(undefined);
    }
    return id;
  }

  /** The messages of a log, in delivery order. */
  messagesOf(log: number): readonly Message[] {
    let m = this.cache[log];
    if (m === undefined) {
      m = [...this.messagesOf(this.parent[log]!), this.messages[this.last[log]!]!];
      this.cache[log] = m;
    }
    return m;
  }

  get size(): number {
    return this.parent.length;
  }
}
