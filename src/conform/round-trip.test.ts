import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monitoredStep, withMonitors } from '../engine/monitor.js';
import { explore } from '../explore/explore.js';
import { settle } from '../explore/settle.js';
import { traceStep, type TraceStep } from '../trace/trace.js';
import { designOf } from '../mutants.js';
import { FAULTS } from '../model/faults.js';
import { createSystem } from '../engine/system.js';
import { PRESETS } from '../topology/presets.js';
import { conform } from './conform.js';
import { toTraceLines } from './export.js';
import { formatItf, toItf } from './itf.js';

/** A run of the correct design: each pick chooses among the enabled steps, every fault allowed; then, maybe, its fair completion. */
function runOf(preset: string, picks: readonly number[], complete: boolean) {
  const topology = PRESETS[preset]!;
  const system = createSystem(topology, designOf(null));
  const start = withMonitors(system, system.initial());
  let state = start;
  const steps: TraceStep[] = [];
  for (const p of picks) {
    const enabled = system.enabled(state, FAULTS);
    const e = enabled[p % enabled.length]!;
    const r = monitoredStep(system, state, e);
    expect(r.violation).toBeNull();
    steps.push(traceStep(e, r));
    state = r.state;
  }
  if (complete) steps.push(...settle(system, state).steps);
  return { topology, start, steps };
}

describe('export round-trips: every exported run of the correct design conforms', () => {
  it.each(Object.keys(PRESETS))('%s, JSON Lines and ITF, with faults', async (preset) => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), fc.boolean(), async (picks, complete) => {
        const { topology, start, steps } = runOf(preset, picks, complete);
        const lines = toTraceLines(topology, start, steps, { observe: complete ? 'changes' : 'none' });
        const jsonl = await conform({ text: lines.join('\n') }, { diagnose: false });
        expect(jsonl.divergence ?? jsonl.violation).toBeNull();
        const itf = await conform({ text: formatItf(toItf(topology, start, steps)) }, { diagnose: false });
        expect(itf.divergence ?? itf.violation).toBeNull();
      }),
      { seed: 4242, numRuns: 12 },
    );
  });
});

describe("a broken design's counterexample, exported, does not conform, and the diagnosis names the design", () => {
  it.each(['MUT-PRIOR-ART', 'MUT-NO-TAKEOVER', 'MUT-NO-DRAIN', 'MUT-PARALLEL-UPGRADE', 'MUT-CONFIG-LOST'])('%s', async (mutant) => {
    const topology = PRESETS['claims-10-11']!;
    const cx = explore({ topology, mutant, runs: 300, steps: 40, seed: 7, faults: [...FAULTS] }).counterexample!;
    const start = createSystem(topology, designOf(mutant)).initial();
    const r = await conform({ text: toTraceLines(topology, start, cx.steps).join('\n') });
    // Not conforming, or, when the broken design's last step is the start of one of the correct design's, cut inside a step.
    expect(r.verdict).not.toBe('conforming');
    expect(r.diagnosis![0]).toMatchObject({ mutant, verdict: 'violates', violation: { id: cx.violation.id } });
  });
});
