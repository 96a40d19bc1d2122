import type { ToolObservation } from '../../../machines/tool.js';
import type { ComponentKind } from '../../../machines/messages.js';
import { OBSERVED, observationOf } from '../../model/state.js';
import { Interner } from '../interner.js';
import { childSlot, netdevSlot, type Layout, type LocalIds } from '../layout.js';

type ChildPart = ToolObservation['children'][number];

/** One slot the tool reads: its kind, and per local state the id of its part (-1: not worked out yet). */
interface ReadSlot {
  readonly slot: number;
  readonly kind: 'parent' | 'child' | 'netdev' | 'bond';
  parts: Int32Array;
}

/**
 * The tool's observation of a state vector (`observe`), by parts. Each slot's
 * part (`OBSERVED`: what the tool reads of one component) is worked out once
 * per local state, the observation once per combination of parts, so a state
 * costs a look-up per slot. A decision-tree memo over the slots themselves
 * would miss on every new combination of local states, which the children
 * and the bond make by the hundred thousand though the observations number a
 * few hundred.
 */
export class Observations {
  private readonly slots: ReadSlot[];
  private readonly parts: Record<ReadSlot['kind'], Interner<unknown>> = { parent: new Interner(), child: new Interner(), netdev: new Interner(), bond: new Interner() };
  private readonly byParts: unknown[] = [];
  private readonly observations = new Interner<ToolObservation>();

  /** The distinct observations, by id. */
  get values(): readonly ToolObservation[] {
    return this.observations.values;
  }

  constructor(
    private readonly layout: Layout,
    private readonly snapshots: Readonly<Record<ComponentKind, Interner<unknown>>>,
  ) {
    const l = layout;
    const read = (slot: number, kind: ReadSlot['kind']): ReadSlot => ({ slot, kind, parts: new Int32Array(64).fill(-1) });
    this.slots = [
      read(0, 'parent'),
      ...Array.from({ length: l.children }, (_, k) => read(childSlot(l, k), 'child')),
      ...Array.from({ length: l.netdevs }, (_, i) => read(netdevSlot(l, i), 'netdev')),
      read(l.bond, 'bond'),
    ];
  }

  /** The id of the observation of state `v` (an index into `values`). */
  idOf(v: LocalIds): number {
    let node: unknown[] = this.byParts;
    const slots = this.slots;
    const last = slots.length - 1;
    for (let j = 0; j < last; j++) {
      const p = this.partOf(slots[j]!, v[slots[j]!.slot]!);
      node = (node[p] ??= []) as unknown[];
    }
    const p = this.partOf(slots[last]!, v[slots[last]!.slot]!);
    let id = node[p] as number | undefined;
    if (id === undefined) id = node[p] = this.observe(v);
    return id;
  }

  private partOf(s: ReadSlot, local: number): number {
    if (local >= s.parts.length) {
      const grown = new Int32Array(Math.max(local + 1, 2 * s.parts.length)).fill(-1);
      grown.set(s.parts);
      s.parts = grown;
    }
    let p = s.parts[local]!;
    if (p < 0) p = s.parts[local] = this.parts[s.kind].id(OBSERVED[s.kind](this.snapshots[this.layout.kinds[s.slot]!].values[local] as never));
    return p;
  }

  private observe(v: LocalIds): number {
    const part = (s: ReadSlot): unknown => this.parts[s.kind].values[this.partOf(s, v[s.slot]!)];
    const of = (kind: ReadSlot['kind']) => this.slots.filter((s) => s.kind === kind).map(part);
    const obs = observationOf(part(this.slots[0]!) as boolean, of('child') as ChildPart[], of('netdev') as boolean[], part(this.slots[this.slots.length - 1]!) as (string | null)[]);
    return this.observations.id(obs);
  }
}
