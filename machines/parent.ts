import { assign, setup } from 'xstate';
import { CORRECT_DESIGN, type Design } from './design.js';
import { DEFAULT_CONFIG, type Message, type NotifyChannel } from './messages.js';

/** The bus a device sits on: the physical (PCI) bus or the auxiliary (virtual) bus. */
export type Bus = 'pci' | 'auxiliary';

/** Context of the parent driver, bound to the PCI function. */
export interface ParentContext {
  readonly bus: 'pci';
  /** subdevBus[i] = the bus sub-device S_i is presented on to its child. */
  readonly subdevBus: readonly Bus[];
  /** owner[i] = the child whose id_table names sub-device S_i (the binding map). */
  readonly owner: readonly number[];
  readonly channel: NotifyChannel;
  /** The next ifindex the kernel would hand out (dev_index_reserve). */
  readonly nextIfindex: number;
}

/** Events the parent accepts: probe/remove from the PCI core, requests from its children. */
export type ParentEvent =
  | { type: 'probe' }
  | { type: 'remove' }
  | { type: 'prepareRemove'; child: number; subdevs: readonly number[] }
  | { type: 'takeOver'; child: number; subdev: number }
  | { type: 'attach'; child: number; subdev: number; openLink: boolean }
  | { type: 'loadComplete'; child: number; subdevs: readonly number[] };

/** Input of the parent: the binding map and the notification channel. */
export interface ParentInput {
  readonly owner: readonly number[];
  readonly channel: NotifyChannel;
}

/** The next child after `k` among those the binding map names (MUT-WRONG-CHILD's choice). */
const otherChild = (c: ParentContext, k: number): number => (k + 1) % (Math.max(...c.owner) + 1);

/** ifindexes the parent's first probe hands out start after lo (1). */
export const FIRST_IFINDEX = 2;

/**
 * The parent driver on the physical bus. Probe registers every netdev and one
 * auxiliary device per netdev, once; remove is the only path that destroys them.
 * In between it delegates each netdev to the child bound to its sub-device, and
 * takes it over, link closed, while no child drives it.
 */
export function createParentMachine(design: Design = CORRECT_DESIGN) {
  return setup({
    types: {
      context: {} as ParentContext,
      events: {} as ParentEvent,
      input: {} as ParentInput,
    },
    actions: {
      /** register_netdev() and auxiliary_device_add() for every netdev. */
      registerNetdevs: (_, _messages: Message[]) => {},
      /** auxiliary_device_delete() (children's remove() runs) then unregister_netdev(). */
      destroyNetdevs: (_, _messages: Message[]) => {},
      /** Make before break: ask the bond to move its active slave off these netdevs. */
      failOverBond: (_, _messages: Message[]) => {},
      /** netif_carrier_off() and the parent's tables published in place of the child's. */
      takeOverNetdev: (_, _messages: Message[]) => {},
      /** The child's tables published; the child programs the kept configuration. */
      delegateNetdev: (_, _messages: Message[]) => {},
      /** netif_carrier_on() for the child's netdevs, and the upgrade-finished notification. */
      reopenAndNotify: (_, _messages: Message[]) => {},
    },
  }).createMachine({
    id: 'parent',
    // The patent claims this machine takes part in (requirements, as XState's coverage tools read them): the parent on the physical bus short-circuits and takes over netdevs, closes and reopens their links (claims 1, 2, 5, 6, 9-11).
    meta: { claims: [1, 2, 5, 6, 9, 10, 11] },
    context: ({ input }) => ({
      bus: 'pci' as const,
      subdevBus: input.owner.map((): Bus => 'auxiliary'),
      owner: input.owner,
      channel: input.channel,
      nextIfindex: FIRST_IFINDEX,
    }),
    initial: 'unbound',
    states: {
      unbound: {
        on: {
          probe: {
            target: 'bound',
            actions: [
              {
                type: 'registerNetdevs',
                params: ({ context }) =>
                  context.owner.map(
                    (_, i): Message => ({
                      to: 'netdev',
                      index: i,
                      event: { type: 'register', ifindex: context.nextIfindex + i, config: DEFAULT_CONFIG },
                    }),
                  ),
              },
              assign(({ context }) => ({ nextIfindex: context.nextIfindex + context.owner.length })),
            ],
          },
        },
      },
      bound: {
        on: {
          prepareRemove: {
            actions: {
              type: 'failOverBond',
              params: ({ event }): Message[] =>
                design.failOverBeforeClose ? [{ to: 'bond', event: { type: 'failOver', slaves: event.subdevs } }] : [],
            },
          },
          takeOver: {
            actions: {
              type: 'takeOverNetdev',
              params: ({ event }): Message[] => {
                const i = event.subdev;
                if (design.destroyNetdevOnUnload) return [{ to: 'netdev', index: i, event: { type: 'unregister' } }];
                return [
                  ...(design.closeLinkOnTakeOver ? [{ to: 'netdev', index: i, event: { type: 'carrierOff' } } as const] : []),
                  ...(design.takeOverOnRemove ? [{ to: 'netdev', index: i, event: { type: 'setOps', holder: 'parent' } } as const] : []),
                ];
              },
            },
          },
          attach: {
            actions: [
              {
                type: 'delegateNetdev',
                params: ({ context, event }): Message[] => [
                  ...(design.destroyNetdevOnUnload
                    ? [{ to: 'netdev', index: event.subdev, event: { type: 'register', ifindex: context.nextIfindex, config: DEFAULT_CONFIG } } as const]
                    : []),
                  { to: 'netdev', index: event.subdev, event: { type: 'setOps', holder: design.delegateToBinder ? event.child : otherChild(context, event.child) } },
                  ...(event.openLink && design.reopenLink ? [{ to: 'netdev', index: event.subdev, event: { type: 'carrierOn' } } as const] : []),
                ],
              },
              assign(({ context, event }) => ({
                nextIfindex: context.nextIfindex + (design.destroyNetdevOnUnload ? 1 : 0),
                // MUT-SUBDEV-ON-PCI: the sub-device the child now drives is presented as a function on the physical bus.
                ...(design.subdevsOnAuxBus ? {} : { subdevBus: context.subdevBus.map((b, i): Bus => (i === event.subdev ? 'pci' : b)) }),
              })),
            ],
          },
          loadComplete: {
            actions: {
              type: 'reopenAndNotify',
              params: ({ context, event }): Message[] => [
                ...(design.reopenLink ? event.subdevs.map((i): Message => ({ to: 'netdev', index: i, event: { type: 'carrierOn' } })) : []),
                { to: 'tool', event: { type: 'notification', child: event.child, channel: context.channel } },
              ],
            },
          },
          remove: {
            target: 'removed',
            actions: {
              type: 'destroyNetdevs',
              params: ({ context }): Message[] => [
                ...context.owner.map((k, i): Message => ({ to: 'child', index: k, event: { type: 'deviceGone', subdev: i } })),
                ...context.owner.map((_, i): Message => ({ to: 'netdev', index: i, event: { type: 'unregister' } })),
              ],
            },
          },
        },
      },
      removed: {},
    },
  });
}

/** The parent machine of the correct design. */
export const parentMachine = createParentMachine();
