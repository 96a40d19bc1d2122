import { PROPERTY_IDS } from '../../properties/index.js';
import { diagramFiles } from '../diagram/diagram-files.js';
import { PRESETS } from '../topology/presets.js';
import { CLAIMS_BUDGET, CLAIMS_CORRECT, topologyOf } from '../../scenarios/index.js';
import { claimChecksBlock, loadClaimChecks } from './claims-check.js';
import { checkTopology, type CheckBudget } from './claim-checks.js';
import { claimsMarkdown } from './claims-md.js';
import { compareDesigns } from './compare.js';
import { comparisonMarkdown } from './comparison-format.js';
import { testsNaming } from './test-index.js';
import { loadProofs, mutantProofsBlock, spliceGenerated } from './mutant-table.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the generated diagrams live, relative to the repository. */
const DIAGRAMS_DIR = 'docs/diagrams';

/** The budget of the explorations behind docs/claims.md (scenarios/claims.ts): `hotup explore`'s defaults. */
const budgetOf = (b: typeof CLAIMS_BUDGET): CheckBudget => ({ runs: b.runs, steps: b.steps, seed: b.seed });

/** The topologies docs/comparison.md compares on: every preset. */
export const COMPARISON_TOPOLOGIES = Object.keys(PRESETS);

/** docs/claims.md: the committed exhaustive checks and mutant proofs, fresh explorations of the correct design (scenarios/claims.ts), and the test files under `root`. */
export function claimsDoc(root: string): string {
  const checks = CLAIMS_CORRECT.map((s) => checkTopology(topologyOf(s.topology), budgetOf(s.budget), []));
  return claimsMarkdown({ checks, budget: budgetOf(CLAIMS_BUDGET), tests: testsNaming(root, PROPERTY_IDS), proofs: loadProofs(), exhaustive: loadClaimChecks() });
}

/** docs/comparison.md. */
export const comparisonDoc = (): string => comparisonMarkdown(COMPARISON_TOPOLOGIES.map((n) => compareDesigns(PRESETS[n]!)));

/** docs/spec.md with its mutant table rendered again from bench/results/mutant-proofs.json; the rest of the page is written by hand. */
export const specDoc = (root: string): string => spliceGenerated(readFileSync(join(root, 'docs/spec.md'), 'utf8'), 'mutant-proofs', mutantProofsBlock(loadProofs()));

/** A hand-written page with its generated claims-check block rendered again from bench/results/claims-check.json. */
export const withClaimChecks = (root: string, path: string): string => spliceGenerated(readFileSync(join(root, path), 'utf8'), 'claims-check', claimChecksBlock(loadClaimChecks()));

/** Every generated doc, by path relative to the repository root `root`. */
export async function generatedDocs(root: string): Promise<Map<string, string>> {
  const docs = new Map<string, string>();
  for (const [name, text] of await diagramFiles()) docs.set(`${DIAGRAMS_DIR}/${name}`, text);
  docs.set('docs/claims.md', claimsDoc(root));
  docs.set('docs/comparison.md', comparisonDoc());
  docs.set('docs/spec.md', specDoc(root));
  for (const path of ['README.md', 'docs/model.md']) docs.set(path, withClaimChecks(root, path));
  return docs;
}
