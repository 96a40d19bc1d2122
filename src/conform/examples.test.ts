import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conform } from './conform.js';
import { exampleTraces } from './examples.js';
import { EXAMPLES_DIR } from './gen-examples.js';

const examples = exampleTraces();

describe('docs/examples/traces', () => {
  it.each(examples.map((e) => [e.file, e] as const))('%s is what src/conform/gen-examples.ts writes', (file, e) => {
    expect(readFileSync(join(EXAMPLES_DIR, file), 'utf8'), 'stale: run npx tsx src/conform/gen-examples.ts').toBe(e.text);
  });

  it.each(examples.map((e) => [e.file, e] as const))('%s gets its verdict against the correct design', async (file, e) => {
    const r = await conform({ file: join(EXAMPLES_DIR, file) });
    expect(r.verdict).toBe(e.expect.verdict);
    if (e.expect.open) expect(r.open.map((o) => o.id)).toEqual(e.expect.open);
    const d = e.expect.diagnosis;
    if (d) {
      const first = r.diagnosis![0]!;
      expect(first.mutant).toBe(d.mutant);
      if (d.breaks) expect(d.breaks).toContain(first.violation!.id);
      if (d.open) {
        expect(first.verdict).toBe('conforming');
        for (const id of d.open) expect(first.open).toContain(id);
      }
    }
  });

  it('no-reopen conforms to MUT-NO-REOPEN with LIVE-RESTORE open for good: a link never reopened', async () => {
    const r = await conform({ file: join(EXAMPLES_DIR, 'no-reopen.jsonl') }, { mutant: 'MUT-NO-REOPEN' });
    expect(r.verdict).toBe('conforming');
    const restore = r.open.find((o) => o.id === 'LIVE-RESTORE')!;
    expect(restore.message).toMatch(/link never reopened/);
    expect(restore.dischargedByModel).toBe(false);
  });
});
