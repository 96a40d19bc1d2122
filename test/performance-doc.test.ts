import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { peersMarkdown } from '../bench/peers/run.js';

const root = join(import.meta.dirname, '..');

describe('docs/performance.md', () => {
  it('is the rendering of bench/results/peers.json (run npm run bench:peers to refresh both)', () => {
    const results = JSON.parse(readFileSync(join(root, 'bench/results/peers.json'), 'utf8')) as Parameters<typeof peersMarkdown>[0];
    expect(readFileSync(join(root, 'docs/performance.md'), 'utf8')).toBe(peersMarkdown(results));
  });
});
