import { attrs, DOT_DEFAULTS, htmlText, paddedLabel, q } from './dot.js';
import type { Part, TopologyParts } from './topology-parts.js';

const node = (p: Part, indent: string, extra: Record<string, string> = {}): string => `${indent}${q(p.id)}${attrs({ label: p.label, ...extra })};`;

/** The topology as a Graphviz digraph, user space on top and the PCI bus at the bottom. */
export function topologyDot(p: TopologyParts): string {
  const out: string[] = [`digraph ${q(p.name)} {`, ...DOT_DEFAULTS.map((l) => `  ${l}`)];
  // Crossing reduction across clusters (remincross) would undo the name order the invisible edges ask for.
  out.push(`  graph${attrs({ rankdir: 'TB', label: `topology ${p.name}`, newrank: 'true', ordering: 'out', remincross: 'false' })};`);
  out.push('  node [shape=box, style="rounded,filled", fillcolor="#ffffff"];');
  const group = (id: string, label: string, fill: string, parts: readonly Part[]): void => {
    out.push(`  subgraph ${q(`cluster_${id}`)} {`);
    out.push(`    graph${attrs({ label, style: 'rounded,filled', fillcolor: fill, color: '#d0d7de' })};`);
    for (const x of parts) out.push(node(x, '    '));
    // Boxes of one kind in name order (N1, N2, ...) left to right: invisible edges between neighbours fix the order crossing reduction would otherwise pick.
    if (parts.length > 1) out.push(`    { rank=same; ${parts.map((x) => q(x.id)).join(' -> ')} [style=invis]; }`);
    out.push('  }');
  };
  group('user', 'user space', '#fff8c5', p.userSpace);
  out.push(node(p.bond, '  ', { fillcolor: '#ddf4ff' }));
  group('netdevs', 'netdevs (registered once by the parent)', '#f6f8fa', p.netdevs);
  group('children', 'child drivers (modules)', '#f6f8fa', p.children);
  group('aux', 'auxiliary bus (virtual)', '#fbefff', p.subdevs);
  group('pci', 'PCI bus (physical)', '#fff1e5', [p.parent]);
  for (const l of p.links) {
    const style = l.dashed ? 'dashed' : undefined;
    const label = paddedLabel(htmlText(l.label));
    // An upward link is laid out as its reverse, so that ranks keep the PCI bus at the bottom.
    out.push(
      l.upward
        ? `  ${q(l.to)} -> ${q(l.from)}${attrs({ label, style, dir: 'back' })};`
        : `  ${q(l.from)} -> ${q(l.to)}${attrs({ label, style })};`,
    );
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}
