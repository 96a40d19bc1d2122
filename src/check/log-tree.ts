import type { Message } from '../../machines/messages.js';

/**
 * The messages a step delivered, numbered: every log is a path from the empty
 * log through one node per message, so extending a log by a message is one
 * map look-up and equal logs share one number.
 */
export class LogTree {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly parent: number[] = [-1];
  private readonly last: number[] = [-1];
  private readonly cache: (readonly Message[] | undefined)[] = [[]];

  constructor(private readonly messages: readonly Message[]) {}

  /** The empty log. */
  static readonly EMPTY = 0;

  /** The log `log` followed by message `msg`. */
  append(log: number, msg: number): number {
    const map = this.next[log]!;
    let id = map.get(msg);
    if (id === undefined) {
      id = this.parent.length;
      map.set(msg, id);
      this.next.push(new Map());
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
