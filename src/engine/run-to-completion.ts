/** A step that never reaches rest: the machines keep messaging each other. */
export class LivelockError extends Error {}

/** Messages one step may deliver before it is reported as a livelock. */
export const MAX_MESSAGES_PER_STEP = 1000;

/**
 * How a message reaches its target: through XState itself, through the
 * memoised table of the exhaustive checker, or as a logged message being
 * replayed. A delivery updates the state it was given and appends whatever
 * the target sends to `queue`.
 */
export interface Delivery<M> {
  deliver(m: M, queue: M[]): void;
}

/**
 * The model's one run-to-completion loop: delivers `queue` in FIFO order,
 * each delivery appending what it causes, until nothing is pending. The
 * queue, once run, is the step's log: every message delivered, in order.
 */
export function runToCompletion<M>(queue: M[], delivery: Delivery<M>, step: string): M[] {
  for (let head = 0; head < queue.length; head++) {
    if (head >= MAX_MESSAGES_PER_STEP) throw new LivelockError(`step ${step} did not reach rest after ${MAX_MESSAGES_PER_STEP} messages`);
    delivery.deliver(queue[head]!, queue);
  }
  return queue;
}
