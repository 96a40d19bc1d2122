import { describe, expect, it } from 'vitest';
import { CORRECT_DESIGN } from '../../machines/design.js';
import { CHECK_ROUNDS, checkRun, EXPLORE_ROUNDS, exploreRun, ROUND_UPGRADES, SMALL_FAULTS, topologyOf } from '../../scenarios/index.js';
import { livenessViolations } from '../engine/monitor.js';
import { createSystem } from '../engine/system.js';
import { explore } from '../explore/explore.js';
import { moduleState } from '../model/state.js';
import { runUpgrade } from '../report/upgrade-run.js';
import { PRESETS } from '../topology/presets.js';
import { check } from './check.js';

const cases = <T extends { id: string }>(xs: readonly T[]): (readonly [string, T])[] => xs.map((s) => [s.id, s] as const);

describe('rounds of the upgrade tool in one boot', () => {
  it.each(cases(ROUND_UPGRADES))('%s: each round reloads every child at its version, every INV-* at every step, every LIVE-* at the end', (_, s) => {
    const topology = topologyOf(s.topology);
    const versions = s.budget.versions;
    const run = runUpgrade(topology, CORRECT_DESIGN, versions);
    expect(run.steps.flatMap((x) => (x.env.kind === 'tool.rerun' ? [x.env.version] : []))).toEqual(versions.slice(1));
    expect(run.steps.flatMap((x) => x.violations.map((v) => `${v.id}: ${v.message}`))).toEqual([]);
    const loads = run.steps.flatMap((x) => x.log.flatMap((m) => (m.to === 'child' && m.event.type === 'load' ? [m.event.version] : [])));
    // One load per child per round, the same version again included.
    expect(loads).toEqual(versions.flatMap((v) => Array.from({ length: topology.children }, () => v)));
    const end = run.steps.at(-1)!.state;
    expect(end.tool.value).toBe('done');
    for (let k = 0; k < topology.children; k++) {
      expect(moduleState(end, k)).toBe('loaded');
      expect(end.children[k]!.context.version).toBe(versions.at(-1));
    }
    expect(livenessViolations(createSystem(topology, CORRECT_DESIGN), end)).toEqual([]);
  });

  it.each(cases(CHECK_ROUNDS))('%s: every INV-* and LIVE-* holds in every reachable state', (_, s) => {
    const r = check(checkRun(s));
    expect(r.verdict, r.counterexample ? `${r.counterexample.violation.id}\n${r.counterexample.trace}` : r.verdict).toBe('pass');
    expect(r.rounds).toBe(s.budget.rounds);
    expect(r.livenessChecked).toEqual(['LIVE-RESTORE', 'LIVE-UPGRADE-DONE', 'LIVE-REPORT']);
    if (s.expect.verdict === 'pass') expect(r.states).toBeGreaterThan(s.expect.statesAbove!);
  });

  it('one round is the default and counts what it always counted; a second round adds states', () => {
    const o = { topology: PRESETS['claims-1-9']!, mutant: null, faults: SMALL_FAULTS, liveness: false };
    const byDefault = check(o);
    const one = check({ ...o, rounds: 1 });
    const two = check({ ...o, rounds: 2 });
    expect(byDefault.rounds).toBe(1);
    expect([one.states, one.transitions]).toEqual([byDefault.states, byDefault.transitions]);
    expect(two.states).toBeGreaterThan(one.states);
    expect(check({ ...o, faults: [] }).states).toBe(74);
  });

  it('a second round can break what the first could not: MUT-PARALLEL-UPGRADE is caught in either', () => {
    const r = check({ topology: PRESETS['claims-1-9']!, mutant: 'MUT-PARALLEL-UPGRADE', faults: [], rounds: 2 });
    expect(r.counterexample?.violation.id).toBe('INV-ONE-DOWN');
  });

  it.each(cases(EXPLORE_ROUNDS))('%s: random runs of several rounds break no INV-* or LIVE-*', (_, s) => {
    const r = explore(exploreRun(s));
    expect(r.counterexample?.trace ?? null).toBeNull();
    expect(r.runs).toBe(s.budget.runs);
  });

  it('explore runs the tool again only when --rounds allows it', () => {
    const reruns = (rounds: number) => {
      const r = explore({ topology: PRESETS['claims-1-9']!, mutant: null, runs: 30, steps: 80, seed: 3, faults: [], rounds, coverage: true });
      return r.visited.tool?.transitions.some((t) => t.includes('rerun')) ?? false;
    };
    expect(reruns(1)).toBe(false);
    expect(reruns(3)).toBe(true);
  });
});
