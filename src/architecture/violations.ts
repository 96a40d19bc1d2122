import { compare, unitOf, type FileImport, type FolderEdge, type FolderGraph } from './folder-graph.js';
import { layerOf } from './layers.js';

/** A way the folder graph breaks the layer order. */
export type Violation =
  | { readonly kind: 'upward'; readonly from: string; readonly to: string; readonly imports: readonly FileImport[] }
  /** A loop between units, with the imports that close it: its upward ones, or else those within a layer. */
  | { readonly kind: 'cycle'; readonly units: readonly string[]; readonly imports: readonly FileImport[] }
  | { readonly kind: 'unlisted'; readonly unit: string };

/**
 * The strongly connected components of the graph with more than one unit:
 * the loops between folders. Each sorted, and sorted by their first unit.
 */
export function folderCycles(units: readonly string[], edges: readonly FolderEdge[]): string[][] {
  const next = new Map<string, string[]>(units.map((u) => [u, []]));
  for (const e of edges) next.get(e.from)?.push(e.to);
  // Tarjan's algorithm.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (u: string): void => {
    index.set(u, index.size);
    low.set(u, index.get(u)!);
    stack.push(u);
    for (const w of next.get(u) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(u, Math.min(low.get(u)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(u, Math.min(low.get(u)!, index.get(w)!));
    }
    if (low.get(u) !== index.get(u)) return;
    const scc: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      scc.push(w);
    } while (w !== u);
    if (scc.length > 1) found.push(scc.sort(compare));
  };
  for (const u of units) if (!index.has(u)) visit(u);
  return found.sort((a, b) => compare(a[0]!, b[0]!));
}

/**
 * Every violation of `layers` (bottom first) in `graph`: a unit no layer lists,
 * an edge from a lower layer to a higher one, and a loop between units.
 * Sorted: unlisted units, then upward edges, then loops.
 */
export function layerViolations(graph: FolderGraph, layers: readonly (readonly string[])[]): Violation[] {
  const units = [...graph.units.keys()];
  const unlisted: Violation[] = units.filter((u) => layerOf(u, layers) === undefined).map((unit) => ({ kind: 'unlisted', unit }));
  const upward: Violation[] = graph.edges
    .filter((e) => (layerOf(e.from, layers) ?? Infinity) < (layerOf(e.to, layers) ?? -Infinity))
    .map(({ from, to, imports }) => ({ kind: 'upward', from, to, imports }));
  // A loop is closed by its upward edges, or, when it has none, by its edges within one layer.
  const rise = (e: FolderEdge): number => (layerOf(e.to, layers) ?? Infinity) - (layerOf(e.from, layers) ?? -1);
  const cycles: Violation[] = folderCycles(units, graph.edges).map((scc) => {
    const inside = graph.edges.filter((e) => scc.includes(e.from) && scc.includes(e.to));
    const closing = inside.some((e) => rise(e) > 0) ? inside.filter((e) => rise(e) > 0) : inside.filter((e) => rise(e) === 0);
    return { kind: 'cycle', units: scc, imports: closing.flatMap((e) => e.imports) };
  });
  return [...unlisted, ...upward, ...cycles];
}

/** The folder edges that break a rule, as `from -> to` unit keys, so a diagram can mark them. */
export function offendingEdges(violations: readonly Violation[]): Set<string> {
  const keys = new Set<string>();
  for (const v of violations) {
    if (v.kind === 'upward') keys.add(`${v.from} -> ${v.to}`);
    if (v.kind === 'cycle') for (const i of v.imports) keys.add(`${unitOf(i.from)} -> ${unitOf(i.to)}`);
  }
  return keys;
}

const fileLines = (imports: readonly FileImport[]): string[] => imports.map((i) => `    ${i.from} -> ${i.to}`);

/** The violations as readable text, one per paragraph, naming the offending file imports. */
export function formatViolations(violations: readonly Violation[]): string {
  return violations
    .map((v) => {
      if (v.kind === 'unlisted') return `${v.unit} is in no layer: add it to LAYERS in src/architecture/layers.ts`;
      if (v.kind === 'upward') return [`${v.from} imports ${v.to}, a higher layer:`, ...fileLines(v.imports)].join('\n');
      return [`loop between ${v.units.join(', ')}, closed by:`, ...fileLines(v.imports)].join('\n');
    })
    .join('\n');
}
