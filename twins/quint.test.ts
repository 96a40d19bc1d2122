import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { PRESETS } from '../src/topology/presets.js';
import { runQuint } from './quint.js';

/**
 * The Quint twin runs on Quint's TypeScript simulator: no network, no JVM.
 * Random simulation proves nothing when it finds nothing; these runs are small
 * (a few seconds each, most of it Quint parsing and type checking the twin) and
 * only check that the twin and `hotup check` agree where a short run can tell.
 */
describe('the Quint twin and hotup check agree', () => {
  const topology = PRESETS['claims-1-9']!;

  it('on claims-1-9 with no faults: no INV-* violated in 50 random runs of 30 steps', () => {
    const quint = runQuint(topology, [], null, { samples: 50, steps: 30, seed: 1, byName: true });
    expect(quint.violated, `Quint reports ${quint.violations.join(', ')}`).toBe(false);
  });

  it('on claims-1-9 with MUT-PARALLEL-UPGRADE: both report INV-ONE-DOWN', () => {
    const mutant = 'MUT-PARALLEL-UPGRADE';
    const hotup = check({ topology, mutant, faults: [], liveness: false, audit: false });
    expect(hotup.counterexample?.violation.id).toBe('INV-ONE-DOWN');
    const quint = runQuint(topology, [], mutant, { samples: 200, steps: 30, seed: 1, byName: true });
    expect(quint.violated, `Quint did not catch ${mutant}`).toBe(true);
    expect(quint.violations).toContain(hotup.counterexample!.violation.id);
    // hotup check's counterexample is a shortest one; a random run is no shorter.
    expect(quint.depth).toBeGreaterThanOrEqual(hotup.counterexample!.events.length);
  });
});
