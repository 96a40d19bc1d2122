import { MUTANT_OF_FLAG, variantOf } from './variants.js';

/** What a scenario's log must get from `hotup conform`. */
export interface Expectation {
  /** conform's exit status: 0 conforming, 1 not conforming. */
  readonly exit: 0 | 1;
  /** A design of src/mutants.ts the diagnosis must name (with exit 1). */
  readonly mutant?: string;
  /** A property whose excuse the verdict must list (with exit 0). */
  readonly excuse?: string;
  /** The upgrade tool's exit status: 0 done, 1 stopped and reported. */
  readonly tool?: 0 | 1;
  /** The version `ethtool -i` must show on every netdev at the end. */
  readonly version?: string;
}

/** One scenario of the one boot: a topology, the build it boots, the actions in the guest. */
export interface KernelScenario {
  readonly name: string;
  readonly topology: 'claims-1-9' | 'claims-10-11';
  readonly design: string;
  /** What the scenario shows, for the report. */
  readonly what: string;
  readonly boot: string;
  /** Lines of the guest's plan (guest-init.sh: upgrade, forced). */
  readonly actions: readonly string[];
  readonly expect: Expectation;
}

export const NPORTS = { 'claims-1-9': 2, 'claims-10-11': 3 } as const;

/** The names `hotup import` maps to the model's: ethN, hotup_cK, hotup_parent.port.N. */
export function namesOf(topology: KernelScenario['topology']): string {
  const n = NPORTS[topology];
  const ports = Array.from({ length: n }, (_, i) => [`eth${i}=N${i + 1}`, `hotup_parent.port.${i}=S${i + 1}`]).flat();
  return [...ports, 'hotup_c1=C1', 'hotup_c2=C2'].join(',');
}

const upgrade = (mut: string | null, version: number, opts: { reenslave?: boolean; c1?: string; c2?: string } = {}): string =>
  `upgrade ${variantOf(mut, version).name} ${version} ${opts.reenslave ? 1 : 0} ${opts.c1 ?? '-'} ${opts.c2 ?? '-'}`;

function rolling(topology: KernelScenario['topology']): KernelScenario {
  return {
    name: `${topology}-rolling`, topology, design: 'correct', boot: 'v1',
    what: 'rolling upgrade of every child, twice (v1 -> v2 -> v3); the whole log judged as one trace, and each round on its own too',
    actions: [upgrade(null, 2), upgrade(null, 3)],
    expect: { exit: 0, tool: 0, version: '3' },
  };
}

function priorArt(topology: KernelScenario['topology']): KernelScenario {
  return {
    name: `${topology}-prior-art`, topology, design: 'MUT-PRIOR-ART', boot: variantOf('PRIOR_ART', 1).name,
    what: 'prior art: unload unregisters the netdevs, load registers new ones; the tool enslaves them again',
    actions: [upgrade('PRIOR_ART', 2, { reenslave: true })],
    expect: { exit: 1, mutant: 'MUT-PRIOR-ART', tool: 0 },
  };
}

/** How long the held transmit stays in C1's ndo_start_xmit: longer than the tool takes to start and unload C1. */
export const HOLD_MS = 2000;

/** Mutants whose effect shows only with a transmit in flight through the departing child's code. */
const NEEDS_HELD_XMIT: readonly string[] = ['NO_DRAIN'];

function mutantScenario(flag: string): KernelScenario {
  const id = MUTANT_OF_FLAG[flag]!;
  const held = NEEDS_HELD_XMIT.includes(flag);
  // A held transmit on claims-10-11 is drained anyway: C1's first remove() closes a link, linkwatch
  // (dev_deactivate_many(): synchronize_net() under RTNL) waits for it, and C1's second remove() waits for RTNL.
  const topology = held ? 'claims-1-9' : 'claims-10-11';
  return {
    name: `${topology}-${id.toLowerCase()}`, topology, design: id, boot: variantOf(flag, 1).name,
    what: `rolling upgrade (v1 -> v2) built with HOTUP_MUT_${flag}${held ? `, a transmit held ${HOLD_MS} ms in C1's ndo_start_xmit as the tool unloads C1` : ''}`,
    actions: [...(held ? [`hold ${HOLD_MS}`] : []), upgrade(flag, 2)],
    expect: { exit: 1, mutant: id, tool: 0 },
  };
}

/** Every scenario, in the order the guest runs them. */
export const SCENARIOS: readonly KernelScenario[] = [
  rolling('claims-1-9'),
  rolling('claims-10-11'),
  priorArt('claims-1-9'),
  priorArt('claims-10-11'),
  {
    name: 'claims-1-9-held-xmit', topology: 'claims-1-9', design: 'correct', boot: 'v1',
    what: `rolling upgrade (v1 -> v2) with a transmit held ${HOLD_MS} ms in C1's ndo_start_xmit as the tool unloads C1: remove() waits for it (synchronize_rcu()) before module exit returns`,
    actions: [`hold ${HOLD_MS}`, upgrade(null, 2)],
    expect: { exit: 0, tool: 0, version: '2' },
  },
  {
    name: 'claims-10-11-forced-unload', topology: 'claims-10-11', design: 'correct', boot: 'v1',
    what: "an operator unloads C1 and at once C2 (FAULT-FORCED-UNLOAD): both are down at once, and C2's fail-over finds no slave with carrier; the upgrade tool then loads both at version 2",
    actions: [`forced ${variantOf(null, 2).name} 2`],
    expect: { exit: 0, excuse: 'INV-BOND-UP', tool: 0, version: '2' },
  },
  {
    name: 'claims-10-11-probe-fail', topology: 'claims-10-11', design: 'correct', boot: 'v1',
    what: "C1's new version fails to probe S3 (FAULT-PROBE-FAIL): the tool stops and reports",
    actions: [upgrade(null, 2, { c1: 'fail_probe=2' })],
    expect: { exit: 0, tool: 1 },
  },
  {
    name: 'claims-10-11-notify-lost', topology: 'claims-10-11', design: 'correct', boot: 'v1',
    what: "C1's upgrade-finished notification is lost (FAULT-NOTIFY-LOST): the tool times out and reports",
    actions: [upgrade(null, 2, { c1: 'lose_notify=1' })],
    expect: { exit: 0, tool: 1 },
  },
  ...Object.keys(MUTANT_OF_FLAG).filter((f) => f !== 'PRIOR_ART').map(mutantScenario),
];

/** The guest's plan (sourced by guest-init.sh). */
export function planScript(scenarios: readonly KernelScenario[]): string {
  return `${scenarios.flatMap((s, i) => [`scen ${i} ${s.name} ${NPORTS[s.topology]} ${s.boot}`, ...s.actions, 'endscen']).join('\n')}\n`;
}
