import { renderSvg } from '../diagram/render.js';
import { architectureMarkdown } from './architecture-md.js';
import { folderGraph } from './folder-graph.js';
import { ABOUT, LAYERS } from './layers.js';
import { modulesDot } from './modules-dot.js';
import { readSources } from './sources.js';
import { layerViolations } from './violations.js';

/**
 * docs/architecture.md, docs/diagrams/modules.dot and docs/diagrams/modules.svg
 * for the sources under `root`, by path relative to it.
 */
export async function architectureDocs(root: string): Promise<Map<string, string>> {
  const graph = folderGraph(readSources(root));
  const violations = layerViolations(graph, LAYERS);
  const dot = modulesDot(graph, LAYERS, violations);
  return new Map([
    ['docs/architecture.md', architectureMarkdown(graph, LAYERS, ABOUT, violations)],
    ['docs/diagrams/modules.dot', dot],
    ['docs/diagrams/modules.svg', await renderSvg(dot)],
  ]);
}
