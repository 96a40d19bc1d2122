import { describe, expect, it } from 'vitest';
import { CORRECT_DESIGN } from '../../machines/design.js';
import { ROUND_UPGRADES, topologyOf } from '../../scenarios/index.js';
import { withMonitors } from '../engine/monitor.js';
import { createSystem } from '../engine/system.js';
import { explore } from '../explore/explore.js';
import { runUpgrade } from '../report/upgrade-run.js';
import { PRESETS } from '../topology/presets.js';
import { conform } from './conform.js';
import { toTraceLines } from './export.js';

/** The trace lines of a named run of several rounds, as `hotup explore --trace-out` writes a run. */
function exported(id: string): string[] {
  const s = ROUND_UPGRADES.find((x) => x.id === id)!;
  const run = runUpgrade(topologyOf(s.topology), CORRECT_DESIGN, s.budget.versions);
  return toTraceLines(run.topology, run.start, run.steps, { observe: 'changes' });
}

const events = (lines: readonly string[]): Record<string, unknown>[] => lines.slice(1).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('a log of several rolling upgrades in one boot conforms', () => {
  it.each(ROUND_UPGRADES.map((s) => s.id))('%s, exported, conforms', async (id) => {
    const lines = exported(id);
    expect(events(lines).filter((e) => e.event === 'tool.start').length).toBe(ROUND_UPGRADES.find((x) => x.id === id)!.budget.versions.length);
    const r = await conform({ text: lines.join('\n') });
    expect(r.divergence ?? r.violation).toBeNull();
    expect(r.verdict).toBe('conforming');
  });

  it("in the log's own version words: 5.1 -> 5.2 -> 5.3", async () => {
    const words: Record<number, string> = { 1: '5.1', 2: '5.2', 3: '5.3' };
    const lines = exported('upgrade/claims-10-11/no-faults/correct/v1-v2-v3').map((l, i) => {
      if (i === 0) return l;
      const r = JSON.parse(l) as Record<string, unknown>;
      if (typeof r.version === 'number') r.version = words[r.version]!;
      return JSON.stringify(r);
    });
    expect(lines.some((l) => l.includes('"version":"5.3"'))).toBe(true);
    const r = await conform({ text: lines.join('\n') });
    expect(r.verdict).toBe('conforming');
  });

  it('a second round that loads another version than the one it started is rejected', async () => {
    const lines = exported('upgrade/claims-10-11/no-faults/correct/v1-v2-v3');
    let seen = 0;
    const broken = lines.map((l) => {
      const r = JSON.parse(l) as Record<string, unknown>;
      if (r.event === 'tool.start') seen++;
      // In the second round the driver loads version 2 again where the tool asked for 3.
      if (seen === 2 && r.event === 'module.load.begin' && r.version === 3) return JSON.stringify({ ...r, version: 2 });
      return l;
    });
    expect(broken).not.toEqual(lines);
    const r = await conform({ text: broken.join('\n') });
    expect(r.verdict).not.toBe('conforming');
  });

  it('the last run of `hotup explore --rounds 3`, exported, conforms', async () => {
    const topology = PRESETS['claims-10-11']!;
    const e = explore({ topology, mutant: null, runs: 20, steps: 120, seed: 2, faults: [], rounds: 3 });
    expect(e.counterexample).toBeNull();
    expect(e.lastRun.filter((x) => x.env.kind === 'tool.rerun').length).toBeGreaterThan(0);
    const start = withMonitors(createSystem(topology, CORRECT_DESIGN), createSystem(topology, CORRECT_DESIGN).initial());
    const r = await conform({ text: toTraceLines(topology, start, e.lastRun).join('\n') });
    expect(r.divergence ?? r.violation).toBeNull();
  });
});
