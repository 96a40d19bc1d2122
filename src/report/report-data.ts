import type { AnyStateMachine } from 'xstate';
import type { Message } from '../../machines/messages.js';
import { INVARIANTS, LIVENESS } from '../../properties/index.js';
import { marksOf } from '../diagram/coverage-marks.js';
import { machineDot } from '../diagram/machine-dot.js';
import { machineGraph } from '../diagram/machine-graph.js';
import { renderSvg } from '../diagram/render.js';
import { violationText } from '../diagram/sequence-model.js';
import { sequenceHeadsSvg, sequenceSvg } from '../diagram/sequence-svg.js';
import { topologyDot } from '../diagram/topology-dot.js';
import { topologyParts } from '../diagram/topology-parts.js';
import { explore, type ExploreOptions, type ExploreResult } from '../explore/explore.js';
import { Coverage } from '../explore/coverage.js';
import type { EventsFile } from '../check/events-file.js';
import { replayEvents } from '../check/replay.js';
import { describeMessage, describeState, stateBefore, type TraceStep } from '../trace/trace.js';
import type { SystemState } from '../model/state.js';
import { designOf } from '../mutants.js';
import { faultOf, describeEvent } from '../model/event-kinds.js';
import { createComponents } from '../model/components.js';
import { createSystem } from '../engine/system.js';
import type { Topology } from '../topology/topology.js';
import { topologyOf } from '../../scenarios/index.js';
import { faultsText, loadClaimChecks, userChangesText, type ClaimCheckResult } from './claims-check.js';
import type { MutantProof } from './mutant-proofs.js';
import { loadProofs } from './mutant-table.js';
import { loadCoverageProofs } from './coverage-proof.js';
import { claimsOf, missesOf, proofLine, type Miss } from './coverage-misses.js';

/** One property's line in the report. */
export interface PropertyRow {
  readonly id: string;
  readonly claims: readonly number[];
  readonly description: string;
  /** What the exhaustive check proved of it on this topology and design, from the committed result files; null when they do not cover the run. */
  readonly proof: string | null;
  readonly status: 'held' | 'not exercised' | 'violated' | 'unknown' | 'not checked';
  readonly detail: string;
}

/** The committed exhaustive results that cover the run's topology and design. */
export interface ExhaustiveSection {
  /** The exhaustive check of the correct design on this topology (bench/results/claims-check.json). */
  readonly check: ClaimCheckResult | null;
  /** The mutant's proofs on this topology (bench/results/mutant-proofs.json). */
  readonly proofs: readonly MutantProof[];
}

/** One step of a counterexample as the page shows it. */
export interface ReportStep {
  readonly caption: string;
  readonly tag: string;
  readonly effects: readonly string[];
  /** The system state after the step, a line per component. */
  readonly state: readonly string[];
}

/** A machine's diagram with what the run visited marked on it. */
export interface MarkedDiagram {
  readonly machine: string;
  readonly svg: string;
  readonly states: readonly [number, number];
  readonly transitions: readonly [number, number];
  readonly guards: readonly [number, number];
  readonly pairs: readonly [number, number];
}

/** Everything the report page shows. */
export interface ReportData {
  readonly topology: Topology;
  readonly result: ExploreResult;
  /** Where a counterexample not found by this exploration came from (a `check --out` file), or null. */
  readonly source: string | null;
  /** Each machine state, transition, guard outcome and transition pair the run did not take, with why (src/report/coverage-proof.ts). */
  readonly uncovered: readonly Miss[];
  /** Which exhaustive proof the reasons come from, or why none does. */
  readonly proofLine: string;
  /** Per machine id, the patent claims its XState meta names. */
  readonly claims: Readonly<Record<string, readonly number[]>>;
  readonly exhaustive: ExhaustiveSection;
  readonly properties: readonly PropertyRow[];
  readonly topologySvg: string;
  readonly diagrams: readonly MarkedDiagram[];
  readonly counterexample: {
    /** "VIOLATED id (claims ...): message". */
    readonly violation: string;
    readonly replay: string;
    /** Step 0 is the booted state. */
    readonly steps: readonly ReportStep[];
    readonly sequenceSvg: string;
    /** The chart's participant headings alone, kept in view above it. */
    readonly sequenceHeadsSvg: string;
  } | null;
}

type Kind = Message['to'];

const n = (x: number): string => x.toLocaleString('en-US');

