import { describe, expect, it } from 'vitest';
import { check } from '../check/check.js';
import { replayEvents } from '../check/replay.js';
import { createSystem } from '../engine/system.js';
import { designOf } from '../mutants.js';
import { FAULTS } from '../model/faults.js';
import { CLAIMS_1_9, CLAIMS_10_11 } from '../topology/presets.js';
import { explore } from './explore.js';

describe('explore counterexamples without needless steps', () => {
  it('MUT-PARALLEL-UPGRADE on claims-10-11 with every fault: as short as the shortest check finds, no idle miimon pass, no (fair) on a safety violation, and every step needed', () => {
    const o = { topology: CLAIMS_10_11, mutant: 'MUT-PARALLEL-UPGRADE', runs: 100, steps: 40, seed: 42, faults: [...FAULTS] };
    const cx = explore(o).counterexample!;
    const failure = `seed 42; replay: ${cx?.replay}`;
    expect(cx.violation.id, failure).toBe('INV-ONE-DOWN');
    const shortest = check({ topology: CLAIMS_10_11, mutant: 'MUT-PARALLEL-UPGRADE', faults: [], audit: false, liveness: false }).counterexample!;
    expect(cx.steps.length, failure).toBe(shortest.events.length);
    expect(cx.steps.filter((s) => s.env.kind === 'bond.miimon' && s.log.length === 1).length, failure).toBe(0);
    expect(cx.steps.some((s) => s.fair), failure).toBe(false);
    expect(cx.trace).not.toContain('(fair)');
    const system = createSystem(CLAIMS_10_11, designOf(o.mutant));
    const events = cx.steps.map((s) => s.env);
    expect(replayEvents(system, o.faults, events).violation?.id).toBe('INV-ONE-DOWN');
    // 1-minimal: without any one step, the rest no longer breaks INV-ONE-DOWN at its end.
    events.forEach((_, i) => {
      const without = [...events.slice(0, i), ...events.slice(i + 1)];
      let broke: string | null = null;
      try {
        broke = replayEvents(system, o.faults, without).violation?.id ?? null;
      } catch {
        broke = null;
      }
      expect(broke, `step ${i + 1} could be dropped; ${failure}`).not.toBe('INV-ONE-DOWN');
    });
  }, 60_000);

  it('a liveness counterexample keeps its fair completion, tagged (fair) after the steps the run chose', () => {
    const cx = explore({ topology: CLAIMS_1_9, mutant: 'MUT-NO-REOPEN', runs: 100, steps: 40, seed: 42, faults: [], properties: ['LIVE-RESTORE'] }).counterexample!;
    expect(cx.violation.id).toBe('LIVE-RESTORE');
    const firstFair = cx.steps.findIndex((s) => s.fair);
    expect(firstFair).toBeGreaterThan(0);
    expect(cx.steps.slice(firstFair).every((s) => s.fair)).toBe(true);
    expect(cx.steps.slice(0, firstFair).map((s) => s.env.kind)).toEqual(['tool.start']);
    expect(cx.trace).toContain('(fair)');
  }, 60_000);
});
