import { describe, expect, it } from 'vitest';
import type { FaultId } from '../model/faults.js';
import { PRESETS } from '../topology/presets.js';
import { createSystem } from '../engine/system.js';
import { designOf } from '../mutants.js';
import { check, type CheckOptions, type CheckResult } from './check.js';
import { checkOnWorkers, checkParallel } from './parallel-check.js';
import { rankLevel } from './rank-merge.js';
import { replayEvents } from './replay.js';

const figures = (r: CheckResult) => ({ verdict: r.verdict, cutBy: r.cutBy, states: r.states, transitions: r.transitions, diameter: r.diameter, deadlocks: r.deadlocks });
const run = (topology: string, faults: readonly FaultId[], extra: Partial<CheckOptions> = {}): CheckOptions => ({ topology: PRESETS[topology]!, mutant: null, faults, liveness: false, ...extra });

describe('rankLevel', () => {
  it('ranks the workers\' sorted keys in merged order and keeps the first ones, a prefix of each worker\'s', () => {
    const a = Float64Array.of(1, 5, 9);
    const b = Float64Array.of(2, 3, 10);
    expect(rankLevel([a, b], 100, 10).map((x) => [...x])).toEqual([
      [100, 103, 104],
      [101, 102, 105],
    ]);
    expect(rankLevel([a, b], 100, 4).map((x) => [...x])).toEqual([[100, 103], [101, 102]]);
  });
});

describe('check on two workers', () => {
  const cases: [string, string, readonly FaultId[]][] = [
    ['claims-1-9', 'no faults', []],
    ['claims-10-11', 'no faults', []],
    ['claims-1-9', 'probe failures and tool restarts', ['FAULT-PROBE-FAIL', 'FAULT-TOOL-RESTART']],
  ];
  it.each(cases)('finds the states, transitions, diameter and deadlocks of one worker on %s, %s', async (topology, _, faults) => {
    const o = run(topology, faults);
    const one = check(o);
    const two = await checkParallel(o, 2);
    expect(one.verdict).toBe('pass');
    expect(two.workers).toBe(2);
    expect(figures(two)).toEqual(figures(one));
    // Successors another worker owns that the sender had sent before do not travel again.
    expect(one.crossings).toBeNull();
    expect(two.crossings!.notResent).toBeGreaterThan(0);
    expect(two.crossings!.sent).toBeGreaterThan(0);
  });

  // Each mutant's shortest counterexample, the one one worker finds: the ranks keep the one-worker order of every level.
  const mutants: [string, string, readonly FaultId[]][] = [
    ['MUT-PARALLEL-UPGRADE', 'claims-1-9', []],
    ['MUT-NO-WAIT-FAILOVER', 'claims-10-11', []],
    ['MUT-NO-DRAIN', 'claims-1-9', ['FAULT-TOOL-RESTART']],
  ];
  it.each(mutants)('finds the one-worker counterexample of %s on %s, and it replays', async (mutant, topology, faults) => {
    const o = run(topology, faults, { mutant, userChanges: 1 });
    const one = check(o);
    const two = await checkParallel(o, 2);
    expect(one.verdict).toBe('violation');
    expect(figures(two)).toEqual(figures(one));
    expect(two.counterexample!.violation.id).toBe(one.counterexample!.violation.id);
    expect(two.counterexample!.events).toEqual(one.counterexample!.events);
    const replayed = replayEvents(createSystem(PRESETS[topology]!, designOf(mutant)), faults, two.counterexample!.events);
    expect(replayed.violation?.id).toBe(one.counterexample!.violation.id);
    expect(replayed.steps).toHaveLength(two.counterexample!.events.length);
  });

  it('stores the first --max-states states of the one-worker order, and says INCOMPLETE', async () => {
    const o = run('claims-1-9', ['FAULT-PROBE-FAIL', 'FAULT-TOOL-RESTART'], { maxStates: 150 });
    const one = check(o);
    const two = await checkParallel(o, 2);
    expect(two.verdict).toBe('incomplete');
    expect(two.cutBy).toBe('max-states');
    expect(figures(two)).toEqual(figures(one));
  });

  it('ends INCOMPLETE when --max-memory is too small for the workers\' stores', async () => {
    const r = await checkParallel(run('claims-1-9', ['FAULT-PROBE-FAIL', 'FAULT-TOOL-RESTART'], { maxMemoryMB: 1 }), 2);
    expect(r.verdict).toBe('incomplete');
    expect(r.cutBy).toBe('max-memory');
    expect(r.cutReason).toMatch(/MB/);
    expect(r.rssBytes).toBeGreaterThan(0);
  });

  it("ends with a worker's error, naming the worker", async () => {
    await expect(checkParallel(run('claims-1-9', [], { mutant: 'MUT-NOT-A-MUTANT' }), 2)).rejects.toThrow(/^worker \d: Error: --mutant: unknown mutant 'MUT-NOT-A-MUTANT'/);
  });

  it('searches fair cycles after the parallel pass on the gathered graph: the one-worker lasso of MUT-NO-REOPEN, replayed', async () => {
    const o: CheckOptions = { ...run('claims-1-9', [], { mutant: 'MUT-NO-REOPEN', properties: ['LIVE-RESTORE'] }), liveness: true };
    const one = check(o);
    const two = await checkParallel(o, 2);
    expect(one.counterexample?.violation.id).toBe('LIVE-RESTORE');
    expect(figures(two)).toEqual(figures(one));
    expect(two.livenessChecked).toEqual(one.livenessChecked);
    expect(two.counterexample!.loopStart).toBe(one.counterexample!.loopStart);
    expect(two.counterexample!.events).toEqual(one.counterexample!.events);
    const replayed = replayEvents(createSystem(PRESETS['claims-1-9']!, designOf('MUT-NO-REOPEN')), [], two.counterexample!.events, new Set(['LIVE-RESTORE']), { start: two.counterexample!.loopStart!, property: 'LIVE-RESTORE' });
    expect(replayed.violation?.id).toBe('LIVE-RESTORE');
  });

  it('passes every LIVE-* and counts the same exercised states as one worker (--vacuity)', async () => {
    const o: CheckOptions = { ...run('claims-1-9', ['FAULT-PROBE-FAIL', 'FAULT-TOOL-RESTART']), liveness: true, vacuity: true };
    const one = check(o);
    const two = await checkParallel(o, 2);
    expect(two.verdict).toBe('pass');
    expect(two.livenessChecked).toEqual(one.livenessChecked);
    expect(two.livenessChecked.length).toBeGreaterThan(0);
    expect(two.exercised).toEqual(one.exercised);
  });

  it('runs --coverage on one worker, and says so', async () => {
    const r = await checkOnWorkers({ ...run('claims-1-9', []), coverage: true }, 2);
    expect(r.workers).toBe(1);
    expect(r.workersNote).toMatch(/--coverage reads the transitions one table system took: searched on one worker, not 2/);
    expect(r.coverage).not.toBeNull();
  });
});
