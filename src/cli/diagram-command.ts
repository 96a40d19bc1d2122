import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { diagramFiles, topologyDiagramFiles } from '../diagram/diagram-files.js';
import type { Topology } from '../topology/topology.js';
import { topologyOption } from './options.js';

/** `hotup diagram [--out dir]`: every machine and preset topology as Mermaid and SVG. */
export function registerDiagramCommand(program: Command): void {
  program
    .command('diagram')
    .description('write every machine (Mermaid stateDiagram-v2 and Graphviz SVG), every preset topology and two example counterexamples (sequence charts)')
    .option('--out <dir>', 'where to write them (default: docs/diagrams; with --topology, the current directory)')
    .addOption(new Option('--topology <name|file>', "draw only this topology (a preset or a JSON topology file): topology-<name>.mmd and .svg").argParser(topologyOption))
    .action(async (flags: { out?: string; topology?: Topology }) => {
      const out = flags.out ?? (flags.topology ? '.' : 'docs/diagrams');
      const files = flags.topology ? await topologyDiagramFiles(flags.topology) : await diagramFiles();
      mkdirSync(out, { recursive: true });
      for (const [name, text] of files) writeFileSync(join(out, name), text);
      process.stdout.write(`hotup diagram: wrote ${files.size} files to ${out}: ${[...files.keys()].join(', ')}\n`);
    });
}
