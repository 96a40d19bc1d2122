import type { PrimaryReselect } from '../../machines/bond-logic.js';
import type { EnvEvent } from '../model/env-event.js';
import type { SystemState } from '../model/state.js';
import type { Renaming } from './renaming.js';
import { indexOfName, type TraceEvent } from '../model/trace-event.js';

/** The model's MAC number for a logged address: the one learned, else the logged number itself, else a number the netdev has not had. */
function macOf(logged: string | number, i: number, state: SystemState, ren: Renaming): number {
  const scope = `mac:N${i + 1}`;
  const known = ren.modelOf(scope, logged);
  if (typeof known === 'number') return known;
  if (typeof logged === 'number') return logged;
  const current = state.netdevs[i]!.context.config.mac;
  let m = current + 1;
  while (ren.hasModel(scope, m)) m++;
  return m;
}

/**
 * Environment steps whose parameters only the log knows: a user's MTU or MAC,
 * a write of a bond option, a transmit's flow. The model's enabled steps offer
 * a few sample values; a trace may use any, so these are built from the line.
 */
export function inputsOf(logged: TraceEvent, state: SystemState, ren: Renaming): EnvEvent[] {
  switch (logged.event) {
    case 'user.config': {
      const i = indexOfName(String(logged.netdev), 'N')!;
      if (typeof logged.mtu === 'number') return [{ kind: 'user.mtu', netdev: i, mtu: logged.mtu }];
      if (typeof logged.admin === 'string') return [{ kind: 'user.admin', netdev: i, up: logged.admin === 'up' }];
      if (typeof logged.mac === 'number' || typeof logged.mac === 'string') return [{ kind: 'user.mac', netdev: i, mac: macOf(logged.mac, i, state, ren) }];
      return [];
    }
    case 'user.bond': {
      const v = logged.value;
      const n = typeof v === 'string' ? indexOfName(v, 'N') : null;
      if (logged.option === 'primary') return [{ kind: 'bond.primary', netdev: n }];
      if (logged.option === 'active_slave' && n !== null) return [{ kind: 'bond.activeSlave', netdev: n }];
      if (logged.option === 'primary_reselect') return [{ kind: 'bond.primaryReselect', reselect: v as PrimaryReselect }];
      return [];
    }
    case 'xmit.begin':
      return typeof logged.flow === 'number' ? [{ kind: 'traffic.send', flow: logged.flow }] : [];
    default:
      return [];
  }
}
