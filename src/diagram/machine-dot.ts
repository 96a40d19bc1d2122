import type { Marks } from './coverage-marks.js';
import { attrs, DOT_DEFAULTS, htmlText, paddedLabel, q } from './dot.js';
import { transitionLabel, type MachineGraph, type StateInfo, type TransitionInfo } from './machine-graph.js';

const VISITED = '#1a7f37';
const UNVISITED = '#8c959f';

/** Node id of the "in any state" box that carries a machine's root-level transitions. */
const anyState = (root: string): string => `${root}.*`;
/** Node id of a compound state's initial pseudo-state. */
const initialOf = (id: string): string => `${id}.[*]`;
const cluster = (id: string): string => `cluster_${id}`;

/** Colour attributes of a visited / unvisited element; none when the diagram carries no marks. */
function markAttrs(marks: Marks | undefined, visited: boolean): Record<string, string | undefined> {
  if (!marks) return {};
  const colour = visited ? VISITED : UNVISITED;
  return { color: colour, fontcolor: colour, penwidth: visited ? '2' : '1', class: visited ? 'visited' : 'unvisited' };
}

/** One drawn edge: the transitions between the same two nodes share it, one label line each. */
interface Edge {
  readonly from: string;
  readonly to: string;
  readonly ltail: string | undefined;
  readonly lhead: string | undefined;
  readonly eventless: boolean;
  /** Targets a state declared earlier: it does not push its target down the page. */
  readonly back: boolean;
  readonly transitions: TransitionInfo[];
}

/**
 * A machine as a Graphviz digraph: compound states as clusters with their
 * initial pseudo-state, root-level transitions on an "in any state" box,
 * eventless transitions dashed, every transition labelled
 * `event [guard] / actions` (transitions between the same two states share
 * one edge, a line each). With `marks`, visited states and transitions are
 * drawn green and the rest grey.
 */
export function machineDot(graph: MachineGraph, marks?: Marks): string {
  const byId = new Map(graph.states.map((s) => [s.id, s]));
  const order = new Map(graph.states.map((s, n) => [s.id, n]));
  const root = graph.states[0]!;
  const out: string[] = [`digraph ${q(graph.id)} {`, ...DOT_DEFAULTS.map((l) => `  ${l}`)];
  out.push(`  graph${attrs({ rankdir: 'TB', compound: 'true', label: `${graph.id} machine` })};`);
  out.push('  node [shape=box, style=rounded];');

  const stateNode = (s: StateInfo, indent: string): void => {
    const visited = marks?.states.has(s.id) ?? false;
    if (s.children.length === 0) {
      const fill = marks ? { style: 'rounded,filled', fillcolor: visited ? '#dafbe1' : '#f6f8fa' } : {};
      out.push(`${indent}${q(s.id)}${attrs({ label: s.key, id: `state:${s.id}`, ...markAttrs(marks, visited), ...fill })};`);
      return;
    }
    out.push(`${indent}subgraph ${q(cluster(s.id))} {`);
    out.push(`${indent}  graph${attrs({ label: s.key, style: 'rounded', id: `state:${s.id}`, ...markAttrs(marks, visited) })};`);
    out.push(`${indent}  ${q(initialOf(s.id))}${attrs({ shape: 'point', width: '0.12', label: '' })};`);
    if (s.id === root.id && graph.transitions.some((t) => t.source === root.id)) {
      out.push(`${indent}  ${q(anyState(s.id))}${attrs({ label: 'in any state', style: 'rounded,dashed', id: `state:${anyState(s.id)}` })};`);
    }
    for (const c of s.children) stateNode(byId.get(c)!, `${indent}  `);
    out.push(`${indent}}`);
    out.push(`${indent}${q(initialOf(s.id))} -> ${q(s.initial!)};`);
  };
  stateNode(root, '  ');

  /** An edge's end at state `id`: compound states are entered and left through their initial point. */
  const end = (id: string): { node: string; cluster: string | undefined } =>
    byId.get(id)!.children.length === 0 ? { node: id, cluster: undefined } : { node: initialOf(id), cluster: cluster(id) };
  const edges = new Map<string, Edge>();
  for (const t of graph.transitions) {
    const from = t.source === root.id && root.children.length ? { node: anyState(root.id), cluster: undefined } : end(t.source);
    for (const target of t.targets.length ? t.targets : [t.source]) {
      const to = t.targets.length ? end(target) : from;
      const id = `${from.node}->${to.node}:${t.event === '' ? 'eventless' : 'event'}`;
      let e = edges.get(id);
      if (!e) {
        e = { from: from.node, to: to.node, ltail: from.cluster, lhead: to.cluster, eventless: t.event === '', back: order.get(target)! < order.get(t.source)!, transitions: [] };
        edges.set(id, e);
      }
      e.transitions.push(t);
    }
  }
  for (const e of edges.values()) {
    // One left-aligned line per transition, each coloured by its own visit.
    const lines = e.transitions.map((t) => {
      const text = htmlText(transitionLabel(t));
      return `${marks ? `<font color="${marks.transitions.has(t.key) ? VISITED : UNVISITED}">${text}</font>` : text}<br align="left"/>`;
    });
    out.push(
      `  ${q(e.from)} -> ${q(e.to)}${attrs({
        id: `transition:${e.transitions.map((t) => t.key).join(' ')}`,
        label: paddedLabel(lines.join('')),
        style: e.eventless ? 'dashed' : undefined,
        ltail: e.ltail,
        lhead: e.lhead,
        constraint: e.back ? 'false' : undefined,
        ...markAttrs(marks, e.transitions.some((t) => marks?.transitions.has(t.key))),
      })};`,
    );
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}