/** Whether `t` is the topology of that name the committed results were computed on (a JSON file may reuse a preset's name). */
function sameTopology(t: Topology): boolean {
  try {
    return JSON.stringify(topologyOf(t.name)) === JSON.stringify(t);
  } catch {
    return false;
  }
}

/** The committed exhaustive results that cover this topology and design. */
export function exhaustiveFor(t: Topology, mutant: string | null): ExhaustiveSection {
  if (!sameTopology(t)) return { check: null, proofs: [] };
  if (mutant === null) return { check: loadClaimChecks().results.find((r) => r.topology === t.name) ?? null, proofs: [] };
  return { check: null, proofs: loadProofs().proofs.filter((p) => p.mutant === mutant && p.topology === t.name) };
}

function proofOf(x: ExhaustiveSection, id: string): string | null {
  if (x.check) {
    const c = x.check;
    if (c.verdict !== 'pass') return `exhaustive check: ${c.verdict}`;
    const e = c.exercised[id] ?? 0;
    const setting = `${faultsText(c.faults)}, ${userChangesText(c)}`;
    return e === 0
      ? `exhaustive check: not exercised: its premise holds in none of the ${n(c.states)} reachable states (${setting})`
      : `proven in every reachable state (${n(c.states)} states, exercised in ${n(e)}; ${setting})`;
  }
  const p = x.proofs.find((q) => q.property === id);
  if (!p) return null;
  return p.verdict === 'caught' ? `exhaustive check: caught in ${p.length} steps` : `exhaustive check: unreachable under this mutant (${n(p.states)} states)`;
}

function propertyRows(r: ExploreResult, only: readonly string[] | undefined, x: ExhaustiveSection): PropertyRow[] {
  const cx = r.counterexample;
  return [...INVARIANTS, ...LIVENESS].map((p): PropertyRow => {
    const base = { id: p.id, claims: p.claims, description: p.description, proof: proofOf(x, p.id) };
    if (only && only.length && !only.includes(p.id)) return { ...base, status: 'not checked', detail: 'left out by --property' };
    if (cx?.violation.id === p.id) return { ...base, status: 'violated', detail: cx.violation.message };
    if (cx) return { ...base, status: 'unknown', detail: `no violation before the run stopped at ${cx.violation.id}` };
    const e = r.exercised[p.id] ?? 0;
    if (e === 0) return { ...base, status: 'not exercised', detail: `its premise was never met in ${r.runs} runs` };
    return { ...base, status: 'held', detail: `in ${r.runs} runs, exercised in ${n(e)} ${p.id.startsWith('LIVE-') ? 'runs' : 'steps'}` };
  });
}

/** A counterexample from the booted state: each step's caption, effects and the state after it. */
function reportSteps(topology: Topology, start: SystemState, steps: readonly TraceStep[]): ReportStep[] {
  const out: ReportStep[] = [{ caption: 'booted: parent probed, every child at version 1, the bond settled', tag: '', effects: [], state: describeState(topology, start) }];
  for (const [n, st] of steps.entries()) {
    const before = stateBefore(start, steps, n);
    const s = st.state;
    const fault = faultOf(st.env);
    out.push({
      caption: describeEvent(topology, st.env, before),
      tag: fault ?? (st.fair ? 'fair' : ''),
      effects: st.log.slice(1).map(describeMessage).filter((x): x is string => x !== null),
      state: describeState(topology, s),
    });
  }
  return out;
}

/** The design's machines, each drawn with what the run visited marked on it. */
async function markedDiagrams(mutant: string | null, r: ExploreResult): Promise<MarkedDiagram[]> {
  const out: MarkedDiagram[] = [];
  for (const [kind, m] of Object.entries(createComponents(designOf(mutant))) as [Kind, AnyStateMachine][]) {
    const g = machineGraph(m);
    const marks = marksOf(g, r.visited[kind] ?? { states: [], transitions: [] });
    const cov = r.coverage.find((c) => c.machine === m.id);
    out.push({ machine: m.id, svg: await renderSvg(machineDot(g, marks)), states: cov?.states ?? [0, 0], transitions: cov?.transitions ?? [0, 0], guards: cov?.guards ?? [0, 0], pairs: cov?.pairs ?? [0, 0] });
  }
  return out;
}

