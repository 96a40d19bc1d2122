import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { claimsDoc, comparisonDoc } from './generated-docs.js';

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
});
