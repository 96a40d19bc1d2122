import type { PrimaryReselect } from '../../machines/bond-logic.js';
import type { FaultId } from './faults.js';

/**
 * One step of the environment: what the kernel, the user, the upgrade tool or
 * the network does next. Each is delivered to one component; everything it
 * causes runs to completion inside the same step.
 */
export type EnvEvent =
  | { readonly kind: 'parent.probe' }
  | { readonly kind: 'parent.remove' }
  | { readonly kind: 'child.load'; readonly child: number; readonly version: number }
  | { readonly kind: 'child.rmmod'; readonly child: number }
  | { readonly kind: 'child.probe'; readonly child: number; readonly subdev: number; readonly ok: boolean }
  | { readonly kind: 'child.remove'; readonly child: number }
  | { readonly kind: 'child.drain'; readonly child: number }
  | { readonly kind: 'child.free'; readonly child: number }
  | { readonly kind: 'child.unbind'; readonly child: number; readonly subdev: number }
  | { readonly kind: 'child.bind'; readonly child: number; readonly subdev: number }
  | { readonly kind: 'bond.enslave'; readonly netdev: number }
  | { readonly kind: 'bond.miimon' }
  | { readonly kind: 'bond.primary'; readonly netdev: number | null }
  | { readonly kind: 'bond.primaryReselect'; readonly reselect: PrimaryReselect }
  | { readonly kind: 'bond.activeSlave'; readonly netdev: number }
  | { readonly kind: 'user.mtu'; readonly netdev: number; readonly mtu: number }
  | { readonly kind: 'user.mac'; readonly netdev: number; readonly mac: number }
  | { readonly kind: 'user.admin'; readonly netdev: number; readonly up: boolean }
  | { readonly kind: 'tool.start' }
  | { readonly kind: 'tool.step' }
  | { readonly kind: 'tool.recv' }
  | { readonly kind: 'tool.timeout' }
  | { readonly kind: 'tool.restart' }
  | { readonly kind: 'notify.lost' }
  | { readonly kind: 'traffic.send'; readonly flow: number }
  | { readonly kind: 'traffic.complete' };

/** The kinds of environment step. */
export type EnvKind = EnvEvent['kind'];

/** The fault an environment step injects, if it is one. */
export function faultOf(e: EnvEvent): FaultId | null {
  switch (e.kind) {
    case 'child.probe':
      return e.ok ? null : 'FAULT-PROBE-FAIL';
    case 'notify.lost':
      return 'FAULT-NOTIFY-LOST';
    case 'tool.restart':
      return 'FAULT-TOOL-RESTART';
    case 'user.mtu':
    case 'user.mac':
    case 'user.admin':
    case 'bond.primary':
    case 'bond.primaryReselect':
    case 'bond.activeSlave':
      return 'FAULT-USER-CONFIG';
    case 'child.rmmod':
    case 'child.unbind':
    case 'child.bind':
      return 'FAULT-FORCED-UNLOAD';
    case 'parent.remove':
      return 'FAULT-PARENT-REMOVE';
    default:
      return null;
  }
}

/**
 * Steps the system takes by itself and that weak fairness applies to: driver
 * work (probe, remove, drain, free), miimon, the tool's own progress, the end
 * of a transmit. Everything else is the environment's choice.
 */
export function isDriverStep(e: EnvEvent): boolean {
  switch (e.kind) {
    case 'child.probe':
      return e.ok;
    case 'child.remove':
    case 'child.drain':
    case 'child.free':
    case 'bond.miimon':
    case 'tool.step':
    case 'tool.recv':
    case 'tool.timeout':
    case 'traffic.complete':
      return true;
    default:
      return false;
  }
}
