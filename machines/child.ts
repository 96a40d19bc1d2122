import { assign, setup } from 'xstate';
import { CORRECT_DESIGN, type Design } from './design.js';
import { DEFAULT_CONFIG, type Message, type NetdevConfig } from './messages.js';

/** A sub-device as its child sees it: not bound, bound (probe matched), probe failed, or deleted by the parent. */
export type SubdevStatus = 'unbound' | 'bound' | 'failed' | 'gone';

/** Context of child driver C_k. */
export interface ChildContext {
  readonly index: number;
  readonly name: string;
  /** The auxiliary_device_id name in the driver's id_table. */
  readonly idTable: string;
  /** Version of the module's code while it is present (0 before the first load). */
  readonly version: number;
  /** Netdev indices of the sub-devices this driver declares (the binding map). */
  readonly subdevs: readonly number[];
  /** One per entry of `subdevs`. */
  readonly status: readonly SubdevStatus[];
  /** What the child programmed into the hardware for each sub-device's netdev. */
  readonly programmed: readonly (NetdevConfig | null)[];
  /** This load has told the parent it matched every sub-device (sent once per load). */
  readonly completed: boolean;
}

/**
 * Events a child accepts: insmod (finit_module() takes the module in), load (its
 * init runs and registers the driver), unload steps, probe/remove, sysfs
 * bind/unbind, ndo calls.
 */
export type ChildEvent =
  | { type: 'insmod'; version: number }
  | { type: 'load'; version: number; present: readonly boolean[] }
  | { type: 'probe'; subdev: number; ok: boolean }
  | { type: 'rmmod' }
  | { type: 'remove'; subdev: number }
  | { type: 'drain'; callsInFlight: number }
  | { type: 'free' }
  | { type: 'unbind'; subdev: number }
  | { type: 'deviceGone'; subdev: number }
  | { type: 'program'; netdev: number; config: NetdevConfig; reason: 'probe' | 'ndo' }
  | { type: 'ndoStartXmit'; netdev: number };

/** Input of a child machine: its position and the netdevs whose sub-devices it binds. */
export interface ChildInput {
  readonly index: number;
  readonly subdevs: readonly number[];
}

const pos = (c: ChildContext, subdev: number): number => c.subdevs.indexOf(subdev);
const setStatus = (c: ChildContext, subdev: number, s: SubdevStatus): readonly SubdevStatus[] =>
  c.status.map((x, j) => (j === pos(c, subdev) ? s : x));
const bound = (c: ChildContext): number[] => c.subdevs.filter((_, j) => c.status[j] === 'bound');
const allBound = (c: ChildContext): boolean => c.status.every((s) => s === 'bound');

/** The auxiliary device name the parent gives sub-device S_i bound by child k. */
export const subdevName = (child: number, netdev: number): string => `hotup.c${child + 1}eth.${netdev}`;

/**
 * Child driver C_k: a module on the auxiliary bus. Loading registers the driver,
 * which probes each of its sub-devices; unloading removes them one by one in
 * any order (driver_detach), waits for calls in flight (synchronize_rcu) and frees the code.
 */
