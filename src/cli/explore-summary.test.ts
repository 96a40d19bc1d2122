import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PROPERTY_IDS } from '../../properties/index.js';
import { explore } from '../explore/explore.js';
import { PRESETS } from '../topology/presets.js';
import { exploreJson, formatExploreSummary } from './report.js';

const ROOT = new URL('../../', import.meta.url);

describe('hotup explore --property: only what was checked is reported', () => {
  const r = explore({ topology: PRESETS['claims-1-9']!, mutant: null, runs: 10, steps: 20, seed: 42, faults: [], coverage: true, properties: ['INV-ONE-DOWN'] });
  const text = formatExploreSummary(r);
  const left = PROPERTY_IDS.filter((id) => id !== 'INV-ONE-DOWN');

  it('says the checked property held and lists every other one as not checked, none of them as held', () => {
    expect(text).toMatch(/^ {2}INV-ONE-DOWN\s+held, exercised in \d+ steps$/m);
    expect(text).toContain(`  not checked (left out by --property): ${left.join(', ')}`);
    for (const id of left) expect(text, id).not.toMatch(new RegExp(`^ {2}${id}\\s+(held|not exercised)`, 'm'));
    expect(text).toContain('no LIVE-* checked (--property)');
  });

  it('carries the filter into --json and counts only the checked property', () => {
    const json = exploreJson(r) as { properties: string[]; exercised: Record<string, number> };
    expect(json.properties).toEqual(['INV-ONE-DOWN']);
    expect(Object.keys(json.exercised)).toEqual(['INV-ONE-DOWN']);
  });

  it('without --property, every property is reported and none is "not checked"', () => {
    const all = formatExploreSummary(explore({ topology: PRESETS['claims-1-9']!, mutant: null, runs: 5, steps: 10, seed: 42, faults: [], coverage: true }));
    for (const id of PROPERTY_IDS) expect(all).toMatch(new RegExp(`^ {2}${id}\\s`, 'm'));
    expect(all).not.toContain('not checked');
  });
});

describe('hotup list --json', () => {
  const list = (...args: string[]) => spawnSync(process.execPath, ['bin/hotup.js', 'list', ...args], { encoding: 'utf8', cwd: ROOT });

  it('stays a listing: the mutant table as rows, not every exhaustive verdict', () => {
    const r = list('--json');
    expect(r.status).toBe(0);
    const data = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(['topologies', 'invariants', 'liveness', 'faults', 'mutants', 'mutantTable']);
    const table = data.mutantTable as { setting: string; topologies: string[]; rows: { mutant: string; property: string; expectation: string; cells: string[] }[] };
    expect(table.topologies).toEqual(Object.keys(PRESETS));
    expect(table.rows.length).toBeGreaterThan(0);
    for (const row of table.rows) expect(row.cells).toHaveLength(table.topologies.length);
    expect(r.stdout.length).toBeLessThan(50_000);
  });

  it('adds every verdict with --proofs, and refuses --proofs without --json', () => {
    const r = list('--json', '--proofs');
    expect(r.status).toBe(0);
    const data = JSON.parse(r.stdout) as { mutantProofs: { proofs: unknown[]; topologies: string[] } };
    expect(data.mutantProofs.proofs.length).toBeGreaterThan(100);
    const bad = list('--proofs');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--proofs adds the verdicts to the JSON listing; add --json/);
  });
});
