import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../mutants.js';
import { PRESETS } from '../topology/presets.js';
import { namesOf, NPORTS, planScript, SCENARIOS } from './scenarios.js';
import { MUTANT_OF_FLAG, VARIANTS, variantOf } from './variants.js';

describe('the kernel scenarios', () => {
  it('every build flag is a mutant of src/mutants.ts, and every mutant scenario expects that mutant named', () => {
    const ids = MUTANTS.map((m) => m.id);
    for (const id of Object.values(MUTANT_OF_FLAG)) expect(ids).toContain(id);
    for (const s of SCENARIOS.filter((x) => x.design !== 'correct')) expect(s.expect).toMatchObject({ exit: 1, mutant: s.design });
  });

  it('the plan loads only builds that exist, with the number of ports of the topology', () => {
    const built = new Set(VARIANTS.map((v) => v.name));
    const plan = planScript(SCENARIOS).trim().split('\n');
    expect(plan.filter((l) => l.startsWith('scen ')).length).toBe(SCENARIOS.length);
    for (const line of plan) {
      const w = line.split(' ');
      if (w[0] === 'scen') {
        expect(built).toContain(w[4]);
        expect(Number(w[3])).toBe(PRESETS[SCENARIOS[Number(w[1])]!.topology]!.netdevs);
      } else if (w[0] === 'upgrade' || w[0] === 'forced') expect(built).toContain(w[1]);
      else if (w[0] === 'hold') expect(Number(w[1])).toBeGreaterThan(0);
      else expect(w[0]).toBe('endscen');
    }
  });

  it('a transmit is held in C1 for the missing drain, and for the correct design beside it', () => {
    const held = SCENARIOS.filter((x) => x.actions.some((a) => a.startsWith('hold ')));
    expect(held.map((x) => x.design).sort()).toEqual(['MUT-NO-DRAIN', 'correct']);
  });

  it('names map every port, its auxiliary device and both children to the model', () => {
    expect(namesOf('claims-10-11')).toBe('eth0=N1,hotup_parent.port.0=S1,eth1=N2,hotup_parent.port.1=S2,eth2=N3,hotup_parent.port.2=S3,hotup_c1=C1,hotup_c2=C2');
    expect(NPORTS['claims-1-9']).toBe(2);
  });

  it('a build that does not exist is an error naming it', () => {
    expect(variantOf('PRIOR_ART', 2).name).toBe('prior-art-v2');
    expect(() => variantOf(null, 9)).toThrow(/no module build for the correct design at version 9/);
  });
});
