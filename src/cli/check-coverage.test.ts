import { describe, expect, it } from 'vitest';
import { check } from '../check/check.js';
import { formatCheckSummary } from '../check/report.js';
import { PRESETS } from '../topology/presets.js';
import { withGuardsAndPairs } from './check-command.js';

describe('hotup check --coverage: guard outcomes and transition pairs', () => {
  const r = check({ topology: PRESETS['claims-1-9']!, mutant: null, faults: [], coverage: true, liveness: false });
  const lines = withGuardsAndPairs(formatCheckSummary(r), r).split('\n');

  it('counts them per machine and lists each one no reachable state takes as unreachable, before the verdict', () => {
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}tool\s+guard outcomes \d+\/26, pairs \d+\/\d+$/));
    // Without FAULT-PARENT-REMOVE the parent never goes: parentGone is never true.
    expect(lines).toContain('  tool guard tool.selecting:step[parentGone]->tool.stopped true: unreachable in this design under these faults (proven by this exhaustive check)');
    expect(lines.findIndex((l) => l.startsWith('guard outcomes ('))).toBeLessThan(lines.findIndex((l) => l.startsWith('PASS:')));
  });

  it('caps the pairs listed per machine and counts the rest', () => {
    expect(lines.filter((l) => l.startsWith('  bond pair '))).toHaveLength(10);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}bond: \d+ more pairs not covered, not listed \(\d+ of them proven unreachable, 0 not reached in this run\); --json lists every one$/));
  });

  it('leaves a check without --coverage as it was', () => {
    const plain = check({ topology: PRESETS['claims-1-9']!, mutant: null, faults: [], liveness: false });
    expect(withGuardsAndPairs(formatCheckSummary(plain), plain)).toBe(formatCheckSummary(plain));
  });
});
