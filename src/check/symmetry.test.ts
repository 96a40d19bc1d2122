import { describe, expect, it } from 'vitest';
import { designOf } from '../mutants.js';
import { createSystem } from '../engine/system.js';
import { parseTopology } from '../topology/parse.js';
import { PRESETS } from '../topology/presets.js';
import { check } from './check.js';
import { Symmetry, topologySymmetries } from './symmetry.js';
import { TableSystem } from '../engine/table/table-system.js';

const tableSystem = (name: string) => new TableSystem(createSystem(PRESETS[name]!, designOf(null)), []);

describe('symmetry candidates', () => {
  it('are the renamings that keep the binding map and the primary', () => {
    expect(topologySymmetries(PRESETS['claims-1-9']!).map((p) => p.name)).toEqual(['(C1 C2)(N1 N2)']);
    expect(topologySymmetries(PRESETS['claims-10-11']!).map((p) => p.name)).toEqual(['(N1 N3)']);
    expect(topologySymmetries(PRESETS['claims-10-11-primary']!)).toEqual([]);
  });

  it('rename states component by component: an involution applied twice is the identity', () => {
    const ts = tableSystem('claims-10-11');
    const sym = new Symmetry(ts, topologySymmetries(ts.system.topology));
    const once = new Uint16Array(ts.width);
    const twice = new Uint16Array(ts.width);
    sym.apply(0, ts.initial, once);
    sym.apply(0, once, twice);
    expect([...once]).not.toEqual([...ts.initial]);
    expect([...twice]).toEqual([...ts.initial]);
    expect(sym.orbitSize(ts.initial)).toBe(2);
  });
});

describe('--symmetry', () => {
  it('rejects every candidate of the presets, naming why, and reduces nothing', () => {
    for (const name of ['claims-1-9', 'claims-10-11']) {
      const plain = check({ topology: PRESETS[name]!, mutant: null, faults: [] });
      const r = check({ topology: PRESETS[name]!, mutant: null, faults: [], symmetry: true });
      expect(r.symmetry!.used).toEqual([]);
      expect(r.symmetry!.factor).toBe(1);
      expect(r.symmetry!.rejected.join('\n')).toMatch(/does not map the booted state onto itself: bond0 differs/);
      expect(r.states).toBe(plain.states);
      expect(r.verdict).toBe('pass');
    }
  });

  it('rejects a renaming the booted state allows once a step is not mirrored', () => {
    const topology = parseTopology({ name: 'c2-binds-two', children: 2, binding: { N1: 'C1', N2: 'C2', N3: 'C2' } });
    const r = check({ topology, mutant: null, faults: [], symmetry: true });
    expect(r.symmetry!.rejected.join('\n')).toMatch(/\(N2 N3\) is not a symmetry of the model: after 'driver core: C2 remove\(S2\)'/);
    expect(r.verdict).toBe('pass');
  });
});
