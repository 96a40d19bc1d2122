import { describe, expect, it } from 'vitest';
import { CLAIM_TOPOLOGIES, CLAIMS } from './claims.js';
import { propertiesOf } from './claims-md.js';

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
});
