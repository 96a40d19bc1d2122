import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { ComponentKind } from '../../machines/messages.js';
import { canonicalJson } from '../model/canonical.js';
import { snapshotKey, type Interner } from '../engine/interner.js';
import { monitorSlot, type LocalIds } from '../engine/layout.js';
import type { TableSystem } from '../engine/table/table-system.js';

/**
 * The local-state ids of a state vector in a form every worker agrees on.
 *
 * Each worker's table system numbers local states in the order it meets them,
 * so the same machine snapshot has a different id in each worker. What they
 * share is its canonical key (value and context as canonical JSON, or the
 * monitor state as canonical JSON). A slot's *space* says which interner its
 * ids come from: one per component kind, one per monitor, or none (the faults
 * bitmask and the budget slot hold plain numbers, equal everywhere).
 */
export class LocalKeys {
  /** Per slot: the space of its ids, or RAW for a plain number. */
  readonly spaceOf: Int32Array;
  /** The interner of each space. */
  private readonly interners: readonly Interner<unknown>[];
  /** The component kind of each space (null for a monitor's). */
  private readonly kinds: readonly (ComponentKind | null)[];
  /** The slots a state's owner is read from (ownerHash): the children's and the bond's. */
  readonly ownerSlots: Int32Array;
  /** Every slot, in order (stateHash). */
  private readonly allSlots: Int32Array;
  /** Per space: the hash of each id's canonical key, filled as ids appear. */
  private hashes: Uint32Array[];
  private known: number[];

  constructor(private readonly ts: TableSystem) {
    const l = ts.layout;
    const kinds = [...new Set(l.kinds)];
    this.kinds = [...kinds, ...l.monitorIds.map(() => null)];
    this.interners = [...kinds.map((k) => ts.transitions.snapshots[k]), ...ts.monitors];
    this.spaceOf = new Int32Array(l.width).fill(RAW);
    for (let s = 0; s < l.faults; s++) this.spaceOf[s] = kinds.indexOf(l.kinds[s]!);
    l.monitorIds.forEach((_, j) => (this.spaceOf[monitorSlot(l, j)] = kinds.length + j));
    this.allSlots = Int32Array.from({ length: l.width }, (_, s) => s);
    this.ownerSlots = Int32Array.from([...l.kinds.keys()].filter((s) => l.kinds[s] === 'child' || l.kinds[s] === 'bond'));
    this.hashes = this.interners.map(() => new Uint32Array(256));
    this.known = this.interners.map(() => 0);
  }

  /** Number of spaces. */
  get spaces(): number {
    return this.interners.length;
  }

  /** The canonical key of id `id` of space `space`. */
  key(space: number, id: number): string {
    const v = this.interners[space]!.values[id];
    return this.kinds[space] ? snapshotKey(v as AnyMachineSnapshot) : canonicalJson(v);
  }

  /** This worker's id for a canonical key of space `space`, interning the value it stands for when it is new. */
  intern(space: number, key: string): number {
    const kind = this.kinds[space];
    const data = JSON.parse(key) as { value: unknown; context: unknown };
    // A snapshot is rebuilt in its machine (as System.initial does), so the table can step it.
    const value = kind ? (this.ts.system.components[kind] as AnyStateMachine).resolveState({ value: data.value, context: data.context } as never) : data;
    return this.interners[space]!.id(value, key);
  }

  /**
   * A hash of the state that every worker computes alike: it mixes the
   * hashes of the slots' canonical keys (plain numbers as they are).
   */
  stateHash(v: LocalIds): number {
    return this.mix(v, this.allSlots);
  }

  /**
   * A hash of the children's and the bond's local states that every worker
   * computes alike: a parallel check gives each state to the worker this
   * names. Those slots hold most of a state's variety (on claims-10-11 the
   * bond has 943 local states and each child hundreds), so they spread the
   * states evenly over the workers; and a step that leaves them as they were
   * (a netdev's, the tool's, the traffic's, or one that only moves a fault bit
   * or a monitor) leads to a state of the same worker, which is then not sent
   * anywhere. Three slots instead of every slot also make it cheaper than
   * stateHash, and it is computed on every step.
   */
  ownerHash(v: LocalIds): number {
    return this.mix(v, this.ownerSlots);
  }

  /** The canonical hashes of slots `slots` of `v`, mixed in that order. */
  private mix(v: LocalIds, slots: Int32Array): number {
    const spaceOf = this.spaceOf;
    const known = this.known;
    const hashes = this.hashes;
    let h = 0x9747b28c;
    for (let j = 0; j < slots.length; j++) {
      const s = slots[j]!;
      const sp = spaceOf[s]!;
      const id = v[s]!;
      // The slots' hashes are mixed well already: one multiply per slot, then a final avalanche.
      const k = sp === RAW ? id : id < known[sp]! ? hashes[sp]![id]! : this.hashOf(sp, id);
      h = (Math.imul(h ^ k, 0x9e3779b1) + j) | 0;
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }

  private hashOf(space: number, id: number): number {
    if (id < this.known[space]!) return this.hashes[space]![id]!;
    const size = this.interners[space]!.size;
    let table = this.hashes[space]!;
    if (size > table.length) {
      const grown = new Uint32Array(Math.max(size, table.length * 2));
      grown.set(table);
      this.hashes[space] = table = grown;
    }
    for (let i = this.known[space]!; i < size; i++) table[i] = stringHash(this.key(space, i));
    this.known[space] = size;
    return table[id]!;
  }
}

/** The space of a slot that holds a plain number. */
export const RAW = -1;

/** FNV-1a over a string's UTF-16 units, finished with a murmur mix. */
function stringHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h ^ (h >>> 16)) >>> 0;
}
