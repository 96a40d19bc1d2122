import { verdictText, type CheckTargetRow } from './check-targets.js';

/** What the aims section reads of SPIN's run on the claims-10-11 row of bench/results/peers.json. */
export interface SpinRow {
  readonly topology: string;
  readonly faults: readonly string[];
  readonly userChanges?: number | null;
  readonly spin: { readonly states: number; readonly statesPerSecond: number } | null;
  readonly spinBest?: { readonly search: { readonly mode: string; readonly seconds: number } | null } | null;
  readonly spinModes?: Readonly<Record<string, { readonly states: number } | undefined>>;
}

const num = (n: number): string => Math.round(n).toLocaleString('en-US');

/** The searches that have a time to a verdict as their aim: default store, keeping only the history the INV-* read. */
function aimedRows(rows: readonly CheckTargetRow[]): CheckTargetRow[] {
  return rows.filter((r) => r.targetSeconds !== null && r.store === 'auto' && !r.fullHistory);
}

/**
 * The aims of exhaustive checking against what bench check and bench
 * complete measured, and against SPIN's states per second on the same model:
 * the rate each aim needs, as a multiple of the rate measured. A search cut
 * short has more states than it stored, so its needs are lower bounds.
 */
export function aimsMarkdown(rows: readonly CheckTargetRow[], spinRows: readonly SpinRow[]): string {
  const aimed = aimedRows(rows);
  const spin = spinRows.find((r) => r.topology === 'claims-10-11' && r.faults.length === 6 && r.userChanges === 1 && r.spin !== null);
  const lines = [
    '## The aims of exhaustive checking, and how far they are',
    '',
    'Rendered from bench/results/check.json (`npm run bench -- --only check`), complete.json (`--only complete`) and peers.json (`npm run bench:peers`); do not edit by hand. Every fault and one user change, INV-* only, one worker, the default store and history. A search cut short has more states than it stored, so what it needs is at least the figure given.',
    '',
    '| aim | topology | verdict | states | seconds | states/s | states/s the aim needs | times the rate measured |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...aimed.map((r) => {
      const complete = r.cutBy === null;
      const at = complete ? '' : 'at least ';
      const need = r.states / r.targetSeconds!;
      return `| a verdict in ${r.targetSeconds} s | ${r.topology} | ${verdictText({ ...r, verdict: r.verdict.toUpperCase() })} | ${complete ? '' : 'more than '}${num(r.states)} | ${r.seconds.toFixed(1)} | ${num(r.statesPerSecond)} | ${at}${num(need)} | ${at}${(need / r.statesPerSecond).toFixed(2)} |`;
    }),
    '',
  ];
  if (spin?.spin) {
    const rate = spin.spin.statesPerSecond;
    const best = spin.spinBest?.search;
    const reduced = spin.spinModes?.['default']?.states;
    const reduction = reduced === undefined ? '' : reduced === spin.spin.states ? ' (its partial-order reduction stores as many: [partial-order.md](partial-order.md))' : ` (${num(reduced)} with its partial-order reduction)`;
    lines.push(
      `SPIN on the Promela twin of claims-10-11 with every fault and one user change stored ${num(rate)} states per second on one core without reduction${reduction}${best ? `, and took ${best.seconds.toFixed(1)} s in its best mode (${best.mode})` : ''}, over the ${num(spin.spin.states)} states of the twin, which keeps every fault bit and monitor. At that one-core rate the default check's states would take:`,
      '',
      ...aimed.map((r) => `- ${r.topology}: ${r.cutBy === null ? '' : 'at least '}${(r.states / rate).toFixed(1)} s for its ${r.cutBy === null ? '' : 'first '}${num(r.states)} states (aim ${r.targetSeconds} s).`),
      '',
    );
  }
  return lines.join('\n');
}
