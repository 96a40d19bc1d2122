import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const hotup = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/hotup.js', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('hotup CLI', () => {
  it('lists topologies, invariants, faults and mutants', () => {
    const r = hotup('list');
    expect(r.code).toBe(0);
    for (const id of ['claims-10-11', 'INV-NO-FREED-CODE', 'LIVE-REPORT', 'FAULT-PARENT-REMOVE', 'MUT-PRIOR-ART']) expect(r.out).toContain(id);
  });

  it('explores the correct design and reports no violation, with coverage', () => {
    const r = hotup('explore', '--runs', '20');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/runs 20 \(seed 42\)/);
    // Per machine: its claims (from its meta), then states, transitions, guard outcomes and pairs covered out of all.
    expect(r.out).toMatch(/^ {2}child\s+1,2,3,4,6,9,10\s+\d+\/9\s+\d+\/14\s+\d+\/14\s+\d+\/\d+$/m);
    expect(r.out).toMatch(/no violation/);
  });

  it('exits 1 on a mutant with a numbered trace, and the printed replay reproduces it', () => {
    const r = hotup('explore', '--mutant', 'MUT-NO-TAKEOVER', '--json');
    expect(r.code).toBe(1);
    const result = JSON.parse(r.out);
    expect(result.counterexample.violation.id).toBe('INV-OPS-ROUTE');
    const args = (result.counterexample.replay as string)
      .replace(/^npx hotup /, '')
      .match(/'[^']*'|\S+/g)!
      .map((a) => a.replace(/^'|'$/g, ''));
    const again = hotup(...args);
    expect(again.code).toBe(1);
    expect(again.out).toContain('violated INV-OPS-ROUTE');
  });

  it.each([
    [['explore', '--runs', 'ten'], /--runs takes a whole number/],
    [['explore', '--mutant', 'MUT-NOPE'], /unknown mutant 'MUT-NOPE'; use one of MUT-PRIOR-ART/],
    [['explore', '--faults', 'FAULT-X'], /unknown fault 'FAULT-X'/],
    [['explore', '--property', 'INV-X'], /unknown property 'INV-X'/],
    [['explore', '--topology', 'nowhere'], /no preset named "nowhere"/],
    [['frobnicate'], /unknown command/],
  ])('rejects %j with a clear error and exit 2', (args, message) => {
    const r = hotup(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('names the field of a bad topology file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotup-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ children: 2, binding: { N1: 'C1', N2: 'C2' }, bond: { downdelay: -1 } }));
    const r = hotup('explore', '--topology', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/topology field 'bond.downdelay'/);
  });
});
