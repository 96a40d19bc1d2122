import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleTraces } from './examples.js';
import { SCHEMA_FILE, schemaText } from './gen-schema.js';
import { validateLine } from './schema.js';
import { EVENTS, OBSERVATIONS } from './vocabulary.js';

describe('the trace schema', () => {
  it('is shipped as the vocabulary builds it (npx tsx src/conform/gen-schema.ts)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaText());
  });

  it('accepts every line of the JSON Lines examples, and rejects a line missing its fields', () => {
    for (const e of exampleTraces().filter((x) => x.file.endsWith('.jsonl'))) {
      for (const line of e.text.trim().split('\n')) expect(validateLine(JSON.parse(line)), `${e.file}: ${line}`).toEqual([]);
    }
    expect(validateLine({ seq: 1, event: 'ops.switch', netdev: 'N1' }).length).toBeGreaterThan(0);
  });

  it('is what docs/trace-format.md documents: every event and observation kind', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'trace-format.md'), 'utf8');
    for (const e of EVENTS) expect(doc, e.kind).toContain(`\`${e.kind}\``);
    for (const o of OBSERVATIONS) expect(doc, o.kind).toContain(`\`${o.kind}\``);
  });
});
