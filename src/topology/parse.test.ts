import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Topology } from './topology.js';
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

describe('topology files as a user writes them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hotup-topo-'));
  const load = (text: string, name = 't.json'): Topology => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return loadTopology(p);
  };
  const loadError = (text: string): TopologyError => {
    try {
      load(text);
    } catch (e) {
      if (e instanceof TopologyError) return e;
      throw e;
    }
    throw new Error('no error');
  };
  const two = { children: 2, binding: { N1: 'C1', N2: 'C2' } };

  it('refuses one netdev: a bond of one slave has nothing to fail over to', () => {
    expect(loadError(JSON.stringify({ children: 1, binding: { N1: 'C1' } }))).toMatchObject({ field: 'binding', problem: 'has 1 netdev' });
  });

  it('names a key given twice by its path', () => {
    expect(loadError('{"children":2,"binding":{"N1":"C1","N2":"C2","N1":"C2"}}').field).toBe('binding.N1');
  });

  it('says a number beyond a double is too large, not null', () => {
    expect(loadError(JSON.stringify(two).replace('}}', '},"flows":1e309}')).message).toMatch(/field 'flows': expected a whole number from 1 to 4, got a number too large/);
  });

  it('accepts a byte-order mark and remembers the path it was read from', () => {
    const t = load(`\uFEFF${JSON.stringify(two)}`, 'with bom.json');
    expect(t).toMatchObject({ name: 'with bom', netdevs: 2, file: join(dir, 'with bom.json') });
  });

  it('refuses nesting beyond 64 levels before anything walks it', () => {
    expect(loadError(`{"children":2,"binding":${'['.repeat(100_000)}${']'.repeat(100_000)}}`).problem).toMatch(/nested deeper than 64 levels/);
  });

  it('quotes a short prefix of a long value', () => {
    const e = loadError(JSON.stringify({ ...two, binding: { N1: 'C1', N2: 'x'.repeat(1_000_000) } }));
    expect(e.field).toBe('binding.N2');
    expect(e.message.length).toBeLessThan(400);
  });
});
