import type { AnyMachineSnapshot, AnyStateMachine, SnapshotFrom } from 'xstate';
import { bondMachine } from '../../machines/bond.js';
import { createChildMachine } from '../../machines/child.js';
import type { Design } from '../../machines/design.js';
import type { ComponentKind } from '../../machines/messages.js';
import { netdevMachine } from '../../machines/netdev.js';
import { createParentMachine } from '../../machines/parent.js';
import { createToolMachine } from '../../machines/tool.js';
import { trafficMachine } from '../../machines/traffic.js';
import type { Topology } from '../topology/topology.js';
import type { SystemState } from './state.js';

/** The component machines of one design. */
export function createComponents(design: Design) {
  return {
    parent: createParentMachine(design),
    child: createChildMachine(design),
    netdev: netdevMachine,
    bond: bondMachine,
    tool: createToolMachine(design),
    traffic: trafficMachine,
  };
}

/** The component machines of one design. */
export type Components = ReturnType<typeof createComponents>;
export type ParentSnapshot = SnapshotFrom<Components['parent']>;
export type ChildSnapshot = SnapshotFrom<Components['child']>;
export type NetdevSnapshot = SnapshotFrom<Components['netdev']>;
export type BondSnapshot = SnapshotFrom<Components['bond']>;
export type ToolSnapshot = SnapshotFrom<Components['tool']>;
export type TrafficSnapshot = SnapshotFrom<Components['traffic']>;


/** The component kinds, in the order a state lists them (and a state vector lays them out). */
export const COMPONENT_KINDS: readonly ComponentKind[] = ['parent', 'child', 'netdev', 'bond', 'tool', 'traffic'];

/**
 * Each component kind: the state field that holds its snapshots, how many a
 * topology has, and the input its machine starts from. Serialising,
 * resolving, delivering and vectorising a state all go through this table.
 */
interface ComponentEntry {
  readonly field: 'parent' | 'children' | 'netdevs' | 'bond' | 'tool' | 'traffic';
  readonly many: boolean;
  count(t: Topology): number;
  input(t: Topology, index: number): unknown;
}

const one = (): number => 1;

/** The component table. */
export const COMPONENTS: { readonly [K in ComponentKind]: ComponentEntry } = {
  parent: { field: 'parent', many: false, count: one, input: (t) => ({ owner: t.binding, channel: t.channel }) },
  child: { field: 'children', many: true, count: (t) => t.children, input: (t, k) => ({ index: k, subdevs: t.binding.flatMap((o, i) => (o === k ? [i] : [])) }) },
  netdev: { field: 'netdevs', many: true, count: (t) => t.netdevs, input: (_, i) => ({ index: i }) },
  bond: { field: 'bond', many: false, count: one, input: (t) => ({ slaves: t.netdevs, ...t.bond }) },
  tool: { field: 'tool', many: false, count: one, input: () => undefined },
  traffic: { field: 'traffic', many: false, count: one, input: (t) => ({ maxInFlight: t.maxInFlight }) },
};

/** A snapshot as the table handles it. */
export type AnySnapshot = AnyMachineSnapshot;

/** The snapshot of component `kind` number `index` (0 for single components). */
export function snapshotAt(s: SystemState, kind: ComponentKind, index: number): AnySnapshot {
  const c = COMPONENTS[kind];
  const v = s[c.field] as unknown;
  return (c.many ? (v as AnySnapshot[])[index] : v) as AnySnapshot;
}

/** A state whose component arrays may be written in place: what a step builds before it is frozen as a SystemState. */
export type DraftState = { -readonly [K in keyof SystemState]: SystemState[K] extends readonly (infer T)[] ? T[] : SystemState[K] };

/** A copy of `s` whose arrays a step may write. */
export const draftOf = (s: SystemState): DraftState => ({ ...s, children: [...s.children], netdevs: [...s.netdevs] });

/** Writes the snapshot of component `kind` number `index` into a draft. */
export function setSnapshotAt(s: DraftState, kind: ComponentKind, index: number, snap: unknown): void {
  const c = COMPONENTS[kind];
  if (c.many) (s[c.field] as unknown[])[index] = snap;
  else (s as unknown as Record<string, unknown>)[c.field] = snap;
}

/** Every component snapshot of a state with its kind and index, in COMPONENT_KINDS order. */
export function* snapshotsOf(s: SystemState): Generator<[ComponentKind, number, AnySnapshot]> {
  for (const kind of COMPONENT_KINDS) {
    const c = COMPONENTS[kind];
    const v = s[c.field] as unknown;
    if (c.many) for (const [i, x] of (v as AnySnapshot[]).entries()) yield [kind, i, x];
    else yield [kind, 0, v as AnySnapshot];
  }
}

/** The same state with every snapshot replaced by `f` of it. */
export function mapSnapshots(s: SystemState, f: (kind: ComponentKind, snap: AnySnapshot, index: number) => unknown): SystemState {
  const d = draftOf(s);
  for (const [kind, i, x] of snapshotsOf(s)) setSnapshotAt(d, kind, i, f(kind, x, i));
  return d as SystemState;
}

/** The same state with every snapshot resolved in `c`'s machines (snapshots carry their machine). */
export const rehome = (c: Components, s: SystemState): SystemState =>
  mapSnapshots(s, (kind, x) => (c[kind] as AnyStateMachine).resolveState({ value: x.value, context: x.context } as never));
