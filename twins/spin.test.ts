import { execSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runSpin, spinAvailable } from './spin.js';
import { checkRun, SPIN_AGREE, SPIN_MUTANTS, topologyOf, type ScenarioOf } from '../scenarios/index.js';
import { check } from '../src/check/check.js';

/** SPIN comes from Debian's package; install it when it is missing (CI runs as root). */
function ensureSpin(): boolean {
  if (spinAvailable()) return true;
  try {
    execSync('DEBIAN_FRONTEND=noninteractive apt-get install -y spin', { stdio: 'ignore', timeout: 180_000 });
  } catch {
    return false;
  }
  return spinAvailable();
}

const haveSpin = ensureSpin();
if (!haveSpin) console.warn('spin is not installed and could not be installed with apt-get: the SPIN agreement tests are skipped');

describe.skipIf(!haveSpin)('the Promela twin and hotup check agree', () => {
  const spinRun = (s: ScenarioOf<'spin'>) => {
    const { check: _, ...o } = s.budget;
    return runSpin(topologyOf(s.topology), s.faults, s.mutant, o);
  };

  it.each(SPIN_AGREE.map((s) => [s.id, s] as const))('%s: the same number of reachable states, no violation', { timeout: 300_000 }, (_, s) => {
    const hotup = check(checkRun(s));
    const spin = spinRun(s);
    expect(hotup.verdict).toBe('pass');
    expect(spin.violation).toBeNull();
    expect(spin.states).toBe(hotup.states);
    if (s.expect.verdict === 'pass' && s.expect.statesAbove !== undefined) expect(hotup.states).toBeGreaterThan(s.expect.statesAbove);
  });

  it.each(SPIN_MUTANTS.map((s) => [s.id, s] as const))('%s: both catch the mutant', (_, s) => {
    const hotup = check(checkRun(s));
    const spin = spinRun(s);
    expect(hotup.verdict, `hotup check did not catch ${s.mutant}`).toBe('violation');
    expect(spin.violation, `SPIN did not catch ${s.mutant}`).not.toBeNull();
  });
});
