import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { diagramFiles, topologyDiagramFiles } from '../diagram/diagram-files.js';
import type { Topology } from '../topology/topology.js';
import { topologyOption } from './options.js';
import { checkOutputDir, writeOutputs } from './output.js';

const EXAMPLES = `
Examples:
  npx hotup diagram                                   # into docs/diagrams
  npx hotup diagram --out /tmp/d                      # the folder is made when missing
  npx hotup diagram --topology ./my-topology.json     # that topology only, into the current directory`;

/** `hotup diagram [--out dir] [--topology t]`: every machine and preset topology (or one topology) as Mermaid and SVG. */
export function registerDiagramCommand(program: Command): void {
  program
    .command('diagram')
    .description('write every machine (Mermaid stateDiagram-v2 and Graphviz SVG), every preset topology and two example counterexamples (sequence charts)')
    .option('--out <dir>', 'the folder to write them into, made when missing (default: docs/diagrams; with --topology, the current directory)')
    .addOption(new Option('--topology <name|file>', 'draw only this topology (a preset or a JSON topology file): topology-<name>.mmd and .svg').argParser(topologyOption))
    .addHelpText('after', EXAMPLES)
    .action(async (flags: { out?: string; topology?: Topology }) => {
      const out = flags.out ?? (flags.topology ? '.' : 'docs/diagrams');
      checkOutputDir('--out', out);
      const files = flags.topology ? await topologyDiagramFiles(flags.topology) : await diagramFiles();
      writeOutputs([...files].map(([name, text]) => ({ flag: '--out', path: join(out, name), text })));
      process.stdout.write(`hotup diagram: wrote ${files.size} files to ${out}: ${[...files.keys()].join(', ')}\n`);
    });
}
