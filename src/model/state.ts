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
export function moduleState(s: SystemState, k: number): ModuleState {
  const v = s.children[k]!.value;
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
export const childAllBound = (s: SystemState, k: number): boolean => s.children[k]!.context.status.every((x) => x === 'bound');

/** The parent is bound to its device (netdevs exist). */
export const parentBound = (s: SystemState): boolean => s.parent.value === 'bound';

/** Netdev i can transmit as the bond's monitor polls it: registered, running, carrier. */
export function slaveLinkPolled(s: SystemState, i: number): boolean {
  const n = s.netdevs[i]!;
  return n.value === 'registered' && n.context.carrier && n.context.config.adminUp;
}

/** The bond has caught up with its slaves: every enslaved slave is UP exactly when its link is polled up. */
export function bondSettled(s: SystemState): boolean {
  return s.bond.context.slaves.every((sl, i) => !sl.enslaved || (sl.link === (slaveLinkPolled(s, i) ? 'up' : 'down')));
}

/** Transmits in flight through child k's tables. */
export const callsInFlight = (s: SystemState, k: number): number =>
  s.traffic.context.inFlight.filter((x) => x.holder === k).length;

/** The tool is in the middle of a rolling upgrade. */
export function orchestrating(s: SystemState): boolean {
  return ['selecting', 'waitingUnload', 'readyToLoad', 'waitingNotify'].includes(s.tool.value as string);
}

const toolView = (m: ModuleState): ToolObservation['children'][number]['state'] => (m === 'inserting' ? 'loading' : m);

/** What the upgrade tool reads of the system when it acts. */
export function observe(s: SystemState): ToolObservation {
  return {
    parentBound: parentBound(s),
    // /proc/modules says "Loading" from finit_module() until the init returns.
    children: s.children.map((c, k) => ({ state: toolView(moduleState(s, k)), version: c.context.version, allBound: childAllBound(s, k), failed: c.context.status.includes('failed') })),
    present: s.netdevs.map(() => parentBound(s)),
    bondSettled: bondSettled(s),
  };
}
