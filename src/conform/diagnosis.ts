import { designOf, MUTANTS } from '../mutants.js';
import { createSystem } from '../engine/system.js';
import type { Topology } from '../topology/topology.js';
import { Agreement } from './agreement.js';
import type { CheckerLimits } from './candidate.js';
import { Checker, type CheckerPoint } from './checker.js';
import { TraceInputError } from './input-error.js';
import { ModelGraph } from './model-graph.js';
import { openObligations } from './obligations.js';
import type { TraceRecord } from './parse-record.js';
import type { Diagnosis } from './result.js';

/** One broken design: its model graph and, once it has left the correct design's explanations, its own checker. */
interface Lane {
  readonly mutant: string;
  readonly bit: number;
  readonly graph: ModelGraph;
  checker: Checker | null;
}

const RANK = { violates: 0, conforming: 1, diverges: 2 } as const;

/**
 * Checks every design, the correct one and each MUT-*, in one pass over the
 * trace. A broken design follows the correct design's checker for free while
 * it makes the same searches (same steps to the same states); at the first
 * line where it would not, or where the correct design diverges, it gets a
 * checker of its own, started from where the correct one stood before that
 * line, and reads on by itself. A design that leaves the trace no later than
 * the correct one is dropped: it explains nothing more.
 */
export class OnePassDiagnosis {
  private lanes: Lane[];
  /** The broken designs still following the correct design's checker, as bits over MUTANTS. */
  private shadowing: number;
  private agreeing = 0;
  private readonly agreement: Agreement;

  constructor(
    private readonly reference: Checker,
    topology: Topology,
    recorded: ReadonlySet<string>,
    private readonly limits: CheckerLimits,
  ) {
    this.lanes = MUTANTS.map((m, i) => ({ mutant: m.id, bit: 1 << i, graph: new ModelGraph(createSystem(topology, designOf(m.id)), recorded, limits), checker: null }));
    this.shadowing = (1 << MUTANTS.length) - 1;
    this.agreement = new Agreement(this.lanes.map((l) => l.graph));
    reference.onSearch = (node, logged, sig, inputs, matches, anyOrder) => {
      if (this.agreeing !== 0) this.agreeing = this.agreement.agreeing(this.agreeing, node, logged, sig, inputs, matches, anyOrder);
    };
  }

  /** Whether a broken design may still explain the trace further than the correct one. */
  get active(): boolean {
    return this.lanes.length > 0;
  }

  /** Reads one line into the correct design's checker and every broken design still in the running. */
  feed(r: TraceRecord): void {
    const ref = this.reference;
    const wasStopped = ref.stopped;
    const before: CheckerPoint | null = this.shadowing !== 0 && !wasStopped ? ref.point() : null;
    this.agreeing = this.shadowing;
    ref.feed(r);
    if (!wasStopped && ref.stopped && !ref.divergence) {
      // An invariant broken by the correct design: that is the verdict, and no broken design is asked about it.
      this.lanes = [];
      this.shadowing = 0;
      return;
    }
    const leaving = ref.divergence && !wasStopped ? this.shadowing : this.shadowing & ~this.agreeing;
    for (const lane of this.lanes) {
      if (lane.checker === null && (leaving & lane.bit) === 0) continue;
      try {
        if (lane.checker === null) lane.checker = new Checker(lane.graph, this.limits, before);
        lane.checker.feed(r);
      } catch (e) {
        if (!(e instanceof TraceInputError)) throw e;
        lane.checker = null;
        this.shadowing &= ~lane.bit;
        this.lanes = this.lanes.filter((l) => l !== lane);
      }
    }
    this.shadowing &= ~leaving;
    const stop = ref.divergence?.index ?? Infinity;
    this.lanes = this.lanes.filter((l) => !l.checker?.divergence || l.checker.divergence.index > stop);
  }

  /**
   * What each broken design that explains the trace further than the correct
   * one says at its end, the likeliest first. Those still following the
   * correct design's checker explain exactly what it does, and are left out.
   */
  result(): Diagnosis[] {
    const out: Diagnosis[] = [];
    for (const lane of this.lanes) {
      const c = lane.checker;
      if (!c) continue;
      const designBreaks = MUTANTS.find((m) => m.id === lane.mutant)!.breaks;
      c.end();
      const v = c.violation;
      const d = c.divergence;
      if (v) out.push({ mutant: lane.mutant, verdict: 'violates', where: v.where, violation: { id: v.violation.id, message: v.violation.message }, divergesAt: d?.where ?? null, open: [], designBreaks });
      else if (d) out.push({ mutant: lane.mutant, verdict: 'diverges', where: d.where, violation: null, divergesAt: d.where, open: [], designBreaks });
      else if (c.inconclusive) continue; // cut inside a step for it too: it explains no more than the correct design
      else {
        const open = openObligations(c.system, c.clean().map((x) => x.node.state)).map((o) => o.id);
        out.push({ mutant: lane.mutant, verdict: 'conforming', where: null, violation: null, divergesAt: null, open, designBreaks });
      }
    }
    const reach = (g: Diagnosis): number => (g.divergesAt === null ? Infinity : this.indexOf(g.mutant));
    return out.sort((a, b) => RANK[a.verdict] - RANK[b.verdict] || reach(b) - reach(a));
  }

  private indexOf(mutant: string): number {
    return this.lanes.find((l) => l.mutant === mutant)?.checker?.divergence?.index ?? Infinity;
  }
}
