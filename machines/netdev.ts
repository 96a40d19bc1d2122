import { assign, setup } from 'xstate';
import { DEFAULT_CONFIG, type Message, type NetdevConfig, type OpsHolder } from './messages.js';

/** Context of netdev N_i: its identity, user configuration, carrier and which tables serve it. */
export interface NetdevContext {
  readonly index: number;
  readonly name: string;
  /** 0 while unregistered; the kernel's ifindex while registered. */
  readonly ifindex: number;
  readonly config: NetdevConfig;
  /** netif_carrier_ok(): the link as the parent opened or closed it. */
  readonly carrier: boolean;
  /** Whose net_device_ops/ethtool_ops serve the calls (the RCU-published delegate). */
  readonly ops: OpsHolder;
}

/** Events a netdev accepts: from the parent (register, carrier, ops), the user (config) and traffic (xmit). */
export type NetdevEvent =
  | { type: 'register'; ifindex: number; config: NetdevConfig }
  | { type: 'unregister' }
  | { type: 'carrierOn' }
  | { type: 'carrierOff' }
  | { type: 'setOps'; holder: OpsHolder }
  | { type: 'userConfig'; mtu?: number; mac?: number; adminUp?: boolean }
  | { type: 'xmit'; flow: number };

/** Input of a netdev machine: its position in the topology. */
export interface NetdevInput {
  readonly index: number;
}

const canTransmit = (c: NetdevContext): boolean => c.carrier && c.config.adminUp;

/** The bond's netdev notifier hears every change of a slave's ability to transmit. */
function slaveStateChange(before: NetdevContext, after: NetdevContext): Message[] {
  return canTransmit(before) === canTransmit(after)
    ? []
    : [{ to: 'bond', event: { type: 'slaveState', slave: after.index, canTransmit: canTransmit(after) } }];
}

/** A netdev N_i: registered once by the parent, served by the parent's or a child's tables. */
export const netdevMachine = setup({
  types: {
    context: {} as NetdevContext,
    events: {} as NetdevEvent,
    input: {} as NetdevInput,
  },
  actions: {
    /** NETDEV_CHANGE reaches the bond's notifier (balance-xor rebuilds its slave array at once). */
    notifyBond: (_, _messages: Message[]) => {},
    /** NETDEV_UNREGISTER: the bond releases the slave; nothing re-enslaves it. */
    releaseSlave: (_, _messages: Message[]) => {},
    /** The new holder programs the hardware from the configuration the netdev kept. */
    programHolder: (_, _messages: Message[]) => {},
    /** Answer a transmit: queued on a child's tables, or dropped with a reason. */
    answerXmit: (_, _messages: Message[]) => {},
  },
}).createMachine({
  id: 'netdev',
  // The patent claims this machine takes part in (requirements, as XState's coverage tools read them): netdevs persist across a child's upgrade, served by the parent or the child (claims 1, 2, 8, 10, 11).
  meta: { claims: [1, 2, 8, 10, 11] },
  context: ({ input }) => ({
    index: input.index,
    name: `N${input.index + 1}`,
    ifindex: 0,
    config: DEFAULT_CONFIG,
    carrier: false,
    ops: 'parent',
  }),
  initial: 'unregistered',
  states: {
    unregistered: {
      on: {
        register: {
          target: 'registered',
          actions: assign(({ event }) => ({ ifindex: event.ifindex, config: event.config, carrier: false, ops: 'parent' as OpsHolder })),
        },
        xmit: {
          actions: {
            type: 'answerXmit',
            params: () => [{ to: 'traffic', event: { type: 'dropped', reason: 'no-netdev' } }],
          },
        },
      },
    },
    registered: {
      on: {
        unregister: {
          target: 'unregistered',
          actions: [
            {
              type: 'releaseSlave',
              params: ({ context }) => [{ to: 'bond', event: { type: 'release', slave: context.index } }],
            },
            assign({ ifindex: 0, carrier: false, ops: 'parent' as OpsHolder }),
          ],
        },
        carrierOn: {
          actions: [
            { type: 'notifyBond', params: ({ context }) => slaveStateChange(context, { ...context, carrier: true }) },
            assign({ carrier: true }),
          ],
        },
        carrierOff: {
          actions: [
            { type: 'notifyBond', params: ({ context }) => slaveStateChange(context, { ...context, carrier: false }) },
            assign({ carrier: false }),
          ],
        },
        setOps: {
          actions: [
            assign(({ event }) => ({ ops: event.holder })),
            {
              type: 'programHolder',
              params: ({ context, event }) =>
                event.holder === 'parent'
                  ? []
                  : [{ to: 'child', index: event.holder, event: { type: 'program', netdev: context.index, config: context.config, reason: 'probe' } }],
            },
          ],
        },
        userConfig: {
          actions: [
            {
              type: 'notifyBond',
              params: ({ context, event }) => slaveStateChange(context, withUserConfig(context, event)),
            },
            assign(({ context, event }) => withUserConfig(context, event)),
            {
              type: 'programHolder',
              params: ({ context }) =>
                context.ops === 'parent'
                  ? []
                  : [{ to: 'child', index: context.ops, event: { type: 'program', netdev: context.index, config: context.config, reason: 'ndo' } }],
            },
          ],
        },
        xmit: {
          actions: {
            type: 'answerXmit',
            params: ({ context, event }): Message[] => {
              if (!context.config.adminUp) return [{ to: 'traffic', event: { type: 'dropped', reason: 'not-running' } }];
              if (!context.carrier) return [{ to: 'traffic', event: { type: 'dropped', reason: 'carrier-off' } }];
              if (context.ops === 'parent') return [{ to: 'traffic', event: { type: 'dropped', reason: 'parent-holds' } }];
              return [{ to: 'traffic', event: { type: 'queued', netdev: context.index, holder: context.ops, flow: event.flow } }];
            },
          },
        },
      },
    },
  },
});

function withUserConfig(c: NetdevContext, e: { mtu?: number; mac?: number; adminUp?: boolean }): NetdevContext {
  return {
    ...c,
    config: {
      mtu: e.mtu ?? c.config.mtu,
      mac: e.mac ?? c.config.mac,
      adminUp: e.adminUp ?? c.config.adminUp,
    },
  };
}
