import { FAULTS, type FaultId } from '../src/model/faults.js';
import type { Topology } from '../src/topology/topology.js';
import { topologyOf } from './topologies.js';

/**
 * The tool a scenario is run with: random runs, the exhaustive search, or a
 * peer checker on a twin; `conform` checks a kernel trace; `upgrade` takes
 * the rounds of a rolling upgrade one after the other in the system's own
 * fixed order (src/report/upgrade-run.ts).
 */
export type Tool = 'explore' | 'check' | 'spin' | 'quint' | 'conform' | 'upgrade';

/** What `hotup explore` is given: fast-check runs of up to `steps` random steps from `seed`; `seeds` repeats the run on seeds seed..seed+seeds-1. */
export interface ExploreBudget {
  readonly runs: number;
  readonly steps: number;
  readonly seed: number;
  readonly seeds?: number;
  /** Runs of the upgrade tool per random run (default 1; null: unbounded). */
  readonly rounds?: number | null;
}

/** What `hotup check` is given: user changes per run (null: unbounded), where to cut the search, and its optional passes. */
export interface CheckBudget {
  readonly userChanges?: number | null;
  /** Runs of the upgrade tool per boot (default 1; null: unbounded). */
  readonly rounds?: number | null;
  readonly maxStates?: number;
  readonly maxSeconds?: number;
  /** Search for fair cycles breaking LIVE-* (default true). */
  readonly liveness?: boolean;
  /** Compare the tables with the plain system now and then (default true). */
  readonly audit?: boolean;
  /** Keep every fault bit and monitor (CheckOptions.fullHistory; default false, true when compared with a twin). */
  readonly fullHistory?: boolean;
}

/** What SPIN is given on the Promela twin; `check` is the `hotup check` run it is compared with, when it is. */
export interface SpinBudget {
  readonly userChanges?: number | null;
  /** Runs of the upgrade tool per boot, -DROUNDS (default 1; null: unbounded). */
  readonly rounds?: number | null;
  readonly quickCompile?: boolean;
  readonly hashBits?: number;
  readonly maxDepth?: number;
  readonly bfs?: boolean;
  /** Random depth-first search from this seed; `seeds` repeats it on seed..seed+seeds-1. */
  readonly seed?: number;
  readonly seeds?: number;
  readonly check?: CheckBudget;
}

/** What Quint's simulator is given on the Quint twin; `check` is the `hotup check` run it is compared with, when it is. */
export interface QuintBudget {
  readonly samples: number;
  readonly steps: number;
  readonly seed: number;
  readonly seeds?: number;
  /** Report the violated invariants by their INV-* ids. */
  readonly byName?: boolean;
  /** Runs of the upgrade tool per boot, the constant ROUNDS (default 1; null: unbounded). */
  readonly rounds?: number | null;
  readonly check?: CheckBudget;
}

/** The version each round of the tool installs, in order: the first is 2 (the first run's target), each later one 1, 2 or 3. */
export interface UpgradeBudget {
  readonly versions: readonly number[];
}

/** What `hotup conform` is given: a generated trace of this many events. */
export interface ConformBudget {
  readonly events: number;
}

/**
 * The verdict a scenario expects. pass: every property it is about holds
 * (check: in every reachable state, with more than `statesAbove` states;
 * explore: in every run, over more than `stepsAbove` steps). incomplete: the
 * search stops at its budget of `states`. violation: one of `violates` breaks
 * (any property when absent), with a counterexample of at most `longest` steps
 * or, for check, exactly `shortest` events.
 */
export type Expected =
  | { readonly verdict: 'pass'; readonly statesAbove?: number; readonly stepsAbove?: number }
  | { readonly verdict: 'incomplete'; readonly states: number }
  | { readonly verdict: 'violation'; readonly violates?: readonly string[]; readonly shortest?: number; readonly longest?: number };

interface Common {
  /** Unique: purpose/topology/faults/design[/property], e.g. `explore/claims-1-9/all-faults/correct`. */
  readonly id: string;
  /** A preset of src/topology/presets.ts, or a name scenarios/topologies.ts resolves. */
  readonly topology: string;
  readonly faults: readonly FaultId[];
  /** A MUT-* id of src/mutants.ts; null for the correct design. */
  readonly mutant: string | null;
  /** The INV-* and LIVE-* ids it is about; empty: all. */
  readonly properties: readonly string[];
  readonly expect: Expected;
}

/** A named run of the model: a topology, faults and a design, the tool and budget it is run with, and what it must find. */
export type Scenario =
  | (Common & { readonly tool: 'explore'; readonly budget: ExploreBudget })
  | (Common & { readonly tool: 'check'; readonly budget: CheckBudget })
  | (Common & { readonly tool: 'spin'; readonly budget: SpinBudget })
  | (Common & { readonly tool: 'quint'; readonly budget: QuintBudget })
  | (Common & { readonly tool: 'conform'; readonly budget: ConformBudget })
  | (Common & { readonly tool: 'upgrade'; readonly budget: UpgradeBudget });

/** The scenarios of one tool. */
export type ScenarioOf<T extends Tool> = Extract<Scenario, { tool: T }>;

/** A short name of a fault set for scenario ids: no-faults, all-faults, or the ids without FAULT-, joined by +. */
export function faultsSlug(faults: readonly FaultId[], userChanges: number | null = null): string {
  const changes = userChanges === null ? '' : `-${userChanges}-user-change${userChanges === 1 ? '' : 's'}`;
  if (faults.length === 0) return 'no-faults';
  if (faults.length === FAULTS.length && FAULTS.every((f) => faults.includes(f))) return `all-faults${changes}`;
  return faults.map((f) => f.replace('FAULT-', '').toLowerCase()).join('+') + changes;
}

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** The options of `explore` for a scenario, on its first seed (or on `seed` when given). */
export function exploreRun(s: ScenarioOf<'explore'>, seed = s.budget.seed) {
  return defined({
    topology: topologyOf(s.topology),
    mutant: s.mutant,
    runs: s.budget.runs,
    steps: s.budget.steps,
    seed,
    faults: [...s.faults],
    properties: s.properties.length ? [...s.properties] : undefined,
    rounds: s.budget.rounds,
  });
}

/** The options of `check` for a scenario (or for the `hotup check` run a peer scenario is compared with). */
export function checkRun(s: Scenario, budget: CheckBudget = s.tool === 'check' ? s.budget : ((s.budget as SpinBudget | QuintBudget).check ?? {})) {
  return defined({
    topology: topologyOf(s.topology),
    mutant: s.mutant,
    faults: [...s.faults],
    properties: s.properties.length ? [...s.properties] : undefined,
    userChanges: budget.userChanges,
    rounds: budget.rounds,
    maxStates: budget.maxStates,
    maxSeconds: budget.maxSeconds,
    liveness: budget.liveness,
    audit: budget.audit,
    // A twin keeps the whole history, so the check it is compared with does too: the same states, one for one.
    fullHistory: s.tool === 'spin' || s.tool === 'quint' ? true : budget.fullHistory,
  });
}

/** The seeds a budget runs on: seed..seed+seeds-1, or its one seed. */
export const seedsOf = (b: { readonly seed?: number; readonly seeds?: number }): number[] =>
  b.seed === undefined ? [] : Array.from({ length: b.seeds ?? 1 }, (_, i) => b.seed! + i);

/** The topology of a scenario. */
export const scenarioTopology = (s: Scenario): Topology => topologyOf(s.topology);
