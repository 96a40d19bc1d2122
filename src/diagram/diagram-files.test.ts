import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diagramFiles } from './diagram-files.js';

const DIR = fileURLToPath(new URL('../../docs/diagrams/', import.meta.url));
const STALE = 'docs/diagrams is stale: run `npx tsx scripts/gen-docs.ts` (or `hotup diagram`) and commit the result';

describe('docs/diagrams', () => {
  it('is what the machines, the presets and the example counterexamples generate', async () => {
    const files = await diagramFiles();
    // modules.{dot,svg} are the folder graph, generated with docs/architecture.md (src/architecture).
    const ours = readdirSync(DIR).filter((f) => !f.startsWith('modules.'));
    expect(ours.sort(), STALE).toEqual([...files.keys()].sort());
    for (const [name, text] of files) expect(readFileSync(`${DIR}${name}`, 'utf8'), `${name}: ${STALE}`).toBe(text);
  });
});
