import { describe, expect, it } from 'vitest';
import { FAULTS } from '../model/faults.js';
import { PRESETS } from '../topology/presets.js';
import { explore, type ExploreOptions, type ExploreResult } from './explore.js';

/** What a run shows its users, without the timings. */
const shown = (r: ExploreResult): unknown => ({
  runs: r.runs,
  shrinks: r.shrinks,
  steps: r.steps,
  checks: r.invariantChecks,
  coverage: r.coverage,
  visited: r.visited,
  lastRun: r.lastRun,
  counterexample: r.counterexample && { ...r.counterexample },
});

describe('explore over the memoised table', () => {
  const base: ExploreOptions = { topology: PRESETS['claims-10-11']!, mutant: null, runs: 40, steps: 40, seed: 5, faults: [...FAULTS], coverage: true };

  it('gives the same runs for the same seed, whether the tables are cold or warm', () => {
    const cold = explore({ ...base, seed: 1234567 });
    for (let seed = 1; seed <= 3; seed++) explore({ ...base, seed });
    const warm = explore({ ...base, seed: 1234567 });
    expect(shown(warm)).toEqual(shown(cold));
  });

  it('finds a mutant, and its replay path fails again with the same trace', () => {
    const o: ExploreOptions = { ...base, mutant: 'MUT-PARALLEL-UPGRADE', runs: 200, seed: 7 };
    const found = explore(o);
    const cx = found.counterexample!;
    expect(cx.violation.id).toMatch(/^INV-/);
    const again = explore({ ...o, path: cx.path, commandsPath: cx.commandsPath });
    expect(again.counterexample?.trace).toBe(cx.trace);
  });

  it('restricts each run to the faults it drew, as the plain system does (audited steps)', () => {
    const r = explore({ ...base, faults: ['FAULT-PROBE-FAIL', 'FAULT-USER-CONFIG'], runs: 30, seed: 99 });
    expect(r.steps).toBeGreaterThan(0);
    expect(r.lastRun.every((s) => !['child.rmmod', 'parent.remove', 'tool.restart', 'notify.lost'].includes(s.env.kind))).toBe(true);
  });
});
