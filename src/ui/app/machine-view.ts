import type { AnyStateMachine, StateValue } from 'xstate';
import type { ComponentKind } from '../../../machines/messages.js';
import { marksOf } from '../../diagram/coverage-marks.js';
import { machineDot } from '../../diagram/machine-dot.js';
import { machineGraph, type MachineGraph } from '../../diagram/machine-graph.js';
import { renderSvg } from '../../diagram/render.js';
import type { Visited } from '../../explore/coverage.js';
import { COMPONENT_KINDS, snapshotAt, COMPONENTS, type Components } from '../../model/components.js';
import type { SystemState } from '../../model/state.js';
import type { Topology } from '../../topology/topology.js';
import { esc } from './dom.js';

/** The state ids a snapshot value is in, outermost first (`child.unloading`, `child.unloading.removing`). */
export function activeStateIds(root: string, v: StateValue): string[] {
  if (typeof v === 'string') return [`${root}.${v}`];
  return Object.entries(v).flatMap(([k, sub]) => [`${root}.${k}`, ...activeStateIds(`${root}.${k}`, sub as StateValue)]);
}

/** One machine's diagram in the page. */
interface Drawn {
  readonly kind: ComponentKind;
  readonly graph: MachineGraph;
  readonly svg: SVGSVGElement;
}

/**
 * Every machine's diagram, drawn once with Graphviz (WebAssembly) and then
 * marked for each step: the states the instances are in, and the
 * transitions the last step took.
 */
export class MachineViews {
  private readonly drawn: Drawn[] = [];

  /** Draws every machine of the design into `container` (one figure each). */
  async draw(container: HTMLElement, components: Components): Promise<void> {
    container.innerHTML = '';
    this.drawn.length = 0;
    for (const kind of COMPONENT_KINDS) {
      const machine = components[kind] as AnyStateMachine;
      const graph = machineGraph(machine);
      const fig = document.createElement('figure');
      fig.className = 'machine';
      fig.id = `machine-${kind}`;
      fig.innerHTML = `<figcaption><b>${kind}</b> <span class="where"></span></figcaption>${await renderSvg(machineDot(graph))}`;
      container.append(fig);
      this.drawn.push({ kind, graph, svg: fig.querySelector('svg')! });
    }
  }

  /** Marks the current states (`current`) and the transitions the last step took (`taken`). */
  mark(t: Topology, s: SystemState, taken: Partial<Record<ComponentKind, Visited>> | null): void {
    for (const d of this.drawn) {
      const n = COMPONENTS[d.kind].count(t);
      const current = new Set<string>();
      const where: string[] = [];
      for (let i = 0; i < n; i++) {
        const snap = snapshotAt(s, d.kind, i);
        const ids = activeStateIds(d.graph.id, snap.value as StateValue);
        ids.forEach((x) => current.add(x));
        const leaf = ids.at(-1);
        // A machine without states (traffic) is always in its root.
        if (leaf) where.push(`${n > 1 ? `${d.kind === 'child' ? 'C' : 'N'}${i + 1} ` : ''}${leaf.slice(d.graph.id.length + 1)}`);
      }
      const visited = taken?.[d.kind];
      const marks = visited ? marksOf(d.graph, visited) : { states: new Set<string>(), transitions: new Set<string>() };
      for (const g of d.svg.querySelectorAll<SVGGElement>('g.node, g.cluster')) {
        const id = g.id.startsWith('state:') ? g.id.slice(6) : null;
        g.classList.toggle('current', id !== null && current.has(id));
      }
      for (const g of d.svg.querySelectorAll<SVGGElement>('g.edge')) {
        const keys = g.id.startsWith('transition:') ? g.id.slice(11).split(' ') : [];
        const taken = keys.map((k) => marks.transitions.has(k));
        g.classList.toggle('taken', taken.some(Boolean));
        // Transitions sharing an edge have a label line each, in the order of the keys: mark only the lines taken.
        const lines = [...g.querySelectorAll('text')];
        lines.forEach((t, i) => t.classList.toggle('taken', lines.length === keys.length ? taken[i]! : taken.some(Boolean)));
      }
      d.svg.closest('figure')!.querySelector('.where')!.innerHTML = esc(where.join(', '));
    }
  }
}
