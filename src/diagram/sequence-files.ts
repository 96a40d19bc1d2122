import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Violation } from '../../properties/property.js';
import type { TraceStep } from '../trace/trace.js';
import type { Topology } from '../topology/topology.js';
import { sequenceMermaidOf } from './sequence-mermaid.js';
import { sequenceModel } from './sequence-model.js';
import { sequenceSvgOf } from './sequence-svg.js';

/** The Mermaid and SVG paths a `--seq-out` argument names: `x.mmd` and `x.svg` beside each other. */
function sequencePaths(file: string): { mermaid: string; svg: string } {
  const base = file.replace(/\.(mmd|svg)$/, '');
  return { mermaid: `${base}.mmd`, svg: `${base}.svg` };
}

/** Writes a run's sequence chart as Mermaid and as SVG (see `sequencePaths`); returns the paths written. */
export function writeSequenceChart(file: string, topology: Topology, steps: readonly TraceStep[], violation: Violation | null): string[] {
  const paths = sequencePaths(file);
  const model = sequenceModel(topology, steps, violation);
  mkdirSync(dirname(paths.mermaid), { recursive: true });
  writeFileSync(paths.mermaid, sequenceMermaidOf(model));
  writeFileSync(paths.svg, sequenceSvgOf(model));
  return [paths.mermaid, paths.svg];
}
