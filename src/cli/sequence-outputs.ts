import type { Violation } from '../../properties/property.js';
import { sequenceMermaidOf } from '../diagram/sequence-mermaid.js';
import { sequenceModel } from '../diagram/sequence-model.js';
import { sequenceSvgOf } from '../diagram/sequence-svg.js';
import type { Topology } from '../topology/topology.js';
import type { TraceStep } from '../trace/trace.js';
import type { OutputFile } from './output.js';

/** The two files a `--seq-out FILE` names: FILE.mmd and FILE.svg (an .mmd or .svg ending is dropped first). */
export function sequencePaths(file: string): { mermaid: string; svg: string } {
  const base = file.replace(/\.(mmd|svg)$/, '');
  return { mermaid: `${base}.mmd`, svg: `${base}.svg` };
}

/** A run's sequence chart as the Mermaid and SVG files `--seq-out` writes. */
export function sequenceOutputs(flag: string, file: string, topology: Topology, steps: readonly TraceStep[], violation: Violation | null): OutputFile[] {
  const paths = sequencePaths(file);
  const model = sequenceModel(topology, steps, violation);
  return [
    { flag, path: paths.mermaid, text: sequenceMermaidOf(model) },
    { flag, path: paths.svg, text: sequenceSvgOf(model) },
  ];
}
