import { describe, expect, it } from 'vitest';
import { FAULTS } from '../../model/faults.js';
import { CLAIMS_1_9 } from '../../topology/presets.js';
import { NotEnabledError, Run, runOf } from './run.js';
import { changedVariables, variablesOf } from './variables.js';

const setup = { topology: CLAIMS_1_9, mutant: null, faults: [...FAULTS] };

describe('a run driven by hand', () => {
  it('takes enabled steps, moves back and forward, and drops the steps ahead when a new one is taken', () => {
    const run = new Run(setup);
    run.take({ kind: 'tool.start' });
    run.take({ kind: 'tool.step' });
    expect(run.state.children[0]!.value).toEqual({ unloading: 'removing' });
    expect(run.current!.taken.child!.transitions).toContain('child.loaded:rmmod->child.unloading');
    run.back();
    expect(run.position).toBe(1);
    expect(run.length).toBe(2);
    expect(run.state.children[0]!.value).toBe('loaded');
    run.forward();
    expect(run.position).toBe(2);
    run.back();
    run.take({ kind: 'bond.miimon' });
    expect(run.all().map((s) => s.env.kind)).toEqual(['tool.start', 'bond.miimon']);
    expect(() => run.take({ kind: 'child.free', child: 0 })).toThrow(NotEnabledError);
  });

  it('names the variables a step changed', () => {
    const run = new Run(setup);
    const before = variablesOf(run.state);
    run.take({ kind: 'tool.start' });
    expect([...changedVariables(before, variablesOf(run.state))]).toEqual(['tool.state']);
  });

  it('replays events into a run at its start, marking the steps from the fair index', () => {
    const run = runOf(setup, [{ kind: 'tool.start' }, { kind: 'bond.miimon' }, { kind: 'tool.step' }], 1);
    expect(run.position).toBe(0);
    expect(run.all().map((s) => s.fair ?? false)).toEqual([false, true, true]);
    expect(() => runOf(setup, [{ kind: 'tool.recv' }])).toThrow(/step 1 .* is not enabled/);
  });
});
