import { growingTopology } from '../scenarios/topologies.js';
import { aimMet, checkTargetTable, runTargets, verdictText, type CheckTargetRow } from './check-targets.js';
import { AIM_SECONDS } from './series-rows.js';

/** The time limit of a search run to its end: far past its aim, so the row says how far the aim is. */
export const COMPLETE_SECONDS = 3600;

/** What `npm run bench -- --only complete` measures. */
export interface CompleteBench {
  readonly limitSeconds: number;
  readonly rows: readonly CheckTargetRow[];
}

/**
 * c2-n4 and c3-n4 with every fault and one user change, each run to its
 * verdict however long past the series' 120 s limit it takes (up to
 * COMPLETE_SECONDS): their states and seconds say how far the aim is.
 */
export function benchComplete(log: (line: string) => void = () => {}): CompleteBench {
  const rows = runTargets(
    [
      { name: 'four netdevs, to the end', topology: growingTopology(2, 4), store: 'auto', maxSeconds: COMPLETE_SECONDS, targetSeconds: AIM_SECONDS },
      { name: 'three children, four netdevs', topology: growingTopology(3, 4), store: 'auto', maxSeconds: COMPLETE_SECONDS, targetSeconds: AIM_SECONDS },
    ],
    log,
  );
  return { limitSeconds: COMPLETE_SECONDS, rows };
}

/** The searches run to their end, as a table. */
export function completeTable(b: CompleteBench): string {
  return checkTargetTable(b.rows, `searches run to their verdict, at most ${b.limitSeconds} s each`);
}

/** The searches run to their end as a section of docs/performance.md. */
export function completeMarkdown(b: CompleteBench): string {
  const num = (n: number): string => Math.round(n).toLocaleString('en-US');
  return [
    '## Four netdevs with every fault, to the verdict',
    '',
    `Written by \`npm run bench -- --only complete\` (bench/complete.ts) into bench/results/complete.json; do not edit by hand. Every fault and one user change, INV-* only, one worker, the auto store sized to the machine's memory; each search may run ${b.limitSeconds} s. The aim is a verdict in ${AIM_SECONDS} s.`,
    '',
    '| topology | verdict | states | transitions | wall s | cpu s | states/s | store | bytes/state | rss MB | aim |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |',
    ...b.rows.map(
      (r) =>
        `| ${r.topology} | ${verdictText({ ...r, verdict: r.verdict.toUpperCase() })} | ${num(r.states)} | ${num(r.transitions)} | ${r.seconds.toFixed(1)} | ${r.cpuSeconds.toFixed(1)} | ${num(r.statesPerSecond)} | ${r.storeUsed} | ${r.bytesPerState.toFixed(1)} | ${num(r.rssMB)} | ${r.targetSeconds === null ? '-' : aimMet(r) ? 'met' : 'not met'} |`,
    ),
    '',
  ].join('\n');
}
