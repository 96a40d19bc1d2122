import { snapshotKey } from '../engine/interner.js';
import { monitorSlot, type LocalIds } from '../engine/layout.js';
import type { TableSystem } from '../engine/table/table-system.js';
import { canonicalJson } from '../model/canonical.js';
import { hashString } from './hash.js';

/**
 * A state vector with each local-state id replaced by a hash of the local
 * state it stands for. Local ids are numbered in the order a search meets
 * the local states, so two swarm members give one state different vectors;
 * the hashes of the canonical values are the same in every member. Each
 * local state is hashed once.
 */
export class CanonicalVector {
  private readonly known: (number | undefined)[][];
  private readonly keyOf: ((id: number) => string | null)[];
  private readonly out: Uint32Array;

  constructor(ts: TableSystem) {
    const l = ts.layout;
    this.out = new Uint32Array(l.width);
    this.keyOf = Array.from({ length: l.width }, (_, slot) => {
      if (slot < l.faults) {
        const values = ts.transitions.snapshots[l.kinds[slot]!].values;
        return (id: number) => snapshotKey(values[id] as { value: unknown; context: unknown });
      }
      const j = l.monitorIds.findIndex((_, k) => monitorSlot(l, k) === slot);
      if (j >= 0) return (id: number) => canonicalJson(ts.monitors[j]!.values[id]);
      return () => null; // the faults bitmask and the budget count are the same numbers in every member
    });
    // Slots of one component kind (every child, every netdev) share the kind's ids, so they share one table.
    const tables = new Map<unknown, (number | undefined)[]>();
    this.known = Array.from({ length: l.width }, (_, slot) => {
      const owner = slot < l.faults ? l.kinds[slot] : slot;
      let t = tables.get(owner);
      if (!t) tables.set(owner, (t = []));
      return t;
    });
  }

  /** The canonical vector of `v` (one buffer, overwritten by the next call). */
  of(v: LocalIds): Uint32Array {
    const out = this.out;
    for (let slot = 0; slot < out.length; slot++) {
      const id = v[slot]!;
      const table = this.known[slot]!;
      let h = table[id];
      if (h === undefined) {
        const key = this.keyOf[slot]!(id);
        h = table[id] = key === null ? id : hashString(key);
      }
      out[slot] = h;
    }
    return out;
  }
}
