/**
 * Regenerates every generated doc: docs/diagrams/*, docs/claims.md,
 * docs/comparison.md, docs/architecture.md, and the topology schema with its
 * page (schema/hotup-topology.schema.json, docs/topology-format.md). Run `npm run docs` after
 * changing a machine, a property, a mutant, a test or the folder layout; a test
 * fails while they are stale. The architecture docs are added here rather than
 * in src/report/generated-docs.ts because they read the sources with the
 * TypeScript compiler, a development dependency that the CLI (which imports
 * src/report/) must not need.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { architectureDocs } from '../src/architecture/architecture-docs.js';
import { generatedDocs } from '../src/report/generated-docs.js';
import { topologyDocs } from '../src/topology/topology-docs.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const docs = new Map([...(await generatedDocs(root)), ...(await architectureDocs(root)), ...topologyDocs()]);
for (const [path, text] of docs) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
process.stdout.write(`wrote ${docs.size} files: ${[...docs.keys()].join(', ')}\n`);
