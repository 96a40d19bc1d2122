import type { Message } from '../../machines/messages.js';

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

  constructor(private readonly messages: readonly Message[]) {}

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
