import { describe, expect, it } from 'vitest';
import { check } from '../check/check.js';
import { explore } from '../explore/explore.js';
import { possiblePairs } from '../explore/coverage-items.js';
import { uncovered } from '../explore/coverage.js';
import { createComponents } from '../model/components.js';
import { CORRECT_DESIGN } from '../../machines/design.js';
import { PRESETS } from '../topology/presets.js';
import { missesOf, missLines, proofLine } from './coverage-misses.js';
import { COVERAGE_SETTINGS, loadCoverageProofs, NOT_REACHED, PROVEN, proofFor, settingKey, uncoveredReason } from './coverage-proof.js';

const components = createComponents(CORRECT_DESIGN);
const PROOFS = loadCoverageProofs();
const STALE = 'run `npm run proofs -- --only coverage` and commit bench/results/coverage-proof.json';

describe('coverage with reasons', () => {
  it('hotup check --coverage lists what no reachable state takes: the parent is never removed without FAULT-PARENT-REMOVE', () => {
    const without = check({ topology: PRESETS['claims-1-9']!, mutant: null, faults: [], coverage: true, liveness: false });
    const missed = uncovered(components, without.coverage!.visited).map((u) => `${u.machine} ${u.kind} ${u.id}`);
    expect(missed).toContain('parent state parent.removed');
    const withRemove = check({ topology: PRESETS['claims-1-9']!, mutant: null, faults: ['FAULT-PARENT-REMOVE'], coverage: true, liveness: false });
    expect(uncovered(components, withRemove.coverage!.visited).map((u) => u.id)).not.toContain('parent.removed');
  });

  it('the committed proofs are those of COVERAGE_SETTINGS, each with guard outcomes and pairs, every pair one the graph allows', () => {
    expect(PROOFS.map(settingKey), STALE).toEqual(COVERAGE_SETTINGS.map(settingKey));
    for (const p of PROOFS) {
      for (const [kind, v] of Object.entries(p.visited)) {
        expect(v.guards, `${settingKey(p)} ${kind}: ${STALE}`).toBeDefined();
        const allowed = new Set(possiblePairs(components[kind as keyof typeof components] as never));
        expect(v.pairs!.filter((x) => !allowed.has(x)), `${settingKey(p)} ${kind}`).toEqual([]);
      }
    }
  });

  it('an explored run marks each miss: unreachable in the correct design (proven), or not reached in this run', () => {
    const r = explore({ topology: PRESETS['claims-1-9']!, mutant: null, runs: 10, steps: 20, seed: 42, faults: [], coverage: true });
    const reasons = new Map(uncovered(components, r.visited).map((u) => [`${u.machine} ${u.id}`, uncoveredReason(u, r.topology, null, r.faults, PROOFS)]));
    // A transmit into a child's freed code never happens in the correct design: the oops path is proven unreachable.
    expect(reasons.get('child child.unloaded:ndoStartXmit->child.unloaded')).toBe(PROVEN);
    expect(proofLine(r, PROOFS)).toMatch(/^'unreachable' is proven by the exhaustive check on claims-1-9: [\d,]+ states, every fault, at most 1 user change per run, in bench\/results\/coverage-proof.json$/);
    // The parent can be removed (FAULT-PARENT-REMOVE), only not in this run, which injects no fault.
    expect(reasons.get('parent parent.removed')).toBe(NOT_REACHED);
    // A mutant's run is not covered by the correct design's proof, nor a run of more rounds than the proofs' one.
    const oops = { machine: 'child', kind: 'transition', id: 'child.unloaded:ndoStartXmit->child.unloaded' } as const;
    expect(uncoveredReason(oops, 'claims-1-9', 'MUT-NO-DRAIN', [], PROOFS)).toBe(NOT_REACHED);
    expect(uncoveredReason(oops, 'claims-1-9', null, [], PROOFS, 2)).toBe(NOT_REACHED);
  });

  it('a guard outcome a short run never saw is "not reached in this run" without a proof, and proven unreachable (or just not reached) with the committed one', () => {
    const r = explore({ topology: PRESETS['claims-1-9']!, mutant: null, runs: 10, steps: 20, seed: 42, faults: [], coverage: true });
    const line = (proofs: typeof PROOFS, g: string): string | undefined => missLines(missesOf(components, r.visited, r, proofs), 10).find((l) => l.includes(g));
    // drain is a driver step, taken only when the child accepts it: its guard was true every time, and can never be false.
    const drain = 'child.unloading.draining:drain[noCallsInFlight]->child.unloading.freeing';
    expect(r.counts.child!.guards[drain]![0]).toBeGreaterThan(0);
    expect(r.counts.child!.guards[drain]![1]).toBe(0);
    expect(line([], drain)).toBe(`  child guard ${drain} false: ${NOT_REACHED}`);
    expect(line(PROOFS, drain)).toBe(`  child guard ${drain} false: ${PROVEN}`);
    // The parent never goes in a run without faults, but can under FAULT-PARENT-REMOVE, which the proof includes.
    const gone = 'tool.selecting:step[parentGone]->tool.stopped';
    expect(r.counts.tool!.guards[gone]).toEqual([0, expect.any(Number)]);
    expect(line(PROOFS, gone)).toBe(`  tool guard ${gone} true: ${NOT_REACHED}`);
  });

  it('caps the pairs listed per machine and counts the rest, split by reason', () => {
    const r = explore({ topology: PRESETS['claims-1-9']!, mutant: null, runs: 3, steps: 10, seed: 42, faults: [], coverage: true });
    const misses = missesOf(components, r.visited, r, PROOFS);
    const lines = missLines(misses, 2);
    const bondPairs = misses.filter((m) => m.machine === 'bond' && m.kind === 'pair');
    expect(bondPairs.length).toBeGreaterThan(2);
    expect(lines.filter((l) => l.startsWith('  bond pair '))).toHaveLength(2);
    const proven = bondPairs.slice(2).filter((m) => m.reason === PROVEN).length;
    expect(lines).toContain(`  bond: ${bondPairs.length - 2} more pairs not covered, not listed (${proven} of them proven unreachable, ${bondPairs.length - 2 - proven} ${NOT_REACHED}); --json lists every one`);
  });

  it('gives no proof to a topology that only borrows a preset\'s name', () => {
    const borrowed = { ...PRESETS['claims-1-9']!, bond: { ...PRESETS['claims-1-9']!.bond, downdelay: 1 } };
    const r = explore({ topology: borrowed, mutant: null, runs: 3, steps: 10, seed: 42, faults: [], coverage: true });
    expect(r.preset).toBe(false);
    expect(new Set(missesOf(components, r.visited, r, PROOFS).map((m) => m.reason))).toEqual(new Set([NOT_REACHED]));
    expect(proofLine(r, PROOFS)).toBe(`no exhaustive coverage proof covers this run (the topology is not the preset named claims-1-9): every miss is '${NOT_REACHED}'`);
  });

  it('judges a run by the sharpest proof that covers its faults', () => {
    const none = proofFor('claims-10-11', null, [], PROOFS)!;
    expect(none.faults).not.toContain('FAULT-FORCED-UNLOAD');
    const forced = proofFor('claims-10-11-xor', null, ['FAULT-FORCED-UNLOAD'], PROOFS);
    expect(forced?.faults ?? []).toContain('FAULT-FORCED-UNLOAD');
  });
});
