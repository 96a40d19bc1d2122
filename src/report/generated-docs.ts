import { PROPERTY_IDS } from '../../properties/index.js';
import { diagramFiles } from '../diagram/diagram-files.js';
import { PRESETS } from '../topology/presets.js';
import { CLAIMS_BUDGET, CLAIMS_CORRECT, CLAIMS_MUTANTS, topologyOf } from '../../scenarios/index.js';
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

/** The topologies docs/comparison.md compares on: the patent's two examples. */
export const COMPARISON_TOPOLOGIES = ['claims-1-9', 'claims-10-11'];

/** docs/claims.md, from fresh explorations of its scenarios (scenarios/claims.ts) and the test files under `root`. */
export function claimsDoc(root: string): string {
  const checks = CLAIMS_CORRECT.map((s) =>
    checkTopology(
      topologyOf(s.topology),
      budgetOf(s.budget),
      CLAIMS_MUTANTS.filter((m) => m.topology === s.topology).map((m) => ({ mutant: m.mutant!, property: m.properties[0]! })),
    ),
  );
  return claimsMarkdown({ checks, budget: budgetOf(CLAIMS_BUDGET), tests: testsNaming(root, PROPERTY_IDS), proofs: loadProofs() });
}

/** docs/comparison.md. */
export const comparisonDoc = (): string => comparisonMarkdown(COMPARISON_TOPOLOGIES.map((n) => compareDesigns(PRESETS[n]!)));

/** docs/spec.md with its mutant table rendered again from bench/results/mutant-proofs.json; the rest of the page is written by hand. */
export const specDoc = (root: string): string => spliceGenerated(readFileSync(join(root, 'docs/spec.md'), 'utf8'), 'mutant-proofs', mutantProofsBlock(loadProofs()));

/** Every generated doc, by path relative to the repository root `root`. */
export async function generatedDocs(root: string): Promise<Map<string, string>> {
  const docs = new Map<string, string>();
  for (const [name, text] of await diagramFiles()) docs.set(`${DIAGRAMS_DIR}/${name}`, text);
  docs.set('docs/claims.md', claimsDoc(root));
  docs.set('docs/comparison.md', comparisonDoc());
  docs.set('docs/spec.md', specDoc(root));
  return docs;
}
