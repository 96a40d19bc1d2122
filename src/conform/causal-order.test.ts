import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monitoredStep, withMonitors } from '../engine/monitor.js';
import { createSystem } from '../engine/system.js';
import { settle } from '../explore/settle.js';
import { FAULTS } from '../model/faults.js';
import type { TraceEvent } from '../model/trace-event.js';
import { designOf } from '../mutants.js';
import { PRESETS } from '../topology/presets.js';
import { traceStep, type TraceStep } from '../trace/trace.js';
import { CAUSAL_ORDER, mustPrecede, predecessors } from './causal-order.js';
import { conform } from './conform.js';
import { traceHeader, walkRun } from './export.js';
import { EVENT_KINDS } from './vocabulary.js';
import { readFileSync } from 'node:fs';
import { TRACE_FORMAT_DOC } from './gen-order-table.js';
import { withOrderTable } from './order-table.js';

const topology = PRESETS['claims-10-11']!;

/** A run of the correct design: the tool starts, then (each pick chooses among the enabled steps, every fault allowed), then the fair completion: each step's events. */
function stepsOf(picks: readonly number[]): TraceEvent[][] {
  const system = createSystem(topology, designOf(null));
  const start = withMonitors(system, system.initial());
  let state = start;
  const steps: TraceStep[] = [];
  for (const [n, p] of [-1, ...picks].entries()) {
    const enabled = system.enabled(state, FAULTS);
    // The tool starts first, so that the fair completion runs a whole rolling upgrade.
    const e = n === 0 ? enabled.find((x) => x.kind === 'tool.start')! : enabled[p % enabled.length]!;
    const r = monitoredStep(system, state, e);
    steps.push(traceStep(e, r));
    state = r.state;
  }
  steps.push(...settle(system, state).steps);
  return [...walkRun(topology, start, steps)].map((w) => w.events);
}

const traceOf = (events: readonly TraceEvent[]): string =>
  [JSON.stringify(traceHeader(topology)), ...events.map((e, n) => JSON.stringify({ seq: n + 1, ...e }))].join('\n');

/** The step's events in an order the causal order allows: each pick takes one of the events whose predecessors are all logged. */
function linearExtension(events: readonly TraceEvent[], picks: readonly number[]): TraceEvent[] {
  const preds = predecessors(events, events.map((_, i) => i));
  const out: TraceEvent[] = [];
  let done = 0;
  for (let n = 0; n < events.length; n++) {
    const ready = events.map((_, i) => i).filter((i) => (done & (1 << i)) === 0 && (preds[i]! & ~done) === 0);
    const i = ready[(picks[n] ?? 0) % ready.length]!;
    out.push(events[i]!);
    done |= 1 << i;
  }
  return out;
}

/** The step's events with one that must come after another moved just before it (null when the step orders nothing). */
function breakOrder(events: readonly TraceEvent[], pick: number): TraceEvent[] | null {
  const preds = predecessors(events, events.map((_, i) => i));
  const same = (a: TraceEvent, b: TraceEvent): boolean => JSON.stringify(a) === JSON.stringify(b);
  const pairs: [number, number][] = [];
  preds.forEach((mask, j) => {
    for (let i = 0; i < j; i++) if (mask & (1 << i) && !events.slice(i, j).some((e) => same(e, events[j]!))) pairs.push([i, j]);
  });
  if (pairs.length === 0) return null;
  const [i, j] = pairs[pick % pairs.length]!;
  const out = events.filter((_, k) => k !== j);
  out.splice(i, 0, events[j]!);
  return out;
}

/** A run with the steps worth reordering (a probe, a remove, a parent removal): the tool's whole rolling upgrade, and random faults. */
const runs = fc.array(fc.nat(), { minLength: 0, maxLength: 24 });

describe('order within a step (docs/trace-format.md)', () => {
  it('has a row for every log event kind, and rules only between kinds', () => {
    expect(Object.keys(CAUSAL_ORDER).sort()).toEqual([...EVENT_KINDS].sort());
    for (const o of Object.values(CAUSAL_ORDER)) for (const r of o.before ?? []) expect([...EVENT_KINDS, '*']).toContain(r.then);
  });

  it('is the table docs/trace-format.md shows (npx tsx src/conform/gen-order-table.ts)', () => {
    const page = readFileSync(TRACE_FORMAT_DOC, 'utf8');
    expect(page, 'stale: run npx tsx src/conform/gen-order-table.ts').toBe(withOrderTable(page));
  });

  it("lets probe() program the hardware before it opens the link, and the kernel's parent removal pair each unregister with its release", () => {
    const probe: TraceEvent[] = [
      { event: 'subdev.probe', child: 'C1', subdev: 'S1', result: 'ok' },
      { event: 'ops.switch', netdev: 'N1', to: 'C1' },
      { event: 'carrier.on', netdev: 'N1' },
      { event: 'hw.program', child: 'C1', netdev: 'N1', mtu: 9000, mac: 0, admin: 'up', reason: 'probe' },
    ];
    expect(mustPrecede(probe[2]!, probe[3]!)).toBe(false);
    expect(mustPrecede(probe[1]!, probe[2]!)).toBe(true);
    const n2 = { event: 'netdev.unregister', netdev: 'N2', ifindex: 3 };
    expect(mustPrecede(n2, { event: 'bond.release', netdev: 'N1' })).toBe(false);
    expect(mustPrecede({ event: 'netdev.unregister', netdev: 'N1', ifindex: 2 }, { event: 'bond.release', netdev: 'N1' })).toBe(true);
  });

  it('any reordering of a conforming run within its steps that keeps the documented order still conforms', async () => {
    await fc.assert(
      fc.asyncProperty(runs, fc.array(fc.nat(), { minLength: 64, maxLength: 64 }), async (picks, choices) => {
        const steps = stepsOf(picks);
        let c = 0;
        const events = steps.flatMap((s) => linearExtension(s, s.map(() => choices[c++ % choices.length]!)));
        const r = await conform({ text: traceOf(events) }, { diagnose: false });
        expect(r.divergence ?? r.violation ?? r.inconclusive).toBeNull();
      }),
      { seed: 1414, numRuns: 15 },
    );
  });

  it('a reordering that logs an event before one the documented order puts first is rejected', async () => {
    let broken = 0;
    await fc.assert(
      fc.asyncProperty(runs, fc.nat(), fc.nat(), async (picks, which, pair) => {
        const steps = stepsOf(picks);
        const orderable = steps.map((s, n) => [n, breakOrder(s, pair)] as const).filter(([, b]) => b !== null);
        fc.pre(orderable.length > 0);
        const [n, b] = orderable[which % orderable.length]!;
        const events = steps.flatMap((s, k) => (k === n ? b! : s));
        const r = await conform({ text: traceOf(events) }, { diagnose: false });
        expect(r.verdict).not.toBe('conforming');
        broken++;
      }),
      { seed: 1415, numRuns: 25 },
    );
    expect(broken).toBeGreaterThan(10);
  });
});