export function createChildMachine(design: Design = CORRECT_DESIGN) {
  return setup({
    types: {
      context: {} as ChildContext,
      events: {} as ChildEvent,
      input: {} as ChildInput,
    },
    actions: {
      /** The module's init runs: a new load of this version, its sub-devices those present now. */
      beginLoad: assign(({ context, event }) =>
        event.type === 'load'
          ? {
              version: event.version,
              status: context.subdevs.map((i) => (event.present[i] ? ('unbound' as const) : ('gone' as const))),
              programmed: context.subdevs.map(() => null),
              completed: false,
            }
          : {},
      ),
      /** probe() matched: ask the parent to hand the netdev's tables to this child. */
      attachToParent: (_, _messages: Message[]) => {},
      /** All sub-devices matched: tell the parent, which opens the links and notifies user space. */
      completeLoad: (_, _messages: Message[]) => {},
      /** Module exit begins: the parent is asked to fail the bond over before links close. */
      prepareRemove: (_, _messages: Message[]) => {},
      /** remove(): the parent takes the netdev over. */
      handOverToParent: (_, _messages: Message[]) => {},
      /** delete_module() returns to the caller. */
      reportUnloaded: (_, _messages: Message[]) => {},
      /** The ndo runs in this module's code. */
      runXmit: (_, _messages: Message[]) => {},
      /** The ndo jumps into freed memory: a kernel oops. */
      runFreedCode: (_, _messages: Message[]) => {},
    },
    guards: {
      declaresUnboundSubdev: ({ context, event }) =>
        event.type === 'probe' && context.status[pos(context, event.subdev)] === 'unbound',
      declaresIdleSubdev: ({ context, event }) =>
        event.type === 'probe' && ['unbound', 'failed'].includes(context.status[pos(context, event.subdev)] ?? ''),
      probingDone: ({ context }) => !context.status.includes('unbound'),
      boundSubdev: ({ context, event }) =>
        event.type === 'unbind' && context.status[pos(context, event.subdev)] === 'bound',
      removesBoundSubdev: ({ context, event }) =>
        event.type === 'remove' && context.status[pos(context, event.subdev)] === 'bound',
      noBoundSubdev: ({ context }) => bound(context).length === 0,
      noCallsInFlight: ({ event }) => !design.drainBeforeFree || (event.type === 'drain' && event.callsInFlight === 0),
    },
  }).createMachine({
    id: 'child',
    // The patent claims this machine takes part in (requirements, as XState's coverage tools read them): a child is unloaded and loaded at the new version, matches its sub-devices on the virtual bus and processes their traffic (claims 1-4, 6, 9, 10).
    meta: { claims: [1, 2, 3, 4, 6, 9, 10] },
    context: ({ input }) => ({
      index: input.index,
      name: `C${input.index + 1}`,
      idTable: `hotup.c${input.index + 1}eth`,
      version: 0,
      subdevs: input.subdevs,
      status: input.subdevs.map(() => 'gone' as const),
      programmed: input.subdevs.map(() => null),
      completed: false,
    }),
    on: {
      program: {
        actions: assign(({ context, event }) => ({
          programmed: context.programmed.map((p, j) =>
            j === pos(context, event.netdev)
              ? event.reason === 'probe' && !design.programKeptConfig
                ? DEFAULT_CONFIG
                : event.config
              : p,
          ),
        })),
      },
      deviceGone: { actions: assign(({ context, event }) => ({ status: setStatus(context, event.subdev, 'gone') })) },
      ndoStartXmit: {
        actions: {
          type: 'runXmit',
          params: ({ context, event }) => [
            { to: 'traffic', event: { type: 'processed', netdev: event.netdev, child: context.index, version: context.version } },
          ],
        },
      },
    },
    initial: 'unloaded',
    states: {
      unloaded: {
        on: {
          // The tool's insmod: finit_module() has the module's code; its init has not run yet.
          insmod: { target: 'inserting', actions: assign(({ event }) => ({ version: event.version })) },
          // Boot: the module is in the initramfs and its init runs at once.
          load: {
            target: 'loading',
            actions: 'beginLoad',
          },
          ndoStartXmit: {
            actions: {
              type: 'runFreedCode',
              params: ({ context, event }) => [{ to: 'traffic', event: { type: 'oops', netdev: event.netdev, child: context.index } }],
            },
          },
        },
      },
      // MODULE_STATE_COMING: between the tool's insmod and the module's init, anything
      // else in the kernel (a miimon pass) may run; nothing calls into this code yet.
      inserting: {
        on: {
          load: {
            target: 'loading',
            actions: 'beginLoad',
          },
        },
      },
      loading: {
        always: {
          guard: 'probingDone',
          target: 'loaded',
          actions: [
            {
              type: 'completeLoad',
              params: ({ context }): Message[] =>
                design.notifyAfterAllMatched && allBound(context)
                  ? [{ to: 'parent', event: { type: 'loadComplete', child: context.index, subdevs: bound(context) } }]
                  : [],
            },
            assign(({ context }) => ({ completed: context.completed || (design.notifyAfterAllMatched && allBound(context)) })),
          ],
        },
        on: {
          probe: [
            {
              guard: 'declaresUnboundSubdev',
              actions: [
                assign(({ context, event }) => ({ status: setStatus(context, event.subdev, event.ok ? 'bound' : 'failed') })),
                {
                  type: 'attachToParent',
                  params: ({ context, event }): Message[] =>
                    event.ok ? [{ to: 'parent', event: { type: 'attach', child: context.index, subdev: event.subdev, openLink: false } }] : [],
                },
                {
                  type: 'completeLoad',
                  params: ({ context, event }): Message[] =>
                    !design.notifyAfterAllMatched && event.ok && bound(context).length === 1
                      ? [{ to: 'parent', event: { type: 'loadComplete', child: context.index, subdevs: bound(context) } }]
                      : [],
                },
                assign(({ context, event }) => ({ completed: context.completed || (!design.notifyAfterAllMatched && event.ok && bound(context).length === 1) })),
              ],
            },
          ],
        },
      },
      loaded: {
        on: {
          rmmod: {
            target: 'unloading',
            actions: {
              type: 'prepareRemove',
              params: ({ context }) => [
                { to: 'parent', event: { type: 'prepareRemove', child: context.index, subdevs: bound(context) } },
              ],
            },
          },
          probe: {
            guard: 'declaresIdleSubdev',
            actions: [
              assign(({ context, event }) => ({ status: setStatus(context, event.subdev, event.ok ? 'bound' : 'failed') })),
              {
                type: 'attachToParent',
                params: ({ context, event }): Message[] =>
                  event.ok ? [{ to: 'parent', event: { type: 'attach', child: context.index, subdev: event.subdev, openLink: true } }] : [],
              },
              {
                // A load whose probe failed completes when the operator binds the last sub-device in sysfs.
                type: 'completeLoad',
                params: ({ context }): Message[] =>
                  !context.completed && allBound(context)
                    ? [{ to: 'parent', event: { type: 'loadComplete', child: context.index, subdevs: bound(context) } }]
                    : [],
              },
              assign(({ context }) => ({ completed: context.completed || allBound(context) })),
            ],
          },
          unbind: {
            guard: 'boundSubdev',
            actions: [
              assign(({ context, event }) => ({ status: setStatus(context, event.subdev, 'unbound') })),
              {
                type: 'prepareRemove',
                params: ({ context, event }) => [
                  { to: 'parent', event: { type: 'prepareRemove', child: context.index, subdevs: [event.subdev] } },
                ],
              },
              {
                type: 'handOverToParent',
                params: ({ context, event }) => [
                  { to: 'parent', event: { type: 'takeOver', child: context.index, subdev: event.subdev } },
                ],
              },
            ],
          },
        },
      },
      unloading: {
        initial: 'removing',
        states: {
          removing: {
            always: { guard: 'noBoundSubdev', target: 'draining' },
            on: {
              // driver_detach() removes a driver's devices in reverse bind order, and a
              // driver may release them itself first: any order is the design's to survive.
              remove: {
                guard: 'removesBoundSubdev',
                actions: [
                  {
                    type: 'handOverToParent',
                    params: ({ context, event }) => [
                      { to: 'parent', event: { type: 'takeOver', child: context.index, subdev: event.subdev } },
                    ],
                  },
                  assign(({ context, event }) => ({ status: setStatus(context, event.subdev, 'unbound') })),
                ],
              },
            },
          },
          draining: {
            on: { drain: { guard: 'noCallsInFlight', target: 'freeing' } },
          },
          freeing: {
            on: {
              free: {
                target: '#child.unloaded',
                actions: [
                  {
                    type: 'reportUnloaded',
                    params: ({ context }) => [{ to: 'tool', event: { type: 'rmmodDone', child: context.index } }],
                  },
                  assign(({ context }) => ({ programmed: context.subdevs.map(() => null) })),
                ],
              },
            },
          },
        },
      },
    },
  });
}

/** The child machine of the correct design. */
export const childMachine = createChildMachine();
