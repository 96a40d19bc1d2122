import { join } from 'node:path';
import type { Command } from 'commander';
import { diagramFiles } from '../diagram/diagram-files.js';
import { checkOutputDir, writeOutputs } from './output.js';

const EXAMPLES = `
Examples:
  npx hotup diagram                 # into docs/diagrams
  npx hotup diagram --out /tmp/d    # the folder is made when missing`;

/** `hotup diagram [--out dir]`: every machine and preset topology as Mermaid and SVG. */
export function registerDiagramCommand(program: Command): void {
  program
    .command('diagram')
    .description('write every machine (Mermaid stateDiagram-v2 and Graphviz SVG), every preset topology and two example counterexamples (sequence charts)')
    .option('--out <dir>', 'the folder to write them into (made when missing)', 'docs/diagrams')
    .addHelpText('after', EXAMPLES)
    .action(async (flags: { out: string }) => {
      checkOutputDir('--out', flags.out);
      const files = await diagramFiles();
      writeOutputs([...files].map(([name, text]) => ({ flag: '--out', path: join(flags.out, name), text })));
      process.stdout.write(`hotup diagram: wrote ${files.size} files to ${flags.out}: ${[...files.keys()].join(', ')}\n`);
    });
}
