import type { Visited } from '../explore/coverage.js';
import type { MachineGraph, TransitionInfo } from './machine-graph.js';

/** Which states and transitions of a machine to draw as visited. */
export interface Marks {
  readonly states: ReadonlySet<string>;
  readonly transitions: ReadonlySet<string>;
}

/**
 * Marks for a machine from what a run visited. `Coverage` sees only the
 * transitions an event selects, so an eventless transition counts as visited
 * when the run was in its source and in its targets: the microstep must have
 * happened unless another transition also enters the target.
 */
export function marksOf(graph: MachineGraph, visited: Visited): Marks {
  const states = new Set(visited.states);
  const transitions = new Set(visited.transitions);
  const eventlessTaken = (t: TransitionInfo): boolean => t.event === '' && states.has(t.source) && t.targets.every((x) => states.has(x));
  for (const t of graph.transitions) if (eventlessTaken(t)) transitions.add(t.key);
  return { states, transitions };
}
