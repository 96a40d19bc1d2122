import { CORRECT_DESIGN, type Design } from '../../machines/design.js';
import { designOf, mutantById } from '../mutants.js';
import type { Topology } from '../topology/topology.js';
import { upgradeMetrics, type UpgradeMetrics } from './upgrade-metrics.js';
import { runUpgrade } from './upgrade-run.js';

/** One way of upgrading, run under the correct design and under today's practice. */
export interface Scenario {
  readonly title: string;
  readonly note: string;
  readonly columns: readonly { readonly title: string; readonly metrics: UpgradeMetrics }[];
}

/** The comparison of one topology. */
export interface Comparison {
  readonly topology: Topology;
  readonly scenarios: readonly Scenario[];
}

/** The design a tool that does not wait for the notification runs under (MUT-PARALLEL-UPGRADE's switch on top). */
const parallel = (d: Design): Design => ({ ...d, ...mutantById('MUT-PARALLEL-UPGRADE').flip });

/**
 * The same rolling upgrade under the correct design and under MUT-PRIOR-ART
 * (unloading a child unregisters its netdevs, loading registers them again),
 * alone and with user space enslaving each re-created netdev to bond0 again
 * at once (as NetworkManager or ifupdown would),
 * and the same again with a tool that unloads the next child before the last
 * one's notification (a forced parallel upgrade).
 */
export function compareDesigns(topology: Topology): Comparison {
  const prior = designOf('MUT-PRIOR-ART');
  const column = (title: string, d: Design, reenslave = false) => ({ title, metrics: upgradeMetrics(runUpgrade(topology, d, undefined, { reenslave })) });
  return {
    topology,
    scenarios: [
      {
        title: 'rolling upgrade',
        note: 'the tool upgrades one child at a time and waits for its upgrade-finished notification',
        columns: [column('correct design', CORRECT_DESIGN), column('MUT-PRIOR-ART', prior), column('MUT-PRIOR-ART, user space re-enslaves', prior, true)],
      },
      {
        title: 'forced parallel upgrade',
        note: "the tool unloads the next child before the last one's notification (MUT-PARALLEL-UPGRADE's switch)",
        columns: [column('correct design', parallel(CORRECT_DESIGN)), column('MUT-PRIOR-ART', parallel(prior))],
      },
    ],
  };
}
