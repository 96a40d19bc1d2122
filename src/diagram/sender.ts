import type { Message } from '../../machines/messages.js';
import { childName, netdevName } from '../topology/topology.js';
import { receiverOf } from './message-label.js';

/** The lifeline of everything outside the machines: PCI and driver core, operator, user, timers. */
export const ENV = 'env';

/**
 * The lifeline that sent the n-th message of a step's log. The log holds only
 * receivers, but each message type has one sender in the model's protocol
 * (the parent sends setOps, a netdev sends slaveState, ...), and the log's
 * first message always comes from the environment.
 */
export function senderOf(log: readonly Message[], n: number): string {
  const m = log[n]!;
  if (n === 0) return ENV;
  const e = m.event;
  switch (e.type) {
    case 'prepareRemove':
    case 'takeOver':
    case 'attach':
    case 'loadComplete':
    case 'rmmodDone':
    case 'processed':
    case 'oops':
      return childName(e.child);
    case 'insmod':
    case 'rmmod':
      return 'tool';
    case 'deviceGone':
    case 'register':
    case 'unregister':
    case 'carrierOn':
    case 'carrierOff':
    case 'setOps':
    case 'failOver':
    case 'notification':
      return 'parent';
    case 'program':
      return netdevName(e.netdev);
    case 'ndoStartXmit':
    case 'xmit':
      return 'traffic';
    case 'slaveState':
    case 'release':
      return netdevName(e.slave);
    case 'viaSlave':
      return 'bond0';
    case 'queued':
      return netdevName(e.netdev);
    case 'dropped':
      return droppedBy(log, n, e.reason);
    default:
      return ENV;
  }
}

/** A drop answers the latest transmit before it: the bond's when it had no slave, else the netdev's. */
function droppedBy(log: readonly Message[], n: number, reason: string): string {
  for (let j = n - 1; j >= 0; j--) {
    const x = log[j]!;
    if (x.event.type !== 'xmit') continue;
    if (reason === 'no-slave' ? x.to === 'bond' : x.to === 'netdev') return receiverOf(x);
  }
  return ENV;
}