/** Runs `hotup explore` with coverage and gathers what the report page shows. */
export async function buildReport(o: ExploreOptions): Promise<ReportData> {
  const result = explore({ ...o, coverage: true });
  const cx = result.counterexample;
  const exhaustive = exhaustiveFor(o.topology, o.mutant);
  const proofs = loadCoverageProofs();
  return {
    topology: o.topology,
    result,
    source: null,
    uncovered: missesOf(createComponents(designOf(o.mutant)), result.visited, result, proofs),
    proofLine: proofLine(result, proofs),
    claims: claimsOf(createComponents(designOf(o.mutant))),
    exhaustive,
    properties: propertyRows(result, o.properties, exhaustive),
    topologySvg: await renderSvg(topologyDot(topologyParts(o.topology))),
    diagrams: await markedDiagrams(o.mutant, result),
    counterexample: cx && {
      violation: violationText(cx.violation),
      replay: cx.replay,
      steps: reportSteps(o.topology, createSystem(o.topology, designOf(o.mutant)).initial(), cx.steps),
      sequenceSvg: sequenceSvg(o.topology, cx.steps, cx.violation),
      sequenceHeadsSvg: sequenceHeadsSvg(o.topology, cx.steps, cx.violation),
    },
  };
}

/**
 * The report of a counterexample written by `hotup check --out` (or saved by
 * `hotup ui`): its events replayed through the plain system with coverage,
 * shown as an exploration of that one run would be. A lasso's loop is marked
 * fair, as `replay-events` prints it. Throws ReplayError when the events do
 * not run.
 */
export async function buildEventsReport(f: EventsFile, file: string): Promise<ReportData> {
  const coverage = new Coverage();
  const system = createSystem(f.topology, designOf(f.mutant), coverage.record);
  const only = f.properties ? new Set(f.properties) : null;
  const r = replayEvents(system, f.faults, f.events, only, f.loopStart === null || f.violation === null ? null : { start: f.loopStart, property: f.violation });
  const replay = `hotup replay-events ${file}`;
  const result: ExploreResult = {
    topology: f.topology.name,
    mutant: f.mutant,
    faults: f.faults,
    seed: 0,
    runs: 1,
    shrinks: 0,
    steps: r.steps.length,
    invariantChecks: r.steps.length * (only ? INVARIANTS.filter((p) => only.has(p.id)).length : INVARIANTS.length),
    seconds: 0,
    secondsToFirstViolation: null,
    counterexample: r.violation && { violation: r.violation, steps: r.steps, trace: r.trace, seed: 0, path: '', commandsPath: '', replay },
    coverage: coverage.summary(system.components),
    lastRun: r.steps,
    visited: coverage.visited(),
    counts: coverage.counts(),
    properties: f.properties,
    // A replayed run that never starts the tool again is within the proofs' one round.
    rounds: f.events.some((e) => e.kind === 'tool.rerun') ? null : 1,
    preset: sameTopology(f.topology),
    // One run replayed, not a search: no property is counted as exercised.
    exercised: {},
  };
  const exhaustive = exhaustiveFor(f.topology, f.mutant);
  const proofs = loadCoverageProofs();
  const kind = f.loopStart === null ? `a shortest run of ${f.events.length} steps` : `a lasso: ${f.loopStart} steps, then a loop of ${f.events.length - f.loopStart} repeated forever`;
  return {
    topology: f.topology,
    result,
    source: `${file} (${kind}, from hotup check)`,
    uncovered: missesOf(createComponents(designOf(f.mutant)), result.visited, result, proofs),
    proofLine: proofLine(result, proofs),
    claims: claimsOf(createComponents(designOf(f.mutant))),
    exhaustive,
    properties: propertyRows(result, f.properties ?? undefined, exhaustive).map((p) =>
      p.status === 'held' || p.status === 'not exercised' ? { ...p, status: 'not checked', detail: 'a single counterexample, not a search' } : p,
    ),
    topologySvg: await renderSvg(topologyDot(topologyParts(f.topology))),
    diagrams: await markedDiagrams(f.mutant, result),
    counterexample: r.violation && {
      violation: violationText(r.violation),
      replay,
      steps: reportSteps(f.topology, r.start, r.steps),
      sequenceSvg: sequenceSvg(f.topology, r.steps, r.violation),
      sequenceHeadsSvg: sequenceHeadsSvg(f.topology, r.steps, r.violation),
    },
  };
}
