import { describe, expect, it } from 'vitest';
import { PROPERTY_IDS } from '../properties/index.js';
import { SCENARIOS, topologyOf } from './index.js';
import { FAULTS } from '../src/model/faults.js';
import { mutantById } from '../src/mutants.js';

describe('the scenario list', () => {
  it('names each run once', () => {
    const ids = SCENARIOS.map((s) => s.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s names a known topology, faults, design and properties', (_, s) => {
    expect(topologyOf(s.topology).name).toBe(s.topology);
    for (const f of s.faults) expect(FAULTS).toContain(f);
    if (s.mutant !== null) expect(mutantById(s.mutant).id).toBe(s.mutant);
    const ids: readonly string[] = PROPERTY_IDS;
    for (const p of [...s.properties, ...(s.expect.verdict === 'violation' ? (s.expect.violates ?? []) : [])]) expect(ids).toContain(p);
  });
});
