import { INV_BOND_UP } from './inv-bond-up.js';
import { INV_BUS } from './inv-bus.js';
import { INV_CONFIG_KEPT } from './inv-config-kept.js';
import { INV_LINK_CLOSED } from './inv-link-closed.js';
import { INV_NETDEV_PERSIST } from './inv-netdev-persist.js';
import { INV_NO_FREED_CODE } from './inv-no-freed-code.js';
import { INV_NO_LOSS } from './inv-no-loss.js';
import { INV_NOTIFY } from './inv-notify.js';
import { INV_ONE_DOWN } from './inv-one-down.js';
import { INV_OPS_ROUTE } from './inv-ops-route.js';
import { INV_TRAFFIC_PATH } from './inv-traffic-path.js';
import { LIVE_REPORT } from './live-report.js';
import { LIVE_RESTORE } from './live-restore.js';
import { LIVE_UPGRADE_DONE } from './live-upgrade-done.js';
import type { Invariant, Liveness } from './property.js';

/** Every INV-* of model.md, in its order. */
export const INVARIANTS: readonly Invariant<any>[] = [
  INV_NETDEV_PERSIST,
  INV_OPS_ROUTE,
  INV_NO_FREED_CODE,
  INV_TRAFFIC_PATH,
  INV_LINK_CLOSED,
  INV_BOND_UP,
  INV_NO_LOSS,
  INV_CONFIG_KEPT,
  INV_ONE_DOWN,
  INV_NOTIFY,
  INV_BUS,
];

/** Every LIVE-* of model.md. */
export const LIVENESS: readonly Liveness[] = [LIVE_RESTORE, LIVE_UPGRADE_DONE, LIVE_REPORT];

/** Every property id, invariants first. */
export const PROPERTY_IDS: readonly string[] = [...INVARIANTS.map((p) => p.id), ...LIVENESS.map((p) => p.id)];
