import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTraceSchema } from './schema-build.js';

/** Where the package ships the trace schema. */
export const SCHEMA_FILE = join(import.meta.dirname, '..', '..', 'schema', 'hotup-trace.schema.json');

/** The schema file's text, exactly as written (a test checks the shipped file is this). */
export const schemaText = (): string => `${JSON.stringify(buildTraceSchema(), null, 2)}\n`;

// Run alone (npx tsx src/conform/gen-schema.ts), it rewrites schema/hotup-trace.schema.json.
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, schemaText());
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
