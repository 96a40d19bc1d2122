import { describe, expect, it } from 'vitest';
import { CLAIMS_1_9, PRESETS } from '../topology/presets.js';
import { loadClaimChecks } from './claims-check.js';
import { buildReport } from './report-data.js';
import { PAIRS_SHOWN, reportHtml } from './report-html.js';

const small = { runs: 5, steps: 20, seed: 42 };

describe('hotup report: the exhaustive check first, the random run second', () => {
  it('shows the committed exhaustive check of the correct design on a preset, and each property as proven', async () => {
    const d = await buildReport({ topology: CLAIMS_1_9, mutant: null, faults: [], ...small });
    const c = loadClaimChecks().results.find((r) => r.topology === 'claims-1-9')!;
    expect(d.exhaustive.check).toEqual(c);
    const html = reportHtml(d);
    expect(html).toContain('<table id="exhaustive">');
    expect(html).toContain(c.states.toLocaleString('en-US'));
    expect(html.indexOf('id="exhaustive"')).toBeLessThan(html.indexOf('id="summary"'));
    // Coverage with reasons: the oops path is proven unreachable in the correct design.
    expect(d.uncovered.find((u) => u.id === 'child.unloaded:ndoStartXmit->child.unloaded')?.reason).toMatch(/^unreachable in the correct design \(proven/);
    expect(html).toContain('<table id="uncovered">');
    for (const p of d.properties) {
      if (c.exercised[p.id] === 0) expect(p.proof, p.id).toMatch(/^exhaustive check: not exercised/);
      else expect(p.proof, p.id).toMatch(/^proven in every reachable state \([\d,]+ states, exercised in [\d,]+; every fault, 1 user change per run\)$/);
    }
  });

  it('says "not exercised", never "held", for a property whose premise never held in the run', async () => {
    // With no fault, LIVE-REPORT (owed only after a fault) is never owed; LIVE-UPGRADE-DONE is.
    const d = await buildReport({ topology: CLAIMS_1_9, mutant: null, faults: [], ...small });
    const row = (id: string) => d.properties.find((p) => p.id === id)!;
    expect(d.result.exercised['LIVE-REPORT']).toBe(0);
    expect(row('LIVE-REPORT').status).toBe('not exercised');
    expect(row('LIVE-UPGRADE-DONE').status).toBe('held');
    expect(row('LIVE-UPGRADE-DONE').detail).toMatch(/exercised in \d+ runs/);
    expect(reportHtml(d)).toContain('<span class="badge not-exercised">not exercised</span>');
  });

  it("shows a mutant's proofs on its topology: caught by some properties, unreachable for the rest", async () => {
    const d = await buildReport({ topology: PRESETS['claims-10-11-xor']!, mutant: 'MUT-NO-LINK-CLOSE', faults: [], ...small });
    const proof = (id: string) => d.properties.find((p) => p.id === id)!.proof;
    expect(proof('INV-NO-LOSS')).toMatch(/^exhaustive check: caught in \d+ steps$/);
    expect(proof('INV-LINK-CLOSED')).toMatch(/^exhaustive check: caught in \d+ steps$/);
    expect(proof('INV-BUS')).toMatch(/^exhaustive check: unreachable under this mutant \([\d,]+ states\)$/);
  });

  it('says when no committed result covers the run (a topology file that reuses a preset name)', async () => {
    const d = await buildReport({ topology: { ...CLAIMS_1_9, flows: 2 }, mutant: null, faults: [], ...small });
    expect(d.exhaustive).toEqual({ check: null, proofs: [] });
    expect(reportHtml(d)).toContain('id="exhaustive-none"');
    for (const p of d.properties) expect(p.proof).toBeNull();
  });
});

describe('hotup report: coverage grouped by machine, with the claims of its meta', () => {
  it('lists every miss under its machine and claims: guard outcomes with their reason, pairs capped with the rest counted', async () => {
    const d = await buildReport({ topology: CLAIMS_1_9, mutant: null, faults: [], ...small });
    const html = reportHtml(d);
    expect(d.claims.parent).toEqual([1, 2, 5, 6, 9, 10, 11]);
    expect(html).toContain('<tr data-machine="parent"><td>parent</td><td>1, 2, 5, 6, 9, 10, 11</td>');
    expect(html).toContain('<tr class="group" data-machine="child"><th colspan="2">child</th><th>claims 1, 2, 3, 4, 6, 9, 10</th></tr>');
    const drain = d.uncovered.find((u) => u.kind === 'guard' && u.id === 'child.unloading.draining:drain[noCallsInFlight]->child.unloading.freeing false');
    expect(drain?.reason).toBe('unreachable in the correct design (proven by the exhaustive check)');
    expect(html).toContain('<td>guard</td><td><code>child.unloading.draining:drain[noCallsInFlight]-&gt;child.unloading.freeing false</code></td>');
    expect(html).toContain(`<p id="coverage-proof" class="muted">'unreachable' is proven by the exhaustive check on claims-1-9: `);
    const bondPairs = d.uncovered.filter((u) => u.machine === 'bond' && u.kind === 'pair').length;
    expect(bondPairs).toBeGreaterThan(PAIRS_SHOWN);
    expect(html).toContain(`<tr class="rest" data-machine="bond"><td>pair</td><td colspan="2" class="muted">${bondPairs - PAIRS_SHOWN} more pairs not covered, not listed`);
  });
});
