import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allScenarios, COMMITTED_DOC, COMMITTED_RESULT, conformanceMarkdown, FRESH_DOC, FRESH_RESULT, unconfirmed, type ScenarioResult } from './conformance.js';
import { stepRecords, transitionCoverage, uncompared } from './coverage.js';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, ROOT), 'utf8');
const scenarios = allScenarios();
const load = (path: string) => JSON.parse(read(path)) as { kernel: string; results: ScenarioResult[] };
const render = (path: string): string => {
  const r = load(path);
  return conformanceMarkdown(r.kernel, r.results, scenarios);
};

describe('docs/linux-conformance.md', () => {
  it('is rendered from bench/results/linux.json, for the scenarios the bond machine generates now', () => {
    expect(read(COMMITTED_DOC), `run \`npm run test:linux -- --commit\``).toBe(render(COMMITTED_RESULT));
  });

  it('says what the latest run in test-artifacts/linux says, when there is one', () => {
    // A plain `npm run test:linux` writes only there; a doc that differs from a fresh run is stale.
    const fresh = existsSync(new URL(FRESH_RESULT, ROOT));
    expect(fresh ? read(FRESH_DOC) : read(COMMITTED_DOC)).toBe(fresh ? render(FRESH_RESULT) : render(COMMITTED_RESULT));
    if (fresh) expect(read(COMMITTED_DOC), 'the committed doc differs from the latest run: run `npm run test:linux -- --commit`').toBe(read(FRESH_DOC));
  });

  it('claims no transition and no behaviour the committed run did not compare with the kernel', () => {
    const records = stepRecords(scenarios, load(COMMITTED_RESULT).results);
    expect(uncompared(transitionCoverage(records)), 'transitions the machine can take that no compared step took').toEqual([]);
    expect(unconfirmed(records), 'behaviours no compared step shows').toEqual([]);
  });
});
