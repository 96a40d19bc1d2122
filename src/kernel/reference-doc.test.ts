import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kernelReferenceMarkdown, type KernelResults } from './reference-doc.js';
import { rounds } from './rounds.js';
import { SCENARIOS } from './scenarios.js';

const results = JSON.parse(readFileSync('bench/results/kernel.json', 'utf8')) as KernelResults;

describe('docs/kernel-reference.md', () => {
  it('is rendered from bench/results/kernel.json (npx tsx src/kernel/render-reference.ts)', () => {
    expect(readFileSync('docs/kernel-reference.md', 'utf8')).toBe(kernelReferenceMarkdown(results));
  });

  it('the results are of the scenarios the harness runs today (rerun npm run test:kernel -- --bench)', () => {
    expect(results.scenarios.map((s) => s.name)).toEqual(SCENARIOS.map((s) => s.name));
  });
});

describe('rounds of the upgrade tool', () => {
  it('a log is cut before every tool.start after the first; what comes before the first stays with it', () => {
    const log = ['[1] obs', '[2] x: hotup: event=tool.start version=2', '[3] a', '[4] x: hotup: event=tool.start version=3', '[5] b'];
    expect(rounds(log)).toEqual([log.slice(0, 3), log.slice(3)]);
    expect(rounds(['[1] a'])).toEqual([['[1] a']]);
  });
});
