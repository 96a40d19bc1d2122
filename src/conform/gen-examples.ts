import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleTraces } from './examples.js';

/** Where the example traces live. */
export const EXAMPLES_DIR = join(import.meta.dirname, '..', '..', 'docs', 'examples', 'traces');

// Run alone (npx tsx src/conform/gen-examples.ts), it rewrites docs/examples/traces/.
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  mkdirSync(EXAMPLES_DIR, { recursive: true });
  for (const e of exampleTraces()) {
    writeFileSync(join(EXAMPLES_DIR, e.file), e.text);
    process.stdout.write(`wrote ${e.file}: ${e.says}\n`);
  }
}
