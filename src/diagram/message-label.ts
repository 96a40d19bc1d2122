import type { Message } from '../../machines/messages.js';
import { childName, netdevName } from '../topology/topology.js';

const S = (i: number): string => `S${i + 1}`;
const list = (xs: readonly number[], name: (i: number) => string): string => xs.map(name).join(',');

/** The lifeline a message is delivered to: tool, C1.., parent, N1.., bond0, traffic. */
export function receiverOf(m: Message): string {
  switch (m.to) {
    case 'child':
      return childName(m.index);
    case 'netdev':
      return netdevName(m.index);
    case 'bond':
      return 'bond0';
    default:
      return m.to;
  }
}

/** A message as a sequence chart labels its arrow: the event and its telling arguments. */
export function messageLabel(m: Message): string {
  switch (m.to) {
    case 'parent': {
      const e = m.event;
      switch (e.type) {
        case 'probe':
        case 'remove':
          return e.type;
        case 'prepareRemove':
        case 'loadComplete':
          return `${e.type}(${list(e.subdevs, S)})`;
        case 'takeOver':
          return `takeOver(${S(e.subdev)})`;
        case 'attach':
          return `attach(${S(e.subdev)}${e.openLink ? ', open link' : ''})`;
      }
    }
    case 'child': {
      const e = m.event;
      switch (e.type) {
        case 'insmod':
          return `insmod(v${e.version})`;
        case 'load':
          return `load(v${e.version})`;
        case 'remove':
          return `remove(${S(e.subdev)})`;
        case 'probe':
          return `probe(${S(e.subdev)}) ${e.ok ? 'ok' : 'fails'}`;
        case 'drain':
          return `drain(${e.callsInFlight} in flight)`;
        case 'unbind':
        case 'deviceGone':
          return `${e.type}(${S(e.subdev)})`;
        case 'program':
          return `program(${netdevName(e.netdev)} mtu ${e.config.mtu})`;
        case 'ndoStartXmit':
          return `ndo_start_xmit(${netdevName(e.netdev)})`;
        default:
          return e.type;
      }
    }
    case 'netdev': {
      const e = m.event;
      switch (e.type) {
        case 'register':
          return `register(ifindex ${e.ifindex})`;
        case 'setOps':
          return `setOps(${e.holder === 'parent' ? 'parent' : childName(e.holder)})`;
        case 'userConfig': {
          const parts = [e.mtu === undefined ? null : `mtu ${e.mtu}`, e.mac === undefined ? null : `mac #${e.mac}`, e.adminUp === undefined ? null : e.adminUp ? 'up' : 'down'];
          return `userConfig(${parts.filter((x) => x !== null).join(', ')})`;
        }
        case 'xmit':
          return `xmit(flow ${e.flow})`;
        default:
          return e.type;
      }
    }
    case 'bond': {
      const e = m.event;
      switch (e.type) {
        case 'slaveState':
          return `slaveState(${netdevName(e.slave)} ${e.canTransmit ? 'up' : 'down'})`;
        case 'enslave':
        case 'release':
        case 'setActiveSlave':
          return `${e.type}(${netdevName(e.slave)})`;
        case 'failOver':
          return `failOver(${list(e.slaves, netdevName)})`;
        case 'setPrimary':
          return `setPrimary(${e.slave === null ? 'none' : netdevName(e.slave)})`;
        case 'setPrimaryReselect':
          return `setPrimaryReselect(${e.reselect})`;
        case 'xmit':
          return `xmit(flow ${e.flow})`;
        default:
          return e.type;
      }
    }
    case 'tool': {
      const e = m.event;
      switch (e.type) {
        case 'start':
          return `start(v${e.target})`;
        case 'rerun':
          return `run again(v${e.target})`;
        case 'notification':
          return `upgrade finished(${childName(e.child)}, ${e.channel})`;
        case 'rmmodDone':
          return `rmmod returned(${childName(e.child)})`;
        default:
          return e.type;
      }
    }
    case 'traffic': {
      const e = m.event;
      switch (e.type) {
        case 'send':
          return `send(flow ${e.flow})`;
        case 'viaSlave':
          return `via ${netdevName(e.slave)}`;
        case 'queued':
          return `queued(${netdevName(e.netdev)} to ${childName(e.holder)})`;
        case 'dropped':
          return `DROPPED(${e.reason})`;
        case 'processed':
          return `processed(${S(e.netdev)} under ${childName(e.child)} v${e.version})`;
        case 'oops':
          return `OOPS(${childName(e.child)} code freed)`;
        default:
          return e.type;
      }
    }
  }
}
