import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAIM_CHECKS, loadClaimChecks } from './claims-check.js';
import { CLAIM_TOPOLOGIES, CLAIMS } from './claims.js';
import { mutantsBreaking, propertiesOf } from './claims-md.js';
import { loadProofs } from './mutant-table.js';
import { testsNaming } from './test-index.js';

describe('the claims matrix', () => {
  it('restates claims 1 to 12, each checked by at least one property on a topology that is explored', () => {
    expect(CLAIMS.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const explored = CLAIM_TOPOLOGIES.map((t) => t.topology.name);
    for (const c of CLAIMS) {
      expect(propertiesOf(c).length, `claim ${c.number}`).toBeGreaterThan(0);
      for (const t of c.topologies) expect(explored, `claim ${c.number}`).toContain(t);
      expect(c.gaps, `claim ${c.number} states its gaps`).not.toBe('');
    }
  });

  it('gives every claim a mutant proven to break one of its checks on one of its topologies', () => {
    const proofs = loadProofs();
    expect(CLAIMS.filter((c) => mutantsBreaking(c, proofs).length === 0).map((c) => c.number)).toEqual([]);
    expect(mutantsBreaking(CLAIMS[2]!, proofs)).toContain('MUT-SKIP-CHILD (LIVE-UPGRADE-DONE)');
    expect(mutantsBreaking(CLAIMS[3]!, proofs)).toContain('MUT-WRONG-CHILD (INV-TRAFFIC-PATH)');
    expect(mutantsBreaking(CLAIMS[8]!, proofs)).toContain('MUT-SUBDEV-ON-PCI (INV-BUS)');
  });

  it('is proven on every claim topology: the committed exhaustive checks are those of CLAIM_CHECKS, each a PASS', () => {
    const { results } = loadClaimChecks();
    expect(results.map((r) => [r.topology, [...r.faults], r.userChanges])).toEqual(CLAIM_CHECKS.map((s) => [s.topology, [...s.faults], s.userChanges]));
    for (const r of results) {
      expect(r.verdict, r.topology).toBe('pass');
      expect(r.livenessChecked, r.topology).toEqual(['LIVE-RESTORE', 'LIVE-UPGRADE-DONE', 'LIVE-REPORT']);
    }
    for (const c of CLAIMS) for (const t of c.topologies) expect(results.map((r) => r.topology), `claim ${c.number}`).toContain(t);
  });
});

describe('the tests column', () => {
  it('credits a test file with an id only when the file spells the id out', () => {
    const root = mkdtempSync(join(tmpdir(), 'hotup-tests-'));
    try {
      mkdirSync(join(root, 'src'));
      writeFileSync(join(root, 'src', 'named.test.ts'), "expect(id).toBe('INV-BUS');\n");
      writeFileSync(join(root, 'src', 'every.test.ts'), 'for (const m of MUTANTS) for (const p of INVARIANTS) check(m, p);\n');
      writeFileSync(join(root, 'src', 'longer.test.ts'), "expect(id).toBe('INV-BUS-EXTRA');\n");
      const index = testsNaming(root, ['INV-BUS', 'INV-NO-LOSS']);
      expect(index.get('INV-BUS')).toEqual(['src/named.test.ts']);
      expect(index.get('INV-NO-LOSS')).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
