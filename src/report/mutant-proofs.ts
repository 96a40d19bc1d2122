import { PROPERTY_IDS } from '../../properties/index.js';
import { check } from '../check/check.js';
import { FAULTS, type FaultId } from '../model/faults.js';
import { MUTANTS } from '../mutants.js';
import { PRESETS } from '../topology/presets.js';

/**
 * The faults every mutant proof runs with: all but FAULT-FORCED-UNLOAD, with
 * one user change. An operator's unload multiplies each space by some hundred
 * and excuses INV-BOND-UP, INV-NO-LOSS and LIVE-UPGRADE-DONE, so it would buy
 * no catch and cost the table its minutes; the correct design is checked with
 * it too (src/check/all-faults.test.ts).
 */
export const PROOF_FAULTS: readonly FaultId[] = FAULTS.filter((f) => f !== 'FAULT-FORCED-UNLOAD');
/** The bound on FAULT-USER-CONFIG steps per run in every mutant proof. */
export const PROOF_USER_CHANGES = 1;

/** The committed result file, relative to the repository root; `npm run proofs` writes it. */
export const PROOFS_FILE = 'bench/results/mutant-proofs.json';

/** One exhaustive verdict: the mutant checked against one property alone on one preset. */
export interface MutantProof {
  readonly mutant: string;
  readonly property: string;
  readonly topology: string;
  /** caught: a counterexample exists; unreachable: every reachable state searched, none breaks the property. */
  readonly verdict: 'caught' | 'unreachable';
  /** Steps of the shortest counterexample (a breadth-first trace; for LIVE-* a lasso, prefix and loop); null when unreachable. */
  readonly length: number | null;
  /** States stored when the search ended: every reachable state when unreachable. */
  readonly states: number;
  readonly transitions: number;
}

/** The committed table of every (mutant, property, preset). */
export interface MutantProofs {
  readonly command: string;
  readonly faults: readonly FaultId[];
  readonly userChanges: number;
  readonly topologies: readonly string[];
  readonly proofs: readonly MutantProof[];
}

/** The exhaustive verdict of `mutant` against `property` alone on preset `topology`, under the proof faults (over the whole history: the states counted are the twins'). */
export function proveOne(mutant: string, property: string, topology: string): MutantProof {
  const r = check({ topology: PRESETS[topology]!, mutant, faults: PROOF_FAULTS, userChanges: PROOF_USER_CHANGES, properties: [property], audit: false, fullHistory: true });
  if (r.verdict === 'incomplete') throw new Error(`${mutant} / ${property} / ${topology}: the search was cut (${r.cutBy})`);
  const caught = r.verdict === 'violation';
  return { mutant, property, topology, verdict: caught ? 'caught' : 'unreachable', length: caught ? r.counterexample!.events.length : null, states: r.states, transitions: r.transitions };
}

/** Every mutant against every INV-* and LIVE-* on every preset: the file `npm run proofs` writes. */
export function proveAll(onProof: (p: MutantProof) => void = () => {}): MutantProofs {
  const topologies = Object.keys(PRESETS);
  const proofs: MutantProof[] = [];
  for (const m of MUTANTS) {
    for (const property of PROPERTY_IDS) {
      for (const t of topologies) {
        const p = proveOne(m.id, property, t);
        proofs.push(p);
        onProof(p);
      }
    }
  }
  return { command: 'npm run proofs', faults: PROOF_FAULTS, userChanges: PROOF_USER_CHANGES, topologies, proofs };
}
