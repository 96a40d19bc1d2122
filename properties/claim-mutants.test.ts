import { describe, expect, it } from 'vitest';
import { TEST_SEED } from '../scenarios/index.js';
import { check } from '../src/check/check.js';
import { explore } from '../src/explore/explore.js';
import { PRESETS } from '../src/topology/presets.js';

/**
 * The mutants that give claims 3, 4 and 9 a check that can fail (and claim 7's): each is caught
 * by hotup check (a shortest counterexample, or a lasso for LIVE-*) and by
 * random exploration, with no faults, by the property named here.
 */
const CASES = [
  { claim: 3, mutant: 'MUT-SKIP-CHILD', property: 'LIVE-UPGRADE-DONE', message: /the tool finished but C2 is not loaded at version 2/ },
  { claim: 4, mutant: 'MUT-WRONG-CHILD', property: 'INV-TRAFFIC-PATH', message: /a packet of N\d was processed by C\d, which does not bind S\d/ },
  { claim: 9, mutant: 'MUT-SUBDEV-ON-PCI', property: 'INV-BUS', message: /C\d is bound to S\d, which sits on the pci bus/ },
] as const;

describe('a mutant for each of claims 3, 4 and 9', () => {
  it.each(CASES)('claim $claim: hotup check catches $mutant with $property alone on every preset', ({ mutant, property, message }) => {
    for (const [name, topology] of Object.entries(PRESETS)) {
      const r = check({ topology, mutant, faults: [], properties: [property] });
      expect(r.verdict, `${name}: ${mutant} not caught by ${property}`).toBe('violation');
      expect(r.counterexample!.violation.id).toBe(property);
      expect(r.counterexample!.violation.message).toMatch(message);
    }
  });

  it.each(CASES)('claim $claim: random exploration catches $mutant with $property', ({ mutant, property }) => {
    const r = explore({ topology: PRESETS['claims-10-11']!, mutant, runs: 100, steps: 40, seed: TEST_SEED, faults: [], properties: [property] });
    expect(r.counterexample?.violation.id, r.counterexample ? `replay: ${r.counterexample.replay}` : `${mutant} not caught`).toBe(property);
  });

  it('claim 7: on the character-device topology INV-NOTIFY catches MUT-EARLY-NOTIFY, and holds for the correct design', () => {
    const topology = PRESETS['claims-10-11-primary']!;
    expect(topology.channel).toBe('chardev');
    const r = check({ topology, mutant: 'MUT-EARLY-NOTIFY', faults: [], properties: ['INV-NOTIFY'] });
    expect(r.counterexample?.violation.id).toBe('INV-NOTIFY');
    expect(r.counterexample!.violation.message).toMatch(/notified before matching every one of its sub-devices/);
    expect(check({ topology, mutant: null, faults: [], properties: ['INV-NOTIFY'] }).verdict).toBe('pass');
  });

  it('the correct design passes the same checks on every preset', () => {
    for (const topology of Object.values(PRESETS)) {
      const r = check({ topology, mutant: null, faults: [], properties: CASES.map((c) => c.property) });
      expect(r.verdict, topology.name).toBe('pass');
      expect(r.livenessChecked).toEqual(['LIVE-UPGRADE-DONE']);
    }
  });
});
