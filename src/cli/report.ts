import type { ExploreResult } from '../explore/explore.js';
import { vacuityLines } from '../../properties/vacuity.js';
import { uncovered } from '../explore/coverage.js';
import { createComponents } from '../model/components.js';
import { designOf } from '../mutants.js';
import { loadCoverageProofs, uncoveredReason } from '../report/coverage-proof.js';

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** The human summary of an exploration (or of a replay of one of its counterexamples). */
export function formatExploreSummary(r: ExploreResult, command: 'explore' | 'replay' = 'explore'): string {
  const out: string[] = [];
  const design = r.mutant ? `mutant ${r.mutant}` : 'correct design';
  out.push(`hotup ${command}: topology ${r.topology}, ${design}, faults ${r.faults.length ? r.faults.join(', ') : 'none'}`);
  out.push(
    `runs ${fmt(r.runs)} (seed ${r.seed})${r.shrinks ? `, ${fmt(r.shrinks)} shrink steps` : ''}; steps ${fmt(r.steps)} in ${r.seconds.toFixed(2)} s = ${fmt(r.steps / Math.max(r.seconds, 1e-9))} steps/s; invariant checks ${fmt(r.invariantChecks)}; LIVE-* checked at the end of every run`,
  );
  if (r.coverage.length) {
    out.push('coverage (visited / all that toDirectedGraph lists):');
    out.push(`  ${'machine'.padEnd(9)} ${'states'.padStart(7)} ${'transitions'.padStart(12)}`);
    for (const c of r.coverage) {
      out.push(`  ${c.machine.padEnd(9)} ${`${c.states[0]}/${c.states[1]}`.padStart(7)} ${`${c.transitions[0]}/${c.transitions[1]}`.padStart(12)}`);
    }
    const missed = uncovered(createComponents(designOf(r.mutant)), r.visited);
    if (missed.length) {
      const proofs = loadCoverageProofs();
      out.push('not covered, and why:');
      for (const u of missed) out.push(`  ${u.machine} ${u.kind} ${u.id}: ${uncoveredReason(u, r.topology, r.mutant, r.faults, proofs)}`);
    }
  }
  out.push('properties (INV-*: steps that ended where the premise held; LIVE-*: runs whose settled state owed it):');
  out.push(...vacuityLines(r.exercised, 'step', 'run', r.counterexample?.violation.id ?? null));
  const cx = r.counterexample;
  if (!cx) {
    out.push('no violation');
  } else {
    out.push('');
    out.push(`VIOLATION ${cx.violation.id}: ${cx.violation.message}`);
    out.push(`counterexample (${cx.steps.length} steps, shrunk; seed ${cx.seed}, path ${cx.path}):`);
    out.push(cx.trace);
    out.push(`replay: ${cx.replay}`);
  }
  return out.join('\n');
}

/** The JSON form of an exploration (what --json prints). */
export function exploreJson(r: ExploreResult): unknown {
  const { visited: _visited, lastRun: _lastRun, ...rest } = r;
  const cx = r.counterexample;
  return {
    ...rest,
    stepsPerSecond: r.steps / Math.max(r.seconds, 1e-9),
    counterexample: cx && {
      violation: cx.violation,
      seed: cx.seed,
      path: cx.path,
      commandsPath: cx.commandsPath,
      replay: cx.replay,
      trace: cx.trace.split('\n'),
      steps: cx.steps.map((s) => ({ ...s.env, fair: s.fair === true })),
    },
  };
}
