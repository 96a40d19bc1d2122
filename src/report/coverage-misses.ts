import type { AnyStateMachine } from 'xstate';
import type { Message } from '../../machines/messages.js';
import { uncovered, type CoverageItem, type Uncovered, type Visited } from '../explore/coverage.js';
import type { Components } from '../model/components.js';
import type { FaultId } from '../model/faults.js';
import { faultsText } from './claims-check.js';
import { COVERAGE_FILE, NOT_REACHED, proofFor, proofText, uncoveredReason, type CoverageProof } from './coverage-proof.js';

type Kind = Message['to'];

/** Every kind of item coverage lists. */
export const ALL_ITEMS: readonly CoverageItem[] = ['state', 'transition', 'guard', 'pair'];

/** An item a run missed, with why. */
export type Miss = Uncovered & { readonly reason: string };

/** What a run was: enough to find the proof that speaks for it. */
export interface RunSetting {
  readonly topology: string;
  readonly mutant: string | null;
  readonly faults: readonly FaultId[];
  /** Rounds of the tool per run (null: unbounded); the proofs bound it to 1. */
  readonly rounds?: number | null;
  /** False when the topology only borrows a preset's name: no proof of that preset speaks for it. */
  readonly preset?: boolean;
}

/** The proofs that may speak for a run: none for a topology that only borrows a preset's name. */
const proofsFor = (run: RunSetting, proofs: readonly CoverageProof[]): readonly CoverageProof[] => (run.preset === false ? [] : proofs);

/** Every state, transition, guard outcome and transition pair a run missed, each with its reason (coverage-proof.ts). */
export function missesOf(components: Components, visited: Partial<Record<Kind, Visited>>, run: RunSetting, proofs: readonly CoverageProof[], items: readonly CoverageItem[] = ALL_ITEMS): Miss[] {
  const usable = proofsFor(run, proofs);
  return pairsNotReachedFirst(uncovered(components, visited, items).map((u) => ({ ...u, reason: uncoveredReason(u, run.topology, run.mutant, run.faults, usable, run.rounds ?? 1) })));
}

/** Within each machine, the pairs not reached in this run before those proven unreachable (when pairs are capped, the ones a longer run could still take come first); all else in graph order. */
function pairsNotReachedFirst(misses: Miss[]): Miss[] {
  const rank = (m: Miss): number => (m.kind !== 'pair' ? 0 : m.reason === NOT_REACHED ? 1 : 2);
  return misses.map((m, i) => ({ m, i })).sort((a, b) => (a.m.machine === b.m.machine ? rank(a.m) - rank(b.m) || a.i - b.i : a.i - b.i)).map((x) => x.m);
}

/** One sentence on which proof the reasons come from, or why none does. */
export function proofLine(run: RunSetting, proofs: readonly CoverageProof[]): string {
  const p = proofFor(run.topology, run.mutant, run.faults, proofsFor(run, proofs), run.rounds ?? 1);
  if (p) return `'unreachable' is proven by ${proofText(p)}, in ${COVERAGE_FILE}`;
  const why = run.mutant !== null
    ? 'the proofs are of the correct design'
    : run.preset === false
      ? `the topology is not the preset named ${run.topology}`
      : (run.rounds ?? 1) !== 1 ? 'the proofs start the tool once per run' : `${COVERAGE_FILE} proves ${proofs.map((x) => `${x.topology} under ${faultsText(x.faults)}`).join('; ') || 'nothing'}`;
  return `no exhaustive coverage proof covers this run (${why}): every miss is '${NOT_REACHED}'`;
}

/** The patent claims a machine takes part in, from its XState meta. */
export const machineClaims = (m: AnyStateMachine): readonly number[] => ((m.config.meta as { claims?: number[] } | undefined)?.claims ?? []) as number[];

/** The machines' claims, keyed by machine kind. */
export const claimsOf = (components: Components): Record<Kind, readonly number[]> =>
  Object.fromEntries((Object.entries(components) as [Kind, AnyStateMachine][]).map(([k, m]) => [k, machineClaims(m)])) as Record<Kind, readonly number[]>;

/** The misses to list when pairs are capped at `cap` per machine, and per machine what was left out: how many, and how many of those are proven unreachable. */
export function capPairs(misses: readonly Miss[], cap: number): { readonly shown: Miss[]; readonly rest: ReadonlyMap<Kind, { readonly count: number; readonly proven: number }> } {
  const shown: Miss[] = [];
  const rest = new Map<Kind, { count: number; proven: number }>();
  const listed = new Map<Kind, number>();
  for (const m of misses) {
    const n = listed.get(m.machine) ?? 0;
    if (m.kind !== 'pair' || n < cap) {
      shown.push(m);
      if (m.kind === 'pair') listed.set(m.machine, n + 1);
      continue;
    }
    const r = rest.get(m.machine) ?? { count: 0, proven: 0 };
    rest.set(m.machine, { count: r.count + 1, proven: r.proven + (m.reason === NOT_REACHED ? 0 : 1) });
  }
  return { shown, rest };
}

/** A miss as a line: `machine kind id: reason` (a guard outcome reads `... false: reason`). */
export const missLine = (m: Miss): string => `${m.machine} ${m.kind} ${m.id}: ${m.reason}`;

/** The misses as indented lines, pairs capped per machine with a line counting the rest after that machine's. */
export function missLines(misses: readonly Miss[], cap: number): string[] {
  const { shown, rest } = capPairs(misses, cap);
  const out: string[] = [];
  const restLine = (machine: Kind): void => {
    const r = rest.get(machine);
    if (r) out.push(`  ${machine}: ${r.count} more pairs not covered, not listed (${r.proven} of them proven unreachable, ${r.count - r.proven} ${NOT_REACHED}); --json lists every one`);
  };
  shown.forEach((m, i) => {
    out.push(`  ${missLine(m)}`);
    if (shown[i + 1]?.machine !== m.machine) restLine(m.machine);
  });
  return out;
}
