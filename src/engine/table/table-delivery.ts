import type { Delivery } from '../run-to-completion.js';
import type { Transitions } from '../transitions.js';
import type { LogTree } from './log-tree.js';
import type { LocalIds } from '../layout.js';

/**
 * Delivery through the memoised transition table: a message id and the
 * target's local-state id give the next local state and the ids of what it
 * sends, computed through XState once and looked up after that. `state` is
 * the state vector the deliveries write into.
 */
export class TableDelivery implements Delivery<number> {
  state!: LocalIds;
  /** The log of the step so far, in `logs` (the caller starts it at LogTree.EMPTY). */
  log = 0;
  /** Told of every delivery before it happens: the message id and the target's local-state id (for coverage). */
  onDeliver: ((m: number, local: number) => void) | null = null;

  constructor(
    private readonly table: Transitions,
    private readonly logs: LogTree,
  ) {}

  deliver(m: number, queue: number[]): void {
    this.log = this.logs.append(this.log, m);
    const slot = this.table.slotOfMessage[m]!;
    if (this.onDeliver !== null) this.onDeliver(m, this.state[slot]!);
    const d = this.table.deliver(m, this.state[slot]!);
    this.state[slot] = d.next;
    for (let j = 0; j < d.sends.length; j++) queue.push(d.sends[j]!);
  }
}
