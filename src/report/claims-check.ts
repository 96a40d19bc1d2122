import { readFileSync } from 'node:fs';
import { CLAIM_12_TOPOLOGY, topologyOf } from '../../scenarios/index.js';
import { check } from '../check/check.js';
import { FAULTS, type FaultId } from '../model/faults.js';

/** The committed result file of the exhaustive checks behind docs/claims.md, relative to the repository root; `npm run proofs` writes it. */
export const CLAIMS_CHECK_FILE = 'bench/results/claims-check.json';

/** One exhaustive check of the correct design: a claim topology, its faults and its bound on user changes. */
export interface ClaimCheckSetting {
  readonly topology: string;
  readonly faults: readonly FaultId[];
  readonly userChanges: number;
}

/**
 * What docs/claims.md is proven with: the correct design on each claim
 * topology with every fault. One user change per run on the patent's two
 * examples; none on the bond variants, and no operator unload on the
 * three-child topology of claim 12, whose spaces would otherwise pass ten
 * million states (bench/results/check.json measures them).
 */
export const CLAIM_CHECKS: readonly ClaimCheckSetting[] = [
  { topology: 'claims-1-9', faults: FAULTS, userChanges: 1 },
  { topology: 'claims-10-11', faults: FAULTS, userChanges: 1 },
  { topology: 'claims-10-11-xor', faults: FAULTS, userChanges: 0 },
  { topology: 'claims-10-11-primary', faults: FAULTS, userChanges: 0 },
  { topology: CLAIM_12_TOPOLOGY.name, faults: FAULTS.filter((f) => f !== 'FAULT-FORCED-UNLOAD'), userChanges: 1 },
];

/** What one exhaustive check of the correct design found. */
export interface ClaimCheckResult extends ClaimCheckSetting {
  /** pass: every INV-* in every reachable state and no fair cycle breaking a LIVE-*. */
  readonly verdict: 'pass' | 'violation' | 'incomplete';
  /** The id and message of the violation, when there is one. */
  readonly violation: string | null;
  readonly states: number;
  readonly transitions: number;
  readonly diameter: number;
  /** Breadth-first search, then fair-cycle search, in seconds, as measured on the run that wrote the file. */
  readonly seconds: number;
  readonly livenessSeconds: number;
  readonly livenessChecked: readonly string[];
  /** Per property id: the reachable states where its premise holds (0: not exercised). */
  readonly exercised: Readonly<Record<string, number>>;
}

/** The committed file: one result per claim topology. */
export interface ClaimChecks {
  readonly command: string;
  readonly results: readonly ClaimCheckResult[];
}

/** Runs one setting (`hotup check --topology T --faults F --user-changes U --vacuity --full-history`: the states counted are the twins'). */
export function runClaimCheck(s: ClaimCheckSetting): ClaimCheckResult {
  const r = check({ topology: topologyOf(s.topology), mutant: null, faults: s.faults, userChanges: s.userChanges, audit: false, vacuity: true, fullHistory: true });
  return {
    ...s,
    faults: [...s.faults],
    verdict: r.verdict,
    violation: r.counterexample ? `${r.counterexample.violation.id}: ${r.counterexample.violation.message}` : null,
    states: r.states,
    transitions: r.transitions,
    diameter: r.diameter,
    seconds: Math.round(r.seconds * 10) / 10,
    livenessSeconds: Math.round(r.livenessSeconds * 10) / 10,
    livenessChecked: r.livenessChecked,
    exercised: r.exercised ?? {},
  };
}

/** The committed results, or an error saying how to make them. */
export function loadClaimChecks(url: URL = new URL(`../../${CLAIMS_CHECK_FILE}`, import.meta.url)): ClaimChecks {
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch {
    throw new Error(`${CLAIMS_CHECK_FILE} is missing: run \`npm run proofs\` to write it`);
  }
  const data = JSON.parse(text) as ClaimChecks;
  if (!Array.isArray(data.results)) throw new Error(`${CLAIMS_CHECK_FILE}: no 'results' array; run \`npm run proofs\` to write it again`);
  return data;
}

/** The bound on user changes as the docs say it. */
export const userChangesText = (r: ClaimCheckSetting): string =>
  !r.faults.includes('FAULT-USER-CONFIG') || r.userChanges === 0 ? 'no user change' : `${r.userChanges} user change${r.userChanges === 1 ? '' : 's'} per run`;

/** The faults as the docs say them: `every fault`, or every fault but the ones left out. */
export const faultsText = (faults: readonly FaultId[]): string => {
  const out = FAULTS.filter((f) => !faults.includes(f));
  return out.length === 0 ? 'every fault' : faults.length === 0 ? 'no fault' : `every fault but ${out.join(', ')}`;
};

/** The block README.md and docs/model.md carry: each claim topology's exhaustive check, one line each. */
export function claimChecksBlock(c: ClaimChecks): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  return c.results
    .map((r) => `- ${r.topology}, ${faultsText(r.faults)}, ${userChangesText(r)}: ${r.verdict === 'pass' ? 'PASS' : r.verdict.toUpperCase()}, ${n(r.states)} reachable states, ${n(r.transitions)} transitions (${r.seconds.toFixed(1)} s search and ${r.livenessSeconds.toFixed(1)} s fair-cycle search on the run that wrote the file)`)
    .join('\n');
}
