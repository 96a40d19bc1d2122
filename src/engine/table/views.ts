import type { ComponentKind, Message } from '../../../machines/messages.js';
import { DELIVERED, type SelfFilteringLog, type StepView } from '../../../properties/property.js';
import type { EnvEvent } from '../../model/env-event.js';
import type { SystemState } from '../../model/state.js';
import type { Topology } from '../../topology/topology.js';
import type { Interner } from '../interner.js';
import { monitorSlot, newVector, type Layout, type LocalIds } from '../layout.js';
import { MAX_FILTERS, type LogTree } from './log-tree.js';
import { ReadLog, type Inputs, type ReadMemo } from './memo.js';

/** The interned values a vector's ids stand for. */
export interface Tables {
  readonly snapshots: Readonly<Record<ComponentKind, Interner<unknown>>>;
  readonly monitors: readonly Interner<unknown>[];
  readonly envs: Interner<EnvEvent>;
  readonly logs: LogTree;
}

/**
 * The inputs of one step, numbered for the memos: slot j of the state before
 * is input j, slot j of the state after is width + j, then the environment
 * event, the log of delivered messages, and the log's filtered views (filter
 * f is input 2 * width + 2 + f).
 */
export class StepInputs implements Inputs {
  before: LocalIds;
  after: LocalIds;
  env = 0;
  log = 0;

  constructor(
    readonly width: number,
    private readonly logs: LogTree,
  ) {
    this.before = newVector(width);
    this.after = this.before;
  }

  value(input: number): number {
    const w = this.width;
    if (input < w) return this.before[input]!;
    if (input < 2 * w) return this.after[input - w]!;
    if (input === 2 * w) return this.env;
    return input === 2 * w + 1 ? this.log : this.logs.filteredId(input - 2 * w - 2, this.log);
  }

  /** Inputs that belong to the step rather than to the state after it. */
  isStepInput = (input: number): boolean => input < this.width || input >= 2 * this.width;
}

/** A SystemState whose every part is read from the inputs and recorded as read. */
function stateView(l: Layout, t: Tables, inputs: StepInputs, base: number, log: ReadLog): SystemState {
  const at = (slot: number): number => {
    log.read(base + slot);
    return inputs.value(base + slot);
  };
  const snap = (slot: number): unknown => t.snapshots[l.kinds[slot]!].values[at(slot)];
  const children: unknown[] = [];
  for (let k = 0; k < l.children; k++) Object.defineProperty(children, k, { get: () => snap(1 + k), enumerable: true });
  const netdevs: unknown[] = [];
  for (let i = 0; i < l.netdevs; i++) Object.defineProperty(netdevs, i, { get: () => snap(1 + l.children + i), enumerable: true });
  const monitors: Record<string, unknown> = {};
  l.monitorIds.forEach((id, j) => Object.defineProperty(monitors, id, { get: () => t.monitors[j]!.values[at(monitorSlot(l, j))], enumerable: true }));
  return {
    get parent() {
      return snap(0);
    },
    children,
    netdevs,
    get bond() {
      return snap(l.bond);
    },
    get tool() {
      return snap(l.tool);
    },
    get traffic() {
      return snap(l.traffic);
    },
    get faults() {
      return at(l.faults);
    },
    monitors,
  } as unknown as SystemState;
}

/**
 * The step's messages as a property sees them: `delivered(log, to, type)`
 * records a read of that filter only; any other use records the whole log.
 */
function loggedMessages(messages: readonly Message[], logs: LogTree, w: number, reads: ReadLog): readonly Message[] {
  const filter: SelfFilteringLog[typeof DELIVERED] = (to, type) => {
    reads.read(2 * w + 2 + logs.filterId(to, type));
    return messages.filter((m) => m.to === to && m.event.type === type);
  };
  return new Proxy(messages, {
    get(target, prop, receiver) {
      if (prop === DELIVERED) return filter;
      reads.read(2 * w + 1);
      return Reflect.get(target, prop, receiver) as unknown;
    },
    has(target, prop) {
      reads.read(2 * w + 1);
      return Reflect.has(target, prop);
    },
    ownKeys(target) {
      reads.read(2 * w + 1);
      return Reflect.ownKeys(target);
    },
  });
}

/**
 * Evaluates the model's own functions (monitors, invariants, liveness
 * predicates, toMessage) on views of the current inputs, through memos keyed
 * by what each evaluation read.
 */
export class Evaluator {
  readonly inputs: StepInputs;
  private readonly log: ReadLog;
  /** The state before the step, as the monitors see it. */
  readonly before: SystemState;
  /** The state after the step (or the one state of a state function). */
  readonly after: SystemState;
  readonly step: StepView;

  constructor(topology: Topology, layout: Layout, tables: Tables) {
    const w = layout.width;
    this.inputs = new StepInputs(w, tables.logs);
    this.log = new ReadLog(2 * w + 2 + MAX_FILTERS);
    this.before = stateView(layout, tables, this.inputs, 0, this.log);
    this.after = stateView(layout, tables, this.inputs, w, this.log);
    const { inputs, log } = this;
    this.step = {
      topology,
      before: this.before,
      after: this.after,
      get env(): EnvEvent {
        log.read(2 * w);
        return tables.envs.values[inputs.env]!;
      },
      get log() {
        return loggedMessages(tables.logs.messagesOf(inputs.log), tables.logs, w, log);
      },
    };
  }

  /** The memoised value of `compute` on the current inputs. */
  evaluate<T>(memo: ReadMemo<T>, compute: () => T): T {
    const hit = memo.lookup(this.inputs);
    if (hit !== undefined) return hit;
    this.log.reset();
    const r = compute();
    memo.record(this.log.reads, this.inputs, r);
    return r;
  }
}
