import { readFileSync } from 'node:fs';
import { check } from '../check/check.js';
import type { Uncovered, Visited } from '../explore/coverage.js';
import { FAULTS, type FaultId } from '../model/faults.js';
import { PRESETS } from '../topology/presets.js';
import { faultsText } from './claims-check.js';

/** The committed file of what the correct design can reach, relative to the repository root; `npm run proofs` writes it. */
export const COVERAGE_FILE = 'bench/results/coverage-proof.json';

/**
 * What the exhaustive check of the correct design takes on one preset under
 * some faults: any state, transition or guard outcome not listed is
 * unreachable there; any transition pair not listed too (the list is composed
 * from the search's deliveries and may hold more than runs can take, never less).
 */
export interface CoverageProof {
  readonly topology: string;
  readonly faults: readonly FaultId[];
  readonly userChanges: number;
  readonly states: number;
  readonly visited: Readonly<Record<string, Visited>>;
}

/** One setting of the coverage proofs: a preset, the faults, the bound on user changes. */
export interface CoverageSetting {
  readonly topology: string;
  readonly faults: readonly FaultId[];
  readonly userChanges: number;
}

const NO_FORCED_UNLOAD = FAULTS.filter((f) => f !== 'FAULT-FORCED-UNLOAD');
const NO_USER_CONFIG = FAULTS.filter((f) => f !== 'FAULT-USER-CONFIG');

/**
 * The settings, cheapest first. On the three-netdev presets every fault but
 * FAULT-FORCED-UNLOAD (tens of thousands of states: a run without that fault
 * gets the sharpest proof); then every fault with one user change on
 * claims-1-9 (1.4 million states), claims-10-11-xor (14 million) and
 * claims-10-11 (12 million); on claims-10-11-primary one user change on top
 * of every other fault passes what one search holds, so its all-fault proof
 * leaves FAULT-USER-CONFIG out (4 million states).
 */
export const COVERAGE_SETTINGS: readonly CoverageSetting[] = [
  ...['claims-10-11', 'claims-10-11-xor', 'claims-10-11-primary'].map((topology) => ({ topology, faults: NO_FORCED_UNLOAD, userChanges: 1 })),
  { topology: 'claims-1-9', faults: FAULTS, userChanges: 1 },
  { topology: 'claims-10-11-xor', faults: FAULTS, userChanges: 1 },
  { topology: 'claims-10-11-primary', faults: NO_USER_CONFIG, userChanges: 0 },
  { topology: 'claims-10-11', faults: FAULTS, userChanges: 1 },
];

/** The key a setting's proof is filed under in the committed file. */
export const settingKey = (s: CoverageSetting): string => `${s.topology} ${[...s.faults].sort().join(',')} ${s.userChanges}`;

/** Runs one setting with coverage. */
export function proveCoverage(s: CoverageSetting): CoverageProof {
  const r = check({ topology: PRESETS[s.topology]!, mutant: null, faults: s.faults, userChanges: s.userChanges, audit: false, liveness: false, coverage: true, fullHistory: true });
  if (!r.coverage) throw new Error(`${s.topology}: the search did not complete (${r.verdict})`);
  return { topology: s.topology, faults: [...s.faults], userChanges: s.userChanges, states: r.states, visited: r.coverage.visited as Record<string, Visited> };
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
 * The proof that speaks for a run: of the correct design, on the run's
 * preset, under faults that include the run's; the one with the fewest
 * states (the sharpest) when several do. None for a mutant, and none when
 * the run may start the tool more than once (the proofs bound it to one round).
 */
export function proofFor(topology: string, mutant: string | null, faults: readonly FaultId[], proofs: readonly CoverageProof[], rounds: number | null = 1): CoverageProof | undefined {
  if (mutant !== null || rounds !== 1) return undefined;
  return proofs.filter((x) => x.topology === topology && faults.every((f) => x.faults.includes(f))).sort((a, b) => a.states - b.states)[0];
}

/** What a proof lists for one kind of item, or undefined when it was written before that kind was counted. */
function listed(p: CoverageProof, u: Uncovered): readonly string[] | undefined {
  const v = p.visited[u.machine];
  if (!v) return [];
  return u.kind === 'state' ? v.states : u.kind === 'transition' ? v.transitions : u.kind === 'guard' ? v.guards : v.pairs;
}

/** The reason given to what a run missed and no proof rules out. */
export const NOT_REACHED = 'not reached in this run';

/** The reason given to what a run missed and the proof that speaks for it never takes (`proofText` says which proof, once per listing). */
export const PROVEN = 'unreachable in the correct design (proven by the exhaustive check)';

/** What a proof covered, in the words of a reason: its preset, states, faults and bound. */
export const proofText = (p: CoverageProof): string =>
  `the exhaustive check on ${p.topology}: ${p.states.toLocaleString('en-US')} states, ${faultsText(p.faults)}${p.faults.includes('FAULT-USER-CONFIG') ? `, at most ${p.userChanges} user change${p.userChanges === 1 ? '' : 's'} per run` : ''}`;

/**
 * Why a run did not take `u`: unreachable in the correct design when the
 * proof that speaks for the run (`proofFor`) never takes it either; else not
 * reached in this run.
 */
export function uncoveredReason(u: Uncovered, topology: string, mutant: string | null, faults: readonly FaultId[], proofs: readonly CoverageProof[], rounds: number | null = 1): string {
  const p = proofFor(topology, mutant, faults, proofs, rounds);
  const list = p && listed(p, u);
  return !p || !list || list.includes(u.id) ? NOT_REACHED : PROVEN;
}
