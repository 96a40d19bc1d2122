import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SCENARIO_LISTS } from '../../scenarios/index.js';

/** Where the project keeps its tests (vitest.config.ts includes these). */
const TEST_ROOTS = ['machines', 'properties', 'src', 'test', 'twins'];

function testFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : testFiles(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** A test that iterates over the project's list of properties or mutants (or a scenario list of every mutant, scenarios/) checks every property. */
const EVERY_PROPERTY = /\b(INVARIANTS|LIVENESS|PROPERTY_IDS|MUTANTS|[A-Z]+_MUTANTS)\b/;

/** A test that iterates over a scenario list checks the ids its scenarios expect violated. */
const namedByScenarios = (text: string, id: string): boolean =>
  Object.entries(SCENARIO_LISTS).some(
    ([name, list]) => new RegExp(`\\b${name}\\b`).test(text) && list.some((s) => s.expect.verdict === 'violation' && (s.expect.violates ?? []).includes(id)),
  );

/**
 * For each property id, the test files (relative to `root`, sorted) that
 * check it: those naming it, those iterating over every property or mutant,
 * and those iterating over a scenario list that expects it violated.
 */
export function testsNaming(root: string, ids: readonly string[]): ReadonlyMap<string, readonly string[]> {
  const files = TEST_ROOTS.flatMap((d) => testFiles(join(root, d)))
    .map((p) => ({ path: relative(root, p).split('\\').join('/'), text: readFileSync(p, 'utf8') }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // An id followed by a letter or dash is a longer id (INV-BOND-UP is not INV-BOND-UPDATE).
  const covers = (text: string, id: string): boolean => EVERY_PROPERTY.test(text) || new RegExp(`${id}(?![A-Z0-9-])`).test(text) || namedByScenarios(text, id);
  return new Map(ids.map((id) => [id, files.filter((f) => covers(f.text, id)).map((f) => f.path)]));
}
