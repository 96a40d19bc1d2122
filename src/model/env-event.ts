import type { PrimaryReselect } from '../../machines/bond-logic.js';

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
  | { readonly kind: 'child.remove'; readonly child: number; readonly subdev: number }
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
  | { readonly kind: 'tool.rerun'; readonly version: number }
  | { readonly kind: 'tool.step' }
  | { readonly kind: 'tool.recv' }
  | { readonly kind: 'tool.timeout' }
  | { readonly kind: 'tool.restart' }
  | { readonly kind: 'notify.lost' }
  | { readonly kind: 'traffic.send'; readonly flow: number }
  | { readonly kind: 'traffic.complete' };

/** The kinds of environment step. */
export type EnvKind = EnvEvent['kind'];
