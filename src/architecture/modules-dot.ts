import { attrs, DOT_DEFAULTS, q } from '../diagram/dot.js';
import type { FolderGraph } from './folder-graph.js';
import type { Violation } from './violations.js';
import { offendingEdges } from './violations.js';

/**
 * A line count rounded to two significant digits (tens below 100), with
 * thousands separators: the diagram shows the size of a folder without going
 * stale at every edit.
 */
export function approxLines(n: number): string {
  const step = Math.max(10, 10 ** (String(Math.round(n)).length - 2));
  return String(Math.max(step, Math.round(n / step) * step)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const RED = '#cf222e';

/**
 * The folder graph as a Graphviz digraph: one rank per layer of `layers`, the
 * bottom layer at the bottom, an arrow from each unit to each unit it imports
 * labelled with the number of file imports. Units no layer lists, and edges
 * that break the order, are drawn in red.
 */
export function modulesDot(graph: FolderGraph, layers: readonly (readonly string[])[], violations: readonly Violation[]): string {
  const out: string[] = ['digraph "modules" {', ...DOT_DEFAULTS.map((l) => `  ${l}`)];
  out.push(`  graph${attrs({ rankdir: 'TB', newrank: 'true', label: 'hotup: folders and their imports (arrow: imports; lower layers below)' })};`);
  out.push('  node [shape=box, style="rounded,filled", fillcolor="#f6f8fa", color="#57606a"];');
  out.push('  edge [color="#57606a"];');
  const node = (unit: string, extra: Record<string, string> = {}): string => {
    const size = graph.units.get(unit)!;
    return `${q(unit)}${attrs({ label: `${unit}\n≈ ${approxLines(size.lines)} lines`, ...extra })};`;
  };
  const present = layers.map((l, i) => ({ i, units: l.filter((u) => graph.units.has(u)) })).filter((l) => l.units.length > 0);
  for (const { i, units } of present) {
    const label = `${q(`layer ${i}`)} [shape=plaintext, style="", fontcolor="#57606a"];`;
    out.push(`  { rank=same; ${[label, ...units.map((u) => node(u))].join(' ')} }`);
  }
  const listed = new Set(layers.flat());
  for (const u of graph.units.keys()) if (!listed.has(u)) out.push(`  ${node(u, { color: RED, fontcolor: RED })}`);
  // Invisible edges between the layer labels keep the layers in order where no import does.
  for (let k = present.length - 1; k > 0; k--) out.push(`  ${q(`layer ${present[k]!.i}`)} -> ${q(`layer ${present[k - 1]!.i}`)} [style=invis];`);
  const bad = offendingEdges(violations);
  for (const e of graph.edges) {
    const wrong = bad.has(`${e.from} -> ${e.to}`);
    const extra = wrong ? { color: RED, fontcolor: RED, constraint: 'false' } : {};
    out.push(`  ${q(e.from)} -> ${q(e.to)}${attrs({ label: String(e.imports.length), ...extra })};`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}
