import type { ToolObservation } from '../../machines/tool.js';
import type { ChildSnapshot, BondSnapshot, NetdevSnapshot, ParentSnapshot, ToolSnapshot, TrafficSnapshot } from './components.js';

/**
 * The whole system: one snapshot per component, the faults that have happened
 * (a bitmask), and the monitors' own states. At rest no message is pending.
 */
export interface SystemState {
  readonly parent: ParentSnapshot;
  readonly children: readonly ChildSnapshot[];
  readonly netdevs: readonly NetdevSnapshot[];
  readonly bond: BondSnapshot;
  readonly tool: ToolSnapshot;
  readonly traffic: TrafficSnapshot;
  readonly faults: number;
  readonly monitors: Readonly<Record<string, unknown>>;
}

/** A child module's state as /proc/modules and the driver core would tell it ('inserting': taken in by finit_module(), its init not yet run). */
export type ModuleState = 'unloaded' | 'inserting' | 'loading' | 'loaded' | 'unloading';

/** The module state of child k. */
export const moduleState = (s: SystemState, k: number): ModuleState => moduleOf(s.children[k]!);

/** The module state of a child's snapshot. */
function moduleOf(c: ChildSnapshot): ModuleState {
  const v = c.value;
  return (typeof v === 'string' ? v : Object.keys(v)[0]) as ModuleState;
}

/** The child's code is in memory (it has not been freed). */
export const codePresent = (s: SystemState, k: number): boolean => moduleState(s, k) !== 'unloaded';

/** Child k has matched the sub-device of netdev i. */
export function childBound(s: SystemState, k: number, i: number): boolean {
  const c = s.children[k]!.context;
  return c.status[c.subdevs.indexOf(i)] === 'bound';
}

/** Every sub-device child k declares is bound to it. */
export const childAllBound = (s: SystemState, k: number): boolean => allBound(s.children[k]!);

const allBound = (c: ChildSnapshot): boolean => c.context.status.every((x) => x === 'bound');

/** The parent is bound to its device (netdevs exist). */
export const parentBound = (s: SystemState): boolean => s.parent.value === 'bound';

/** Netdev i can transmit as the bond's monitor polls it: registered, running, carrier. */
export const slaveLinkPolled = (s: SystemState, i: number): boolean => linkPolled(s.netdevs[i]!);

/** A netdev's snapshot can transmit as the bond's monitor polls it. */
const linkPolled = (n: NetdevSnapshot): boolean => n.value === 'registered' && n.context.carrier && n.context.config.adminUp;

/** The bond has caught up with its slaves: every enslaved slave is UP exactly when its link is polled up. */
export const bondSettled = (s: SystemState): boolean => settled(bondLinks(s.bond), s.netdevs.map(linkPolled));

/** Per slave of the bond: its link as the bond sees it, or null when it is not enslaved. */
const bondLinks = (b: BondSnapshot): readonly (string | null)[] => b.context.slaves.map((sl) => (sl.enslaved ? sl.link : null));

const settled = (links: readonly (string | null)[], polled: readonly boolean[]): boolean => links.every((link, i) => link === null || link === (polled[i] ? 'up' : 'down'));

/** Transmits in flight through child k's tables. */
export const callsInFlight = (s: SystemState, k: number): number =>
  s.traffic.context.inFlight.filter((x) => x.holder === k).length;

/** The tool is in the middle of a rolling upgrade. */
export function orchestrating(s: SystemState): boolean {
  return ['selecting', 'waitingUnload', 'readyToLoad', 'waitingNotify'].includes(s.tool.value as string);
}

const toolView = (m: ModuleState): ToolObservation['children'][number]['state'] => (m === 'inserting' ? 'loading' : m);

/**
 * What the upgrade tool reads of each component, each from that component's
 * snapshot alone. `observe` is made of them, so a table over local states can
 * work each part out once per local state (src/engine/table/observations.ts).
 */
export const OBSERVED = {
  parent: (p: ParentSnapshot): boolean => p.value === 'bound',
  // /proc/modules says "Loading" from finit_module() until the init returns.
  child: (c: ChildSnapshot): ToolObservation['children'][number] => ({ state: toolView(moduleOf(c)), version: c.context.version, allBound: allBound(c), failed: c.context.status.includes('failed') }),
  netdev: linkPolled,
  bond: bondLinks,
} as const;

/** The tool's observation from the parts of it `OBSERVED` reads. */
export function observationOf(parent: boolean, children: readonly ToolObservation['children'][number][], netdevs: readonly boolean[], bond: readonly (string | null)[]): ToolObservation {
  return { parentBound: parent, children, present: netdevs.map(() => parent), bondSettled: settled(bond, netdevs) };
}

/** What the upgrade tool reads of the system when it acts. */
export function observe(s: SystemState): ToolObservation {
  return observationOf(OBSERVED.parent(s.parent), s.children.map(OBSERVED.child), s.netdevs.map(OBSERVED.netdev), OBSERVED.bond(s.bond));
}
