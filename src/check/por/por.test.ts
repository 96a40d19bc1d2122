import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVARIANTS } from '../../../properties/index.js';
import { createSystem } from '../../engine/system.js';
import { TableSystem } from '../../engine/table/table-system.js';
import { newVector } from '../../engine/layout.js';
import { designOf, MUTANTS } from '../../mutants.js';
import { FAULTS } from '../../model/faults.js';
import { PRESETS } from '../../topology/presets.js';
import { bfs } from '../bfs.js';
import { check } from '../check.js';
import { messageSlots, observedSlots } from './footprint.js';
import { FootprintBroken, StubbornSets } from './stubborn-sets.js';

const FIVE = FAULTS.filter((f) => f !== 'FAULT-USER-CONFIG');
const PRESET_NAMES = Object.keys(PRESETS);

/** One search with and without the reduction, on one property, INV-* only. */
function both(preset: string, mutant: string | null, property: string, faults: typeof FAULTS[number][]) {
  const run = (por: boolean) => check({ topology: PRESETS[preset]!, mutant, faults, properties: [property], liveness: false, audit: false, por });
  return { off: run(false), on: run(true) };
}

describe('partial-order reduction (stubborn sets)', () => {
  it.each(PRESET_NAMES)('gives the same verdicts, violated ids and replayable counterexamples with and without it on %s, every mutant, no faults', (preset) => {
    for (const m of MUTANTS) {
      for (const property of m.breaks) {
        const { off, on } = both(preset, m.id, property, []);
        expect({ m: m.id, property, verdict: on.verdict, id: on.counterexample?.violation.id }).toEqual({ m: m.id, property, verdict: off.verdict, id: off.counterexample?.violation.id });
        // check() replays every counterexample through the plain system and throws if it does not break the property there.
        if (off.counterexample) expect(on.counterexample!.events.length).toBeGreaterThanOrEqual(off.counterexample.events.length);
        expect(on.por.note).not.toMatch(/^off/);
      }
    }
  });

  it('gives the same verdicts with and without it on claims-1-9 under five faults, every mutant and the correct design', () => {
    for (const m of [null, ...MUTANTS.map((x) => x.id)]) {
      const property = m === null ? 'INV-BUS' : MUTANTS.find((x) => x.id === m)!.breaks[0]!;
      const { off, on } = both('claims-1-9', m, property, FIVE);
      expect({ m, verdict: on.verdict, id: on.counterexample?.violation.id }).toEqual({ m, verdict: off.verdict, id: off.counterexample?.violation.id });
      expect(on.states).toBeLessThanOrEqual(off.states);
    }
  });

  it('gives the same verdicts and violated ids with and without it on sampled presets, fault sets and designs (fixed seed)', () => {
    // Every preset, any subset of the faults, the correct design or any mutant, the mutant's broken property or all INV-*.
    const sample = fc.record({
      preset: fc.constantFrom(...PRESET_NAMES),
      faults: fc.subarray([...FAULTS], { minLength: 1 }),
      mutant: fc.option(fc.constantFrom(...MUTANTS), { nil: null }),
      allInvariants: fc.boolean(),
    });
    let violations = 0;
    fc.assert(
      fc.property(sample, ({ preset, faults, mutant, allInvariants }) => {
        const properties = allInvariants || mutant === null ? INVARIANTS.map((x) => x.id) : [mutant.breaks.find((b) => b.startsWith('INV-')) ?? 'INV-BUS'];
        const run = (por: boolean) => check({ topology: PRESETS[preset]!, mutant: mutant?.id ?? null, faults, userChanges: 1, properties, liveness: false, audit: false, por, maxStates: 40_000 });
        const off = run(false);
        const on = run(true);
        expect({ verdict: on.verdict, id: on.counterexample?.violation.id }).toEqual({ verdict: off.verdict, id: off.counterexample?.violation.id });
        expect(on.states).toBeLessThanOrEqual(off.states);
        if (off.counterexample) violations++;
      }),
      { seed: 17, numRuns: 24 },
    );
    // The sample must reach violations, or it shows nothing about counterexamples.
    expect(violations).toBeGreaterThan(3);
  });

  it('is off, saying why, with LIVE-*, --coverage, --vacuity, --no-por, and when every step is visible', () => {
    const t = PRESETS['claims-1-9']!;
    const base = { topology: t, mutant: null, faults: [] } as const;
    expect(check({ ...base }).por.note).toMatch(/^off: LIVE-\* are checked/);
    expect(check({ ...base, liveness: false, coverage: true }).por.note).toMatch(/^off: --coverage/);
    expect(check({ ...base, liveness: false, vacuity: true }).por.note).toMatch(/^off: --vacuity/);
    expect(check({ ...base, liveness: false, por: false }).por.note).toBe('off (--no-por)');
    expect(check({ ...base, liveness: false }).por.note).toMatch(/^off: every one of the \d+ classes of step touches what the checked invariants observe/);
  });

  it('holds every step of every preset under every fault to the footprint the event-kind table gives it', () => {
    for (const preset of PRESET_NAMES) {
      const ts = new TableSystem(createSystem(PRESETS[preset]!, designOf(null)), FAULTS, null, 1, 1);
      const red = new StubbornSets(ts, [], Number.POSITIVE_INFINITY);
      ts.observeDeliveries(red.onDeliver);
      const r = bfs(ts, { reduction: red, maxStates: 60_000 });
      expect(r.violation).toBeNull();
      expect(red.offered).toBeGreaterThan(100_000);
    }
  });

  it('stops the search with FootprintBroken when a step changes a slot outside its footprint', () => {
    const ts = new TableSystem(createSystem(PRESETS['claims-1-9']!, designOf(null)), [], null, null, 1);
    const red = new StubbornSets(ts, [], Number.POSITIVE_INFINITY);
    const recv = ts.envs.id({ kind: 'tool.recv' });
    const after = newVector(ts.width);
    after.set(ts.initial);
    red.audit(ts.initial, after, recv);
    after[ts.layout.base.child] = after[ts.layout.base.child]! + 1;
    expect(() => red.audit(ts.initial, after, recv)).toThrow(FootprintBroken);
    expect(() => red.audit(ts.initial, after, recv)).toThrow(/"tool.recv"\} changed slot \d+ \(child 0\)/);
  });

  it('reads, in every property and monitor, only what the property declares it observes', () => {
    const t = PRESETS['claims-10-11']!;
    const ts = new TableSystem(createSystem(t, designOf(null)), FIVE, null, null, 1);
    bfs(ts, { maxStates: 150_000 });
    const l = ts.layout;
    const w = l.width;
    const memos = [...ts.invariants.flatMap((x) => [{ id: x.inv.id, memo: x.memo }, ...(x.stepMemo ? [{ id: x.inv.id, memo: x.stepMemo }] : [])]), ...ts.monitorMemos()];
    for (const { id, memo } of memos) {
      const inv = INVARIANTS.find((x) => x.id === id)!;
      const slots = new Set(observedSlots(t, l, inv));
      const messages = new Set((inv.readsMessagesTo ?? []) as string[]);
      const outside = [...memo.inputsRead()].filter((i) => {
        if (i < 2 * w) return !slots.has(i % w);
        if (i === 2 * w) return false; // the step's event: see Observed in properties/property.ts
        if (i === 2 * w + 1) return true; // the whole log: no property may read it unfiltered
        return !messages.has(ts.logs.filterTarget(i - 2 * w - 2));
      });
      expect({ id, outside }).toEqual({ id, outside: [] });
      expect(memo.inputsRead().size).toBeGreaterThan(0);
    }
    // Every message target a property reads is a slot the footprints know of.
    for (const inv of INVARIANTS) expect(messageSlots(t, l, inv).length).toBe((inv.readsMessagesTo ?? []).reduce((a, k) => a + (k === 'child' ? t.children : k === 'netdev' ? t.netdevs : 1), 0));
  });
});
