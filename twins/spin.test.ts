import { execSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runSpin, spinAvailable } from './spin.js';
import { check } from '../src/check/check.js';
import { MUTANTS } from '../src/mutants.js';
import { FAULTS, type FaultId } from '../src/model/faults.js';
import { PRESETS } from '../src/topology/presets.js';

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
  const cases: [string, FaultId[]][] = [
    ['claims-1-9', []],
    ['claims-1-9', ['FAULT-PROBE-FAIL', 'FAULT-NOTIFY-LOST', 'FAULT-TOOL-RESTART', 'FAULT-PARENT-REMOVE']],
    ['claims-1-9', ['FAULT-FORCED-UNLOAD']],
    ['claims-10-11', ['FAULT-FORCED-UNLOAD']],
    ['claims-10-11', ['FAULT-PROBE-FAIL', 'FAULT-FORCED-UNLOAD', 'FAULT-TOOL-RESTART']],
    ['claims-10-11-xor', ['FAULT-TOOL-RESTART', 'FAULT-PARENT-REMOVE']],
    ['claims-10-11-primary', ['FAULT-PROBE-FAIL', 'FAULT-NOTIFY-LOST']],
  ];
  for (const [name, faults] of cases) {
    it(`on ${name} with ${faults.length ? faults.join(', ') : 'no faults'}: the same number of reachable states, no violation`, () => {
      const topology = PRESETS[name]!;
      const hotup = check({ topology, mutant: null, faults, liveness: false });
      const spin = runSpin(topology, faults, null, { quickCompile: true });
      expect(hotup.verdict).toBe('pass');
      expect(spin.violation).toBeNull();
      expect(spin.states).toBe(hotup.states);
    });
  }

  it('on claims-1-9 with every fault and one user change per run: the same number of reachable states, no violation', { timeout: 300_000 }, () => {
    const topology = PRESETS['claims-1-9']!;
    const hotup = check({ topology, mutant: null, faults: [...FAULTS], userChanges: 1, liveness: false, audit: false });
    const spin = runSpin(topology, [...FAULTS], null, { userChanges: 1, hashBits: 24 });
    expect(hotup.verdict).toBe('pass');
    expect(spin.violation).toBeNull();
    expect(spin.states).toBe(hotup.states);
    expect(hotup.states).toBeGreaterThan(1_000_000);
  });

  for (const m of MUTANTS) {
    it(`both catch ${m.id}`, () => {
      const topology = PRESETS['claims-10-11']!;
      const faults: FaultId[] = ['FAULT-PROBE-FAIL'];
      const hotup = check({ topology, mutant: m.id, faults, liveness: m.breaks.every((b) => b.startsWith('LIVE-')) });
      const spin = runSpin(topology, faults, m.id, { quickCompile: true });
      expect(hotup.verdict, `hotup check did not catch ${m.id}`).toBe('violation');
      expect(spin.violation, `SPIN did not catch ${m.id}`).not.toBeNull();
    });
  }
});
