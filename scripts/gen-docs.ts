/**
 * Regenerates every generated doc: docs/diagrams/*, docs/claims.md and
 * docs/comparison.md. Run `npx tsx scripts/gen-docs.ts` after changing a
 * machine, a property, a mutant or a test; a test fails while they are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedDocs } from '../src/report/generated-docs.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const docs = await generatedDocs(root);
for (const [path, text] of docs) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
process.stdout.write(`wrote ${docs.size} files: ${[...docs.keys()].join(', ')}\n`);
