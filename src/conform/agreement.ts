import { stateKey } from '../model/canonical.js';
import { rehome } from '../model/components.js';
import type { EnvEvent } from '../model/env-event.js';
import type { TraceEvent } from '../model/trace-event.js';
import type { Edge, Match, ModelGraph, Node } from './model-graph.js';

/** Whether two designs' steps are the same step: same event, same messages, same state after. */
function sameEdge(a: Edge, b: Edge): boolean {
  if (a.log.length !== b.log.length || a.shown.length !== b.shown.length) return false;
  return JSON.stringify(a.env) === JSON.stringify(b.env) && JSON.stringify(a.log) === JSON.stringify(b.log) && stateKey(a.after) === stateKey(b.after);
}

function sameMatches(a: readonly Match[], b: readonly Match[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.at !== y.at || x.path.length !== y.path.length || !sameEdge(x.edge, y.edge)) return false;
    for (let j = 0; j < x.path.length; j++) if (!sameEdge(x.path[j]!, y.path[j]!)) return false;
  }
  return true;
}

/**
 * Which other designs make the same search as the reference design from one
 * state for one logged event: the same silent steps and the same step showing
 * it, to the same states. While a design agrees on every search a trace makes,
 * its explanations are the reference's, and need not be computed again. The
 * answer is a bitmask over `others`, memoised per node and search.
 */
export class Agreement {
  private readonly memo = new WeakMap<Node, Map<string, { known: number; agree: number }>>();

  constructor(private readonly others: readonly ModelGraph[]) {}

  /** The designs among `wanted` (a bitmask over `others`) that make the reference's search from `node` for `logged`. */
  agreeing(wanted: number, node: Node, logged: TraceEvent, sig: string, inputs: readonly EnvEvent[], matches: readonly Match[], anyOrder = false): number {
    let byNode = this.memo.get(node);
    if (!byNode) {
      byNode = new Map();
      this.memo.set(node, byNode);
    }
    const key = anyOrder ? `${sig}\u0001any` : sig;
    let m = byNode.get(key);
    if (!m) {
      m = { known: 0, agree: 0 };
      byNode.set(key, m);
    }
    const unknown = wanted & ~m.known;
    if (unknown !== 0) {
      for (let i = 0; i < this.others.length; i++) {
        const bit = 1 << i;
        if ((unknown & bit) === 0) continue;
        const g = this.others[i]!;
        if (sameMatches(matches, g.matches(g.node(rehome(g.system.components, node.state)), logged, sig, inputs, anyOrder))) m.agree |= bit;
        m.known |= bit;
      }
    }
    return m.agree & wanted;
  }
}
