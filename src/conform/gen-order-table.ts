import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withOrderTable } from './order-table.js';

/** The page that documents the trace format, the causal order among it. */
export const TRACE_FORMAT_DOC = join(import.meta.dirname, '..', '..', 'docs', 'trace-format.md');

// Run alone (npx tsx src/conform/gen-order-table.ts), it rewrites the causal-order table in docs/trace-format.md.
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  writeFileSync(TRACE_FORMAT_DOC, withOrderTable(readFileSync(TRACE_FORMAT_DOC, 'utf8')));
  process.stdout.write(`wrote the causal-order table in ${TRACE_FORMAT_DOC}\n`);
}
