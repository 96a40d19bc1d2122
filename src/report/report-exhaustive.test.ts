import { describe, expect, it } from 'vitest';
import { CLAIMS_1_9, PRESETS } from '../topology/presets.js';
import { loadClaimChecks } from './claims-check.js';
import { buildReport } from './report-data.js';
import { reportHtml } from './report-html.js';

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
