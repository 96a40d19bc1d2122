import type { AnyStateMachine } from 'xstate';
import { CORRECT_DESIGN } from '../../machines/design.js';
import { explore } from '../explore/explore.js';
import { createComponents } from '../model/components.js';
import { PRESETS } from '../topology/presets.js';
import type { Topology } from '../topology/topology.js';
import { machineDot } from './machine-dot.js';
import { machineGraph } from './machine-graph.js';
import { machineMermaid } from './machine-mermaid.js';
import { renderSvg } from './render.js';
import { sequenceMermaidOf } from './sequence-mermaid.js';
import { sequenceModel } from './sequence-model.js';
import { sequenceSvgOf } from './sequence-svg.js';
import { topologyDot } from './topology-dot.js';
import { topologyMermaid } from './topology-mermaid.js';
import { topologyParts } from './topology-parts.js';

/** The component machines of the correct design, in the order the docs show them. */
export function diagramMachines(): AnyStateMachine[] {
  return Object.values(createComponents(CORRECT_DESIGN)) as AnyStateMachine[];
}

/** Mutants whose counterexample the docs show as a sequence chart: a lost packet, and two children down. */
const EXAMPLE_MUTANTS = ['MUT-NO-WAIT-FAILOVER', 'MUT-PARALLEL-UPGRADE'];

/** Per machine a Mermaid `stateDiagram-v2` and a Graphviz SVG. */
async function machineFiles(files: Map<string, string>): Promise<void> {
  for (const m of diagramMachines()) {
    const g = machineGraph(m);
    files.set(`${m.id}.mmd`, machineMermaid(g));
    files.set(`${m.id}.svg`, await renderSvg(machineDot(g)));
  }
}

/** One topology's picture, a Mermaid flowchart and an SVG: `topology-<name>.mmd` and `.svg`. */
export async function topologyDiagramFiles(t: Topology): Promise<Map<string, string>> {
  const p = topologyParts(t);
  return new Map([
    [`topology-${t.name}.mmd`, topologyMermaid(p)],
    [`topology-${t.name}.svg`, await renderSvg(topologyDot(p))],
  ]);
}

/** Per preset topology a Mermaid flowchart and an SVG. */
async function topologyFiles(files: Map<string, string>): Promise<void> {
  for (const t of Object.values(PRESETS)) for (const [name, text] of await topologyDiagramFiles(t)) files.set(name, text);
}

/** The example mutants' shrunk counterexamples on claims-1-9, without faults (`hotup explore`'s seed and budget). */
function sequenceFiles(files: Map<string, string>): void {
  const topology = PRESETS['claims-1-9']!;
  for (const mutant of EXAMPLE_MUTANTS) {
    const cx = explore({ topology, mutant, runs: 100, steps: 40, seed: 42, faults: [] }).counterexample;
    if (!cx) throw new Error(`${mutant} no longer fails on ${topology.name}: pick another example for the docs`);
    const model = sequenceModel(topology, cx.steps, cx.violation);
    files.set(`counterexample-${mutant}.mmd`, sequenceMermaidOf(model));
    files.set(`counterexample-${mutant}.svg`, sequenceSvgOf(model));
  }
}

/**
 * Every diagram `hotup diagram` writes, by file name: each machine and each
 * preset topology as Mermaid and SVG, and two example counterexamples as
 * sequence charts. The same model always gives the same bytes.
 */
export async function diagramFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  await machineFiles(files);
  await topologyFiles(files);
  sequenceFiles(files);
  return files;
}
