import { Option, type Command } from 'commander';
import { compareDesigns } from '../report/compare.js';
import { comparisonMarkdown, comparisonText } from '../report/comparison-format.js';
import { COMPARISON_TOPOLOGIES } from '../report/generated-docs.js';
import { PRESETS } from '../topology/presets.js';
import type { Topology } from '../topology/topology.js';
import { topologyOption } from './options.js';
import { checkOutputFile, writeOutputs } from './output.js';

const EXAMPLES = `
Examples:
  npx hotup compare                                   # claims-1-9 and claims-10-11
  npx hotup compare --topology claims-10-11-primary --out comparison.md`;

/** `hotup compare [--topology ...] [--out file]`: the correct design against MUT-PRIOR-ART, side by side. */
export function registerCompareCommand(program: Command): void {
  program
    .command('compare')
    .description('run the same rolling upgrade (and a forced parallel one) under the correct design and under MUT-PRIOR-ART, side by side')
    .addOption(new Option('--topology <name|file>', `a preset or a JSON topology file (default: ${COMPARISON_TOPOLOGIES.join(' and ')})`).argParser(topologyOption))
    .option('--out <file>', 'also write the tables as Markdown (docs/comparison.md is this, for the default topologies)')
    .addHelpText('after', EXAMPLES)
    .action((flags: { topology?: Topology; out?: string }) => {
      if (flags.out !== undefined) checkOutputFile('--out', flags.out);
      const topologies = flags.topology ? [flags.topology] : COMPARISON_TOPOLOGIES.map((n) => PRESETS[n]!);
      const comparisons = topologies.map(compareDesigns);
      if (flags.out !== undefined) writeOutputs([{ flag: '--out', path: flags.out, text: comparisonMarkdown(comparisons) }]);
      process.stdout.write(`${comparisons.map(comparisonText).join('\n\n')}\n`);
      if (flags.out !== undefined) process.stdout.write(`wrote ${flags.out}\n`);
    });
}
