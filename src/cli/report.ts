import type { ExploreResult } from '../explore/explore.js';
import { vacuityLines } from '../../properties/vacuity.js';
import { PROPERTY_IDS } from '../../properties/index.js';
import type { MachineCoverage } from '../explore/coverage.js';
import { createComponents } from '../model/components.js';
import { designOf } from '../mutants.js';
import { loadCoverageProofs } from '../report/coverage-proof.js';
import { claimsOf, missesOf, missLines, proofLine } from '../report/coverage-misses.js';

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Uncovered transition pairs listed per machine in the text summary; the rest are counted. */
export const PAIRS_LISTED = 10;

const frac = (x: readonly [number, number]): string => `${x[0]}/${x[1]}`;

/** The coverage table: per machine (with the claims its meta names), each kind of item covered out of all. */
export function coverageTable(coverage: readonly MachineCoverage[], claims: Readonly<Record<string, readonly number[]>>): string[] {
  const out = [
    'coverage (covered / all: states and transitions that toDirectedGraph lists; guard outcomes, true and false of each guarded transition; pairs, two transitions one machine instance takes in a row, of those its graph allows):',
    `  ${'machine'.padEnd(9)} ${'claims'.padEnd(17)} ${'states'.padStart(7)} ${'transitions'.padStart(12)} ${'guard outcomes'.padStart(15)} ${'pairs'.padStart(8)}`,
  ];
  for (const c of coverage) {
    out.push(`  ${c.machine.padEnd(9)} ${(claims[c.machine]?.join(',') ?? '-').padEnd(17)} ${frac(c.states).padStart(7)} ${frac(c.transitions).padStart(12)} ${frac(c.guards).padStart(15)} ${frac(c.pairs).padStart(8)}`);
  }
  return out;
}

/** The human summary of an exploration (or of a replay of one of its counterexamples). */
export function formatExploreSummary(r: ExploreResult, command: 'explore' | 'replay' = 'explore'): string {
  const out: string[] = [];
  const design = r.mutant ? `mutant ${r.mutant}` : 'correct design';
  out.push(`hotup ${command}: topology ${r.topology}, ${design}, faults ${r.faults.length ? r.faults.join(', ') : 'none'}`);
  out.push(
    `runs ${fmt(r.runs)} (seed ${r.seed})${r.shrinks ? `, ${fmt(r.shrinks)} shrink steps` : ''}; steps ${fmt(r.steps)} in ${r.seconds.toFixed(2)} s = ${fmt(r.steps / Math.max(r.seconds, 1e-9))} steps/s; invariant checks ${fmt(r.invariantChecks)}; ${!r.properties || r.properties.some((id) => id.startsWith('LIVE-')) ? 'LIVE-* checked at the end of every run' : 'no LIVE-* checked (--property)'}`,
  );
  if (r.coverage.length) {
    const components = createComponents(designOf(r.mutant));
    out.push(...coverageTable(r.coverage, claimsOf(components)));
    const proofs = loadCoverageProofs();
    const misses = missesOf(components, r.visited, r, proofs);
    if (misses.length) out.push(`not covered, and why (${proofLine(r, proofs)}):`, ...missLines(misses, PAIRS_LISTED));
  }
  out.push('properties (INV-*: steps that ended where the premise held; LIVE-*: runs whose settled state owed it):');
  out.push(...vacuityLines(r.exercised, 'step', 'run', r.counterexample?.violation.id ?? null, r.properties));
  const unchecked = r.properties ? PROPERTY_IDS.filter((id) => !r.properties!.includes(id)) : [];
  if (unchecked.length) out.push(`  not checked (left out by --property): ${unchecked.join(', ')}`);
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

/** Every miss with its reason, and which proof says 'unreachable'. */
function coverageJson(r: ExploreResult): { uncovered: unknown; coverageProof: string } {
  const proofs = loadCoverageProofs();
  return { uncovered: missesOf(createComponents(designOf(r.mutant)), r.visited, r, proofs), coverageProof: proofLine(r, proofs) };
}

/** The JSON form of an exploration (what --json prints). */
export function exploreJson(r: ExploreResult): unknown {
  const { visited: _visited, lastRun: _lastRun, exercised, ...rest } = r;
  const cx = r.counterexample;
  return {
    ...rest,
    // A property left out by --property was not checked: its count says nothing.
    exercised: r.properties ? Object.fromEntries(Object.entries(exercised).filter(([id]) => r.properties!.includes(id))) : exercised,
    ...(r.coverage.length ? coverageJson(r) : {}),
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
