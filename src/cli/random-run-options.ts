import { Option, type Command } from 'commander';
import { FAULTS, type FaultId } from '../model/faults.js';
import { DEFAULT_TOPOLOGY } from '../topology/presets.js';
import { loadTopology } from '../topology/parse.js';
import type { Topology } from '../topology/topology.js';
import { faultsOption, intOption, mutantOption, propertiesOption, topologyOption } from './options.js';

/** The flags of a random exploration, as commander parses them: `explore`, `replay` and `report` take them alike. */
export interface RandomRunFlags {
  topology: Topology;
  runs: number;
  steps: number;
  seed: number;
  mutant?: string;
  faults: FaultId[];
  property?: string[];
}

/** Adds the flags of RandomRunFlags to `cmd`, with `stepsHelp` saying what a step counts there. */
export function randomRunOptions(cmd: Command, stepsHelp: string): Command {
  return cmd
    .addOption(new Option('--topology <name|file>', 'a preset (hotup list) or a JSON topology file (docs/topology-format.md)').default(loadTopology(DEFAULT_TOPOLOGY), DEFAULT_TOPOLOGY).argParser(topologyOption))
    .addOption(new Option('--runs <n>', 'number of random runs').default(100).argParser(intOption('--runs', 1, 10_000_000)))
    .addOption(new Option('--steps <n>', stepsHelp).default(40).argParser(intOption('--steps', 1, 100_000)))
    .addOption(new Option('--seed <n>', 'fast-check seed').default(42).argParser(intOption('--seed', 0, 2 ** 31 - 1)))
    .addOption(new Option('--mutant <id>', 'explore a broken design (MUT-*)').argParser(mutantOption))
    .addOption(new Option('--faults <list>', "faults to inject: 'all', 'none' or FAULT-* ids").default([...FAULTS], 'all').argParser(faultsOption))
    .addOption(new Option('--property <ids>', 'check only these INV-*/LIVE-* ids (comma-separated)').argParser(propertiesOption));
}
