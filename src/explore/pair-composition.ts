import { pairKey } from './coverage-items.js';

/** One distinct delivery of the table: from local state `from` to `to`, taking these event transitions (keys, in order). */
export interface LocalEdge {
  readonly from: number;
  readonly to: number;
  readonly taken: readonly string[];
}

/**
 * The transition pairs the deliveries of a complete search can make, for one
 * machine kind, composed from its local-state edges: lastIn(s), the
 * transitions some instance may have taken last on arriving in local state s,
 * holds the boot's last transitions of the instances that boot in s (`seeds`),
 * the last transition of every edge into s that takes one, and lastIn(a) for
 * every edge a -> s that takes none; then each edge from a taking t pairs
 * every member of lastIn(a) with t. Any pair a reachable path takes is among
 * them (local states are shared by the kind's instances, so there may be more):
 * a pair missing here is unreachable.
 */
export function composePairs(edges: readonly LocalEdge[], seeds: ReadonlyMap<number, ReadonlySet<string>>): Set<string> {
  const lastIn = new Map<number, Set<string>>();
  const add = (s: number, t: string): boolean => {
    let set = lastIn.get(s);
    if (!set) lastIn.set(s, (set = new Set()));
    if (set.has(t)) return false;
    set.add(t);
    return true;
  };
  for (const [s, ts] of seeds) for (const t of ts) add(s, t);
  const silent = new Map<number, number[]>();
  for (const e of edges) {
    if (e.taken.length) add(e.to, e.taken[e.taken.length - 1]!);
    else if (e.to !== e.from) {
      let out = silent.get(e.from);
      if (!out) silent.set(e.from, (out = []));
      out.push(e.to);
    }
  }
  // Carry lastIn along the edges that take no transition, to a fixed point.
  const work = [...lastIn.keys()];
  while (work.length) {
    const a = work.pop()!;
    for (const b of silent.get(a) ?? []) {
      let grew = false;
      for (const t of lastIn.get(a) ?? []) grew = add(b, t) || grew;
      if (grew) work.push(b);
    }
  }
  const pairs = new Set<string>();
  for (const e of edges) {
    if (!e.taken.length) continue;
    for (const t of lastIn.get(e.from) ?? []) pairs.add(pairKey(t, e.taken[0]!));
    for (let i = 1; i < e.taken.length; i++) pairs.add(pairKey(e.taken[i - 1]!, e.taken[i]!));
  }
  return pairs;
}
