import { growingTopology } from '../scenarios/topologies.js';
import { checkTargetTable, runTargets, type CheckTargetRow } from './check-targets.js';
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
