import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Option, type Command } from 'commander';
import { compareDesigns } from '../report/compare.js';
import { comparisonMarkdown, comparisonText } from '../report/comparison-format.js';
import { COMPARISON_TOPOLOGIES } from '../report/generated-docs.js';
import { PRESETS } from '../topology/presets.js';
import type { Topology } from '../topology/topology.js';
import { topologyOption } from './options.js';

/** `hotup compare [--topology ...] [--out file]`: the correct design against MUT-PRIOR-ART, side by side. */
export function registerCompareCommand(program: Command): void {
  program
    .command('compare')
    .description('run the same rolling upgrade (and a forced parallel one) under the correct design and under MUT-PRIOR-ART, side by side')
    .addOption(new Option('--topology <name|file>', `a preset or a JSON topology file (default: ${COMPARISON_TOPOLOGIES.join(' and ')})`).argParser(topologyOption))
    .option('--out <file>', 'also write the tables as Markdown (docs/comparison.md is this, for the default topologies)')
    .action((flags: { topology?: Topology; out?: string }) => {
      const topologies = flags.topology ? [flags.topology] : COMPARISON_TOPOLOGIES.map((n) => PRESETS[n]!);
      const comparisons = topologies.map(compareDesigns);
      process.stdout.write(`${comparisons.map(comparisonText).join('\n\n')}\n`);
      if (flags.out) {
        mkdirSync(dirname(flags.out), { recursive: true });
        writeFileSync(flags.out, comparisonMarkdown(comparisons));
        process.stdout.write(`wrote ${flags.out}\n`);
      }
    });
}
