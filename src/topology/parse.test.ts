import { describe, expect, it } from 'vitest';
import { loadTopology, parseTopology, TopologyError } from './parse.js';

const error = (data: unknown): TopologyError => {
  try {
    parseTopology(data);
  } catch (e) {
    if (e instanceof TopologyError) return e;
    throw e;
  }
  throw new Error('no error');
};

describe('topology files', () => {
  it('accepts any binding map and fills in defaults', () => {
    const t = parseTopology({ name: 'four', children: 3, binding: { N1: 'C1', N2: 'C2', N3: 'C1', N4: 'C3' }, bond: { mode: 'active-backup', primary: 'N2' } });
    expect(t).toMatchObject({ children: 3, netdevs: 4, binding: [0, 1, 0, 2], bond: { mode: 'active-backup', primary: 1, primaryReselect: 'always' }, channel: 'netlink' });
  });

  it.each([
    [{ binding: { N1: 'C1' } }, 'children', /missing/],
    [{ children: 2, binding: { N1: 'C1', N2: 'C3' } }, 'binding.N2', /not a child/],
    [{ children: 2, binding: { N1: 'C1', N3: 'C2' } }, 'binding.N3', /N1..N2/],
    [{ children: 2, binding: { N1: 'C1', N2: 'C1' } }, 'children', /C2 binds no sub-device/],
    [{ children: 2, binding: { N1: 'C1', N2: 'C2' }, bond: { mode: 'round-robin' } }, 'bond.mode', /one of: active-backup, balance-xor/],
    [{ children: 2, binding: { N1: 'C1', N2: 'C2' }, bond: { primary: 'N7' } }, 'bond.primary', /not a netdev/],
    [{ children: 2, binding: { N1: 'C1', N2: 'C2' }, bond: { updelay: 9 } }, 'bond.updelay', /0 to 3/],
    [{ children: 2, binding: { N1: 'C1', N2: 'C2' }, bond: { mode: 'balance-xor', primary: 'N1' } }, 'bond.primary', /active-backup only/],
    [{ children: 2, binding: { N1: 'C1', N2: 'C2' }, colour: 'red' }, 'colour', /unknown field/],
    [[1, 2], '(top level)', /JSON object/],
  ])('rejects %j naming the field %s', (data, field, problem) => {
    const e = error(data);
    expect(e.field).toBe(field);
    expect(e.message).toMatch(problem);
    expect(e.fix.length).toBeGreaterThan(0);
  });

  it('names the presets when a topology is unknown', () => {
    expect(() => loadTopology('claims-13')).toThrow(/use one of claims-1-9, claims-10-11/);
  });
});
