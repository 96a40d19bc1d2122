import { describe, expect, it } from 'vitest';
import { checkRun, QUINT_AGREE, topologyOf } from '../scenarios/index.js';
import { check } from '../src/check/check.js';
import { runQuint } from './quint.js';

/**
 * The Quint twin runs on Quint's TypeScript simulator: no network, no JVM.
 * Random simulation proves nothing when it finds nothing; these runs are small
 * (a few seconds each, most of it Quint parsing and type checking the twin) and
 * only check that the twin and `hotup check` agree where a short run can tell.
 */
describe('the Quint twin and hotup check agree', () => {
  const quintRun = (s: (typeof QUINT_AGREE)[number]) => {
    const { samples, steps, seed, byName, rounds } = s.budget;
    return runQuint(topologyOf(s.topology), s.faults, s.mutant, { samples, steps, seed, ...(byName === undefined ? {} : { byName }), ...(rounds === undefined ? {} : { rounds }) });
  };

  it.each(QUINT_AGREE.filter((s) => s.expect.verdict === 'pass').map((s) => [s.id, s] as const))(
    '%s: no INV-* violated in the random runs',
    (_, s) => {
      const quint = quintRun(s);
      expect(quint.violated, `Quint reports ${quint.violations.join(', ')}`).toBe(false);
    },
  );

  it.each(QUINT_AGREE.filter((s) => s.expect.verdict === 'violation').map((s) => [s.id, s] as const))(
    '%s: both report the expected violation',
    (_, s) => {
      const hotup = check(checkRun(s));
      expect(s.expect.verdict === 'violation' && s.expect.violates).toContain(hotup.counterexample?.violation.id);
      const quint = quintRun(s);
      expect(quint.violated, `Quint did not catch ${s.mutant}`).toBe(true);
      expect(quint.violations).toContain(hotup.counterexample!.violation.id);
      // hotup check's counterexample is a shortest one; a random run is no shorter.
      expect(quint.depth).toBeGreaterThanOrEqual(hotup.counterexample!.events.length);
    },
  );
});
