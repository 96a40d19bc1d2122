import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { claimsDoc, comparisonDoc, specDoc, withClaimChecks } from './generated-docs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STALE = 'stale: run `npx tsx scripts/gen-docs.ts` and commit the result';
const committed = (path: string): string => readFileSync(`${ROOT}${path}`, 'utf8');

describe('generated docs', () => {
  it('docs/comparison.md is what `hotup compare` generates', () => {
    expect(committed('docs/comparison.md'), `docs/comparison.md is ${STALE}`).toBe(comparisonDoc());
  });

  it('docs/claims.md is what the latest checks and the test files give', () => {
    expect(committed('docs/claims.md'), `docs/claims.md is ${STALE}`).toBe(claimsDoc(ROOT));
  });

  it('docs/spec.md carries the mutant table rendered from bench/results/mutant-proofs.json', () => {
    expect(committed('docs/spec.md'), `docs/spec.md is ${STALE}`).toBe(specDoc(ROOT));
  });

  it.each(['README.md', 'docs/model.md'])('%s carries the exhaustive checks rendered from bench/results/claims-check.json', (path) => {
    expect(committed(path), `${path} is ${STALE}`).toBe(withClaimChecks(ROOT, path));
  });
});

/** Every number in a result file, as the docs print it (1,387,810). */
function resultNumbers(): Set<string> {
  const out = new Set<string>();
  const walk = (x: unknown): void => {
    if (typeof x === 'number') out.add(x.toLocaleString('en-US'));
    else if (x && typeof x === 'object') Object.values(x).forEach(walk);
  };
  for (const f of readdirSync(`${ROOT}bench/results`)) if (f.endsWith('.json')) walk(JSON.parse(committed(`bench/results/${f}`)));
  return out;
}

describe('figures in the hand-written docs', () => {
  it.each(['README.md', 'docs/model.md', 'docs/spec.md'])('%s quotes no count of 1,000 or more that no result file holds', (path) => {
    const known = resultNumbers();
    const quoted = committed(path).match(/\b\d{1,3}(?:,\d{3})+\b/g) ?? [];
    expect(quoted.filter((q) => !known.has(q))).toEqual([]);
  });
});
