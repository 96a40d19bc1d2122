import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { diagramFiles } from '../diagram/diagram-files.js';

/** `hotup diagram [--out dir]`: every machine and preset topology as Mermaid and SVG. */
export function registerDiagramCommand(program: Command): void {
  program
    .command('diagram')
    .description('write every machine (Mermaid stateDiagram-v2 and Graphviz SVG), every preset topology and two example counterexamples (sequence charts)')
    .option('--out <dir>', 'where to write them', 'docs/diagrams')
    .action(async (flags: { out: string }) => {
      const files = await diagramFiles();
      mkdirSync(flags.out, { recursive: true });
      for (const [name, text] of files) writeFileSync(join(flags.out, name), text);
      process.stdout.write(`hotup diagram: wrote ${files.size} files to ${flags.out}: ${[...files.keys()].join(', ')}\n`);
    });
}
