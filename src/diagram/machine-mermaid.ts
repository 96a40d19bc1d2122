import { transitionLabel, type MachineGraph, type StateInfo } from './machine-graph.js';

/** A Mermaid state id: the state's path below the root, dots as underscores (Mermaid ids take no dots). */
const mid = (graph: MachineGraph, id: string): string => (id === graph.id ? graph.id : id.slice(graph.id.length + 1).replace(/\./g, '_'));

/** Mermaid ends a label at ';' and reads '#' as an entity: keep labels to plain text. */
const label = (s: string): string => s.replace(/;/g, ',').replace(/#/g, '');

/**
 * A machine as a Mermaid `stateDiagram-v2`: every state (compound ones as
 * composite states), every transition with its event, guard and actions,
 * eventless `always` transitions included, and the root-level transitions on
 * an "in any state" state. Transitions between the same two states share an
 * edge, one label line each.
 */
export function machineMermaid(graph: MachineGraph): string {
  const root = graph.states[0]!;
  const byId = new Map(graph.states.map((s) => [s.id, s]));
  const anyId = `${graph.id}_any`;
  const out: string[] = ['stateDiagram-v2', `  %% ${graph.id} machine, generated from machines/ by hotup diagram`];
  const declare = (s: StateInfo, indent: string): void => {
    if (s.children.length === 0) {
      out.push(`${indent}state "${s.key}" as ${mid(graph, s.id)}`);
      return;
    }
    out.push(`${indent}state ${mid(graph, s.id)} {`);
    out.push(`${indent}  [*] --> ${mid(graph, s.initial!)}`);
    for (const c of s.children) declare(byId.get(c)!, `${indent}  `);
    out.push(`${indent}}`);
  };
  if (root.children.length === 0) {
    out.push(`  [*] --> ${graph.id}`);
  } else {
    out.push(`  [*] --> ${mid(graph, root.initial!)}`);
    if (graph.transitions.some((t) => t.source === root.id)) out.push(`  state "in any state" as ${anyId}`);
    for (const c of root.children) declare(byId.get(c)!, '  ');
  }
  // Mermaid draws edges between the same two states on top of each other: they share one, a line each.
  const edges = new Map<string, string[]>();
  for (const t of graph.transitions) {
    const from = t.source === root.id && root.children.length ? anyId : mid(graph, t.source);
    const targets = t.targets.length ? t.targets.map((x) => mid(graph, x)) : [from];
    for (const to of targets) {
      const key = `${from} --> ${to}`;
      edges.set(key, [...(edges.get(key) ?? []), label(transitionLabel(t))]);
    }
  }
  for (const [edge, lines] of edges) out.push(`  ${edge} : ${lines.join('<br/>')}`);
  return `${out.join('\n')}\n`;
}
