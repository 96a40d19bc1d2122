import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { performanceMarkdown } from '../bench/performance-doc.js';

const root = join(import.meta.dirname, '..');

describe('docs/performance.md', () => {
  it('is the rendering of bench/results/peers.json, workers.json, series.json, complete.json and check.json (npm run bench:peers, npm run bench -- --only workers,series,complete,check refresh them)', () => {
    expect(readFileSync(join(root, 'docs/performance.md'), 'utf8')).toBe(performanceMarkdown());
  });
});
