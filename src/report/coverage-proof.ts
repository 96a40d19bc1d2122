import { readFileSync } from 'node:fs';
import { check } from '../check/check.js';
import type { Uncovered, Visited } from '../explore/coverage.js';
import { FAULTS, type FaultId } from '../model/faults.js';
import { PRESETS } from '../topology/presets.js';
import { faultsText } from './claims-check.js';

/** The committed file of what the correct design can reach, relative to the repository root; `npm run proofs` writes it. */
export const COVERAGE_FILE = 'bench/results/coverage-proof.json';

/** What the exhaustive check of the correct design takes on one preset: any state or transition not listed is unreachable under these faults. */
export interface CoverageProof {
  readonly topology: string;
  readonly faults: readonly FaultId[];
  readonly userChanges: number;
  readonly states: number;
  readonly visited: Readonly<Record<string, Visited>>;
}

/**
 * The settings: every fault with one user change on claims-1-9; on the
 * three-netdev presets every fault but FAULT-FORCED-UNLOAD, whose spaces
 * would otherwise take a quarter of an hour each.
 */
export const COVERAGE_SETTINGS: readonly { readonly topology: string; readonly faults: readonly FaultId[]; readonly userChanges: number }[] = [
  { topology: 'claims-1-9', faults: FAULTS, userChanges: 1 },
  ...['claims-10-11', 'claims-10-11-xor', 'claims-10-11-primary'].map((topology) => ({ topology, faults: FAULTS.filter((f) => f !== 'FAULT-FORCED-UNLOAD'), userChanges: 1 })),
];

/** Runs one setting with coverage. */
export function proveCoverage(s: (typeof COVERAGE_SETTINGS)[number]): CoverageProof {
  const r = check({ topology: PRESETS[s.topology]!, mutant: null, faults: s.faults, userChanges: s.userChanges, audit: false, liveness: false, coverage: true });
  if (!r.coverage) throw new Error(`${s.topology}: the search did not complete (${r.verdict})`);
  return { ...s, faults: [...s.faults], states: r.states, visited: r.coverage.visited as Record<string, Visited> };
}

/** The committed proofs, or an empty list when the file is missing (nothing is then called unreachable). */
export function loadCoverageProofs(url: URL = new URL(`../../${COVERAGE_FILE}`, import.meta.url)): readonly CoverageProof[] {
  try {
    return JSON.parse(readFileSync(url, 'utf8')) as CoverageProof[];
  } catch {
    return [];
  }
}

/**
 * Why a run did not take `u`: unreachable in the correct design when a
 * committed proof on the run's preset, under faults that include the run's,
 * never takes it either; else not reached in this run.
 */
export function uncoveredReason(u: Uncovered, topology: string, mutant: string | null, faults: readonly FaultId[], proofs: readonly CoverageProof[]): string {
  const p = mutant === null ? proofs.find((x) => x.topology === topology && faults.every((f) => x.faults.includes(f))) : undefined;
  if (!p) return 'not reached in this run';
  const v = p.visited[u.machine];
  const taken = u.kind === 'state' ? v?.states.includes(u.id) : v?.transitions.includes(u.id);
  return taken ? 'not reached in this run' : `unreachable in the correct design (proven by the exhaustive check: ${p.states.toLocaleString('en-US')} states, ${faultsText(p.faults)}, at most ${p.userChanges} user change per run)`;
}
