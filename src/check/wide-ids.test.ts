import { describe, expect, it } from 'vitest';
import { designOf } from '../mutants.js';
import { stateKey } from '../model/canonical.js';
import { createSystem } from '../engine/system.js';
import { TableSystem } from '../engine/table/table-system.js';
import { PRESETS } from '../topology/presets.js';
import { bfs } from './bfs.js';
import { pathTo } from './paths.js';
import { replayEvents } from './replay.js';

/**
 * A table system whose bond machine has already numbered `taken` other local
 * states, so every bond state the search meets gets an id past 65,535, as on
 * five netdevs with every fault (where reaching them takes minutes).
 */
function paddedBond(topology: string, mutant: string | null, taken: number): TableSystem {
  const ts = new TableSystem(createSystem(PRESETS[topology]!, designOf(mutant)), []);
  for (let i = 0; i < taken; i++) ts.transitions.snapshots.bond.id({ padding: i }, `padding ${i}`);
  return ts;
}

const keys = (ts: TableSystem, r: ReturnType<typeof bfs>): string[] => {
  const v = new Uint32Array(ts.width);
  return Array.from({ length: r.store.size }, (_, i) => (r.store.read(i, v), stateKey(ts.materialise(v)))).sort();
};

describe.each(['vectors', 'tree'] as const)('local-state ids past 65,535, %s store', (store) => {
  it('search the same states as small ids', () => {
    const wide = paddedBond('claims-1-9', null, 70_000);
    const narrow = paddedBond('claims-1-9', null, 0);
    const a = bfs(wide, { store });
    const b = bfs(narrow, { store });
    expect(a.complete).toBe(true);
    expect(a.store.size).toBe(74);
    expect(a.transitions).toBe(b.transitions);
    expect(a.store.idBytes).toBe(4);
    expect(b.store.idBytes).toBe(store === 'vectors' ? 2 : 4);
    expect(wide.localStates().bond).toBeGreaterThan(70_000);
    expect(keys(wide, a)).toEqual(keys(narrow, b));
  });

  it('give a shortest counterexample the plain system replays', () => {
    const ts = paddedBond('claims-10-11', 'MUT-PARALLEL-UPGRADE', 70_000);
    const r = bfs(ts, { store });
    expect(r.violation).not.toBeNull();
    const events = [...pathTo(ts, r.store, r.violation!.from), r.violation!.env].map((e) => ts.envEvent(e));
    expect(events).toHaveLength(r.diameter);
    const replayed = replayEvents(ts.system, [], events);
    expect(replayed.violation?.id).toBe(ts.invariants[r.violation!.invariant]!.inv.id);
    expect(replayed.steps).toHaveLength(events.length);
  });
});
