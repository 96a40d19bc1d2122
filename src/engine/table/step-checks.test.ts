import { describe, expect, it } from 'vitest';
import { check } from '../../check/check.js';
import { bfs } from '../../check/bfs.js';
import { designOf } from '../../mutants.js';
import { FAULTS } from '../../model/faults.js';
import { PRESETS } from '../../topology/presets.js';
import { createSystem } from '../system.js';
import { TableSystem } from './table-system.js';

describe("an invariant's step part and state part", () => {
  it('leave the state part reading the state after alone, so a successor reached again skips it', () => {
    const ts = new TableSystem(createSystem(PRESETS['claims-10-11']!, designOf(null)), [...FAULTS], null, 1, 1);
    bfs(ts, { maxStates: 100_000 });
    const split = ts.invariants.filter((x) => x.stepMemo !== null);
    expect(split.map((x) => x.inv.id)).toContain('INV-NO-FREED-CODE');
    for (const { inv, memo, stepMemo } of split) {
      expect({ id: inv.id, stateReadsStep: memo.readsStep, stepReadsStep: stepMemo!.readsStep }).toEqual({ id: inv.id, stateReadsStep: false, stepReadsStep: true });
      expect(memo.inputsRead().size).toBeGreaterThan(0);
    }
  });

  it('still catch MUT-NO-DRAIN and MUT-NO-TAKEOVER, whose freed code the state part finds', () => {
    for (const mutant of ['MUT-NO-DRAIN', 'MUT-NO-TAKEOVER']) {
      const r = check({ topology: PRESETS['claims-1-9']!, mutant, faults: [], properties: ['INV-NO-FREED-CODE'], liveness: false });
      expect(r.counterexample?.violation.id).toBe('INV-NO-FREED-CODE');
    }
  });
});
