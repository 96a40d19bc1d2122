import { describe, expect, it } from 'vitest';
import { TEST_SEED } from '../scenarios/index.js';
import { check } from '../src/check/check.js';
import { explore } from '../src/explore/explore.js';
import { PRESETS } from '../src/topology/presets.js';
import { PROPERTY_IDS } from './index.js';
import { exercisedVerdict, vacuityLines } from './vacuity.js';

const topology = PRESETS['claims-10-11']!;

describe('vacuity: every property counts where its premise held', () => {
  it('hotup check counts reachable states: with a failing probe every property is exercised, the conditional ones in part of the space', () => {
    const r = check({ topology, mutant: null, faults: ['FAULT-PROBE-FAIL'], vacuity: true });
    expect(r.verdict).toBe('pass');
    const e = r.exercised!;
    expect(Object.keys(e)).toEqual([...PROPERTY_IDS]);
    for (const id of PROPERTY_IDS) expect(e[id], id).toBeGreaterThan(0);
    // Owed only with no fault, during an upgrade, with a packet in flight: a small part of the space.
    expect(e['INV-NO-LOSS']!).toBeLessThan(r.states / 2);
    // Owed only after a fault; owed only without one.
    expect(e['LIVE-REPORT']! + e['LIVE-UPGRADE-DONE']!).toBeLessThanOrEqual(r.states);
  });

  it('hotup check with no fault: LIVE-REPORT, owed only after a fault, is not exercised', () => {
    const r = check({ topology, mutant: null, faults: [], vacuity: true });
    expect(r.exercised!['LIVE-REPORT']).toBe(0);
    expect(vacuityLines(r.exercised!, 'state', 'state', null).find((l) => l.includes('LIVE-REPORT'))).toMatch(/LIVE-REPORT\s+not exercised/);
    expect(check({ topology, mutant: null, faults: [] }).exercised).toBeNull();
  });

  it('hotup explore counts steps (LIVE-*: runs), and a property never exercised says so, never "held"', () => {
    const r = explore({ topology, mutant: null, runs: 30, steps: 30, seed: TEST_SEED, faults: [] });
    expect(r.exercised['LIVE-REPORT']).toBe(0);
    expect(r.exercised['INV-BOND-UP']!).toBeGreaterThan(0);
    expect(r.exercised['LIVE-UPGRADE-DONE']!).toBeLessThanOrEqual(30);
    const lines = vacuityLines(r.exercised, 'step', 'run', null);
    expect(lines.find((l) => l.includes('LIVE-REPORT'))).not.toMatch(/held/);
    expect(lines.find((l) => l.includes('INV-BOND-UP'))).toMatch(/held, exercised in [\d,]+ steps/);
  });

  it('words a verdict with its count', () => {
    expect(exercisedVerdict('INV-NO-LOSS', { 'INV-NO-LOSS': 1 }, 'step', null)).toBe('held, exercised in 1 step');
    expect(exercisedVerdict('INV-NO-LOSS', { 'INV-NO-LOSS': 0 }, 'step', null)).toBe('not exercised: its premise was never met');
    expect(exercisedVerdict('INV-NO-LOSS', { 'INV-NO-LOSS': 7 }, 'step', 'INV-NO-LOSS')).toBe('violated (exercised in 7 steps)');
    expect(exercisedVerdict('INV-BUS', { 'INV-BUS': 3 }, 'step', 'INV-NO-LOSS')).toBe('no violation before INV-NO-LOSS (exercised in 3 steps)');
  });
});
