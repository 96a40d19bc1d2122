import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

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

/**
 * For each property id, the test files (relative to `root`, sorted) that name
 * it: a test is credited with an id only when its text spells the id out, so
 * a test that merely iterates over every property or mutant credits none.
 */
export function testsNaming(root: string, ids: readonly string[]): ReadonlyMap<string, readonly string[]> {
  const files = TEST_ROOTS.flatMap((d) => testFiles(join(root, d)))
    .map((p) => ({ path: relative(root, p).split('\\').join('/'), text: readFileSync(p, 'utf8') }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // An id followed by a letter or dash is a longer id (INV-BOND-UP is not INV-BOND-UPDATE).
  const names = (text: string, id: string): boolean => new RegExp(`${id}(?![A-Z0-9-])`).test(text);
  return new Map(ids.map((id) => [id, files.filter((f) => names(f.text, id)).map((f) => f.path)]));
}
