import { CLAIM_12_TOPOLOGY, CLAIMS_CORRECT, CLAIMS_MUTANTS, topologyOf } from '../../scenarios/index.js';
import type { Topology } from '../topology/topology.js';

/** A patent claim, restated, with what the model leaves out of it. */
export interface Claim {
  readonly number: number;
  readonly statement: string;
  /** The topologies its checks run on. */
  readonly topologies: readonly string[];
  /** What of the claim no check covers. */
  readonly gaps: string;
}

export { CLAIM_12_TOPOLOGY };

/**
 * Every topology a claim is checked on, from the scenarios of docs/claims.md
 * (scenarios/claims.ts): the correct design is explored on all, the mutants
 * where a scenario explores them.
 */
export const CLAIM_TOPOLOGIES: readonly { readonly topology: Topology; readonly mutants: boolean }[] = CLAIMS_CORRECT.map((s) => ({
  topology: topologyOf(s.topology),
  mutants: CLAIMS_MUTANTS.some((m) => m.topology === s.topology),
}));

const C1_9 = ['claims-1-9'];
const C10_11 = ['claims-10-11', 'claims-10-11-xor', 'claims-10-11-primary'];

/** Claims 1 to 12 of patent.md, in its words, shortened. */
export const CLAIMS: readonly Claim[] = [
  {
    number: 1,
    statement: "Short-circuit and take-over: while C_k is loaded the parent's tables for N_i delegate to C_k's; while C_k is unloaded the parent takes N_i over; N_i is never deleted and re-created.",
    topologies: C1_9,
    gaps: 'net_device_ops and ethtool_ops switch together (one holder per netdev); of the calls only transmit is modelled.',
  },
  { number: 2, statement: 'The same for the second child and its netdevs.', topologies: C1_9, gaps: 'as claim 1.' },
  {
    number: 3,
    statement: 'An upgrade is an unload, then a load of the new version, of one child.',
    topologies: C1_9,
    gaps: 'versions 1 and 2 behave alike: the model checks the procedure, not what the new code does.',
  },
  {
    number: 4,
    statement: "While C_k is loaded, N_i's link traffic is processed by S_i driven by C_k.",
    topologies: C1_9,
    gaps: 'transmit only; receive is not modelled.',
  },
  {
    number: 5,
    statement: "N1 and N2 are one bond; when C1 is unloaded the parent closes N1's link and N1's traffic moves to N2's link, processed by S2 under C2 (and symmetrically).",
    topologies: C1_9,
    gaps: "the order is the model's choice (make before break: the bond's active slave moves before the link closes); where the patent leaves it open, model.md says why.",
  },
  {
    number: 6,
    statement: "When C1 is loaded again it matches S1 and an upgrade-finished notification is sent (in the model by the parent, on C1's call that its load is complete, as docs/model.md decides); the parent opens N1's link and N1's traffic returns to S1 under C1.",
    topologies: C1_9,
    gaps: "the notification's latency is not modelled, only its loss (FAULT-NOTIFY-LOST) and the tool's time-out.",
  },
  {
    number: 7,
    statement: 'The notification reaches the user through netlink or a character device.',
    topologies: ['claims-1-9', 'claims-10-11-primary'],
    gaps: 'the channel is a label on the notification (netlink on claims-1-9, chardev on claims-10-11-primary), not a model of either interface.',
  },
  {
    number: 8,
    statement: "C1 and C2 are upgraded in turn and never unloaded at the same time; N1 stays during C1's upgrade and N2 during C2's.",
    topologies: C1_9,
    gaps: 'none beyond the tool being the only one to unload children on purpose (an operator rmmod is FAULT-FORCED-UNLOAD, which excuses INV-BOND-UP).',
  },
  {
    number: 9,
    statement: 'Children reach their sub-devices through the virtual bus; the parent sits on the physical bus.',
    topologies: C1_9,
    gaps: "buses are labels and id tables checked by INV-BUS, not a model of the driver core's matching.",
  },
  {
    number: 10,
    statement: "A third netdev N3 with S3, also bound by C1, gets the same short-circuit and take-over; while C1 is loaded N3's traffic is processed by S3 under C1.",
    topologies: C10_11,
    gaps: 'as claim 1.',
  },
  {
    number: 11,
    statement: "N1, N2, N3 are one bond: when C1 is unloaded N3's link closes too and its traffic moves to N2; when C1 is loaded again it matches S3, N3's link opens and its traffic returns; N3 stays during C1's upgrade.",
    topologies: C10_11,
    gaps: 'as claim 5; balance-xor and a primary slave with up/down delays are checked on their own presets.',
  },
  {
    number: 12,
    statement: '(cut off) "the several netdevs further include a third netdev and ...": the same pattern with more netdevs and children, any binding map.',
    topologies: ['claim-12'],
    gaps: 'the claim text is cut off and no property names claim 12: every INV-* and LIVE-* runs on a topology with a fourth netdev and a third child (claim-12: N1, N3 on C1; N2 on C2; N4 on C3).',
  },
];
