import type { ComponentKind, Message } from '../machines/messages.js';
import type { EnvEvent } from '../src/model/env-event.js';
import type { SystemState } from '../src/model/state.js';
import type { Topology } from '../src/topology/topology.js';

/** What a monitor sees of one step: the state before and after, the environment event, every message delivered. */
export interface StepView {
  readonly topology: Topology;
  readonly before: SystemState;
  readonly env: EnvEvent;
  readonly log: readonly Message[];
  readonly after: SystemState;
}

/**
 * What of a step a property can read: the state of a component kind (before
 * or after) and the messages delivered to it, or the fault bits. Its own
 * monitor state comes with it. A property that reads the step's event must
 * tell apart only events that write one of these (INV-CONFIG-KEPT reads a
 * user's change, which writes the netdev; INV-ONE-DOWN the tool's step,
 * whose rmmod is delivered to a child).
 */
export type Observed = ComponentKind | 'faults';

/**
 * What a property reads of the fault bits (src/model/faults.ts): `any`,
 * whether some fault has happened; `bits`, which of these faults have. The
 * bits are a history variable: a search keeps no more of them than the
 * checked properties read (src/engine/history.ts), and a test holds each
 * property to what it declares here.
 */
export interface FaultsRead {
  readonly any: boolean;
  readonly bits: number;
}

/** A safety property of model.md: checked after every step, never changing the system. */
export interface Invariant<M = undefined> {
  readonly id: `INV-${string}`;
  readonly claims: readonly number[];
  readonly description: string;
  /**
   * Everything the property and its monitor read. Steps that write none of it
   * are invisible to the property, which is what lets the partial-order
   * reduction (src/check/por/) explore them in one order; a test checks every
   * read the checker recorded against it.
   */
  readonly observes: readonly Observed[];
  /** The component kinds whose delivered messages it reads from the step's log (none when absent). */
  readonly readsMessagesTo?: readonly ComponentKind[];
  /** What its check and its premise read of the fault bits (nothing when absent; 'faults' is then not in `observes`). */
  readonly readsFaults?: FaultsRead;
  /** The monitor's own state in the booted system (undefined for plain state predicates). */
  init?(topology: Topology, booted: SystemState): M;
  /** The monitor's state after a step. */
  observe?(m: M, step: StepView): M;
  /** Why the step broke the property, or null. `m` is the state after `observe`. */
  check(m: M, step: StepView): string | null;
  /**
   * The part of the property that reads the step itself (its log, the state
   * before, the event), kept apart so that `check` reads only the state
   * after: the checker then runs `checkStep` on every step and `check` once
   * per state reached. Absent: `check` is the whole property.
   */
  checkStep?(m: M, step: StepView): string | null;
  /**
   * Whether the property is exercised in state `s`: its premise holds there
   * (what it is owed under, with no excuse) in the case that gives it
   * something to check. Explore counts the steps ending in such a state, check
   * the reachable states; a property exercised nowhere says "not exercised".
   */
  applies(topology: Topology, s: SystemState): boolean;
}

/** Why the step broke invariant `inv` (its `checkStep`, then its `check`), or null. */
export function brokenBy<M>(inv: Invariant<M>, m: M, step: StepView): string | null {
  return inv.checkStep?.(m, step) ?? inv.check(m, step);
}

/** A liveness property of model.md in bounded form: it must hold once the system has taken its fair steps. */
export interface Liveness {
  readonly id: `LIVE-${string}`;
  readonly claims: readonly number[];
  readonly description: string;
  /** What its check and its premise read of the fault bits (nothing when absent). */
  readonly readsFaults?: FaultsRead;
  /** Why the settled state breaks the property, or null. */
  check(topology: Topology, settled: SystemState): string | null;
  /** Whether the property is owed in state `s` (its premise holds, with no excuse): see Invariant.applies. */
  applies(topology: Topology, s: SystemState): boolean;
}

/** A broken property, with the claims it covers. */
export interface Violation {
  readonly id: string;
  readonly claims: readonly number[];
  readonly message: string;
}

/**
 * A log may answer `delivered` itself under this key: the exhaustive checker's
 * log does, so that what a property read is "the step's notifications", not
 * the whole log, and its memo keys on that.
 */
export const DELIVERED: unique symbol = Symbol('delivered');

/** A log that answers `delivered` itself. */
export interface SelfFilteringLog {
  [DELIVERED](to: Message['to'], type: Message['event']['type']): readonly Message[];
}

/** Helper for monitors: the messages of a step addressed to `to` with event type `type`. */
export function delivered<T extends Message['event']['type']>(
  log: readonly Message[],
  to: Message['to'],
  type: T,
): (Message & { event: { type: T } })[] {
  const own = (log as Partial<SelfFilteringLog>)[DELIVERED];
  if (own) return own(to, type) as (Message & { event: { type: T } })[];
  return log.filter((m) => m.to === to && m.event.type === type) as (Message & { event: { type: T } })[];
}
