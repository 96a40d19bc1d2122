import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { architectureDocs } from './architecture-docs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the architecture docs', () => {
  it('docs/architecture.md and docs/diagrams/modules.{dot,svg} are what the generator writes', async () => {
    for (const [path, text] of await architectureDocs(ROOT)) {
      expect(readFileSync(`${ROOT}${path}`, 'utf8'), `${path} is stale: run npm run docs and commit`).toBe(text);
    }
  });
});
