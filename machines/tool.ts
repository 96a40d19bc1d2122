import { and, assign, not, setup } from 'xstate';
import { CORRECT_DESIGN, type Design } from './design.js';
import type { Message, NotifyChannel } from './messages.js';

/** What the tool can read of the system (sysfs, /proc/modules, the bond's sysfs files) when it acts. */
export interface ToolObservation {
  readonly parentBound: boolean;
  /** Per child: module state, version of the code, and whether every one of its sub-devices is bound. */
  readonly children: readonly {
    readonly state: 'unloaded' | 'loading' | 'loaded' | 'unloading';
    readonly version: number;
    readonly allBound: boolean;
  }[];
  /** Which auxiliary devices exist (what a loaded driver will find to probe). */
  readonly present: readonly boolean[];
  /** Every slave whose netdev has carrier is UP in the bond's view, and every other is DOWN. */
  readonly bondSettled: boolean;

}

/** Context of the upgrade tool. */
export interface ToolContext {
  /** The version every child is upgraded to. */
  readonly target: number;
  /** The child the tool is upgrading, or null. */
  readonly current: number | null;
  /** Notifications read from the channel's socket buffer but not yet acted on. */
  readonly inbox: readonly number[];
  /** Why the tool stopped, when it did. */
  readonly report: string | null;
}

/** Events the tool accepts: user commands, its own next action, kernel notifications, faults. */
export type ToolEvent =
  | { type: 'start'; target: number }
  | { type: 'step'; obs: ToolObservation }
  | { type: 'recv' }
  | { type: 'timeout'; obs: ToolObservation }
  | { type: 'notification'; child: number; channel: NotifyChannel }
  | { type: 'rmmodDone'; child: number }
  | { type: 'notifyLost' }
  | { type: 'restart' };

type Obs = ToolObservation;
const firstChild = (o: Obs, p: (c: Obs['children'][number]) => boolean): number => o.children.findIndex(p);
const obsOf = (e: ToolEvent): Obs | null => (e.type === 'step' || e.type === 'timeout' ? e.obs : null);

/**
 * The user-space upgrade tool: a rolling upgrade, one child at a time, waiting
 * for the upgrade-finished notification before the next, stopping with a report
 * when a load fails or the notification never comes.
 */
export function createToolMachine(design: Design = CORRECT_DESIGN) {
  const waits = design.toolWaitsForNotification;
  return setup({
    types: {
      context: {} as ToolContext,
      events: {} as ToolEvent,
    },
    actions: {
      /** insmod of the target version (finit_module). */
      insmod: (_, _messages: Message[]) => {},
      /** rmmod (delete_module); the call returns when the code is freed. */
      rmmod: (_, _messages: Message[]) => {},
    },
    guards: {
      parentGone: ({ event }) => obsOf(event)?.parentBound === false,
      childUnloaded: ({ event }) => firstChild(obsOf(event)!, (c) => c.state === 'unloaded') >= 0,
      childBusy: ({ event }) => waits && firstChild(obsOf(event)!, (c) => c.state === 'loading' || c.state === 'unloading') >= 0,
      childFailed: ({ context, event }) =>
        design.toolStopsOnFailure &&
        firstChild(obsOf(event)!, (c) => c.state === 'loaded' && c.version === context.target && !c.allBound) >= 0,
      allOnTarget: ({ context, event }) =>
        design.toolUpgradesEveryChild
          ? obsOf(event)!.children.every((c) => c.state !== 'loaded' || c.version === context.target) &&
            firstChild(obsOf(event)!, (c) => c.state === 'loaded' && c.version !== context.target) < 0
          : // MUT-SKIP-CHILD: one child on the new version is taken for all.
            firstChild(obsOf(event)!, (c) => c.state === 'loaded' && c.version === context.target) >= 0 ||
            firstChild(obsOf(event)!, (c) => c.state === 'loaded' && c.version !== context.target) < 0,
      bondSettledAndChildOld: ({ context, event }) =>
        (!waits || obsOf(event)!.bondSettled) && firstChild(obsOf(event)!, (c) => c.state === 'loaded' && c.version !== context.target) >= 0,

      notificationForCurrent: ({ context, event }) => event.type === 'notification' && event.child === context.current,
      inboxNotEmpty: ({ context }) => context.inbox.length > 0,
      loadFinishedSilently: ({ context, event }) =>
        context.inbox.length === 0 &&
        context.current !== null &&
        obsOf(event)!.children[context.current]?.state === 'loaded',
      currentUnloaded: ({ context, event }) => context.current !== null && obsOf(event)!.children[context.current]?.state === 'unloaded',
      rmmodOfCurrent: ({ context, event }) => event.type === 'rmmodDone' && event.child === context.current,
    },
  }).createMachine({
    id: 'tool',
    // The patent claims this machine takes part in (requirements, as XState's coverage tools read them): the tool upgrades one child at a time and waits for the notification on its channel (claims 3, 6-8).
    meta: { claims: [3, 6, 7, 8] },
    context: { target: 2, current: null, inbox: [], report: null },
    initial: 'idle',
    states: {
      idle: {
        on: { start: { target: 'selecting', actions: assign(({ event }) => ({ target: event.target })) } },
      },
      selecting: {
        on: {
          step: [
            { guard: 'parentGone', target: 'stopped', actions: assign({ report: 'the parent device was removed' }) },
            {
              guard: 'childUnloaded',
              target: waits ? 'waitingNotify' : 'selecting',
              reenter: true,
              actions: [
                assign(({ event }) => ({ current: firstChild(event.obs, (c) => c.state === 'unloaded') })),
                {
                  type: 'insmod',
                  params: ({ context, event }): Message[] => [
                    { to: 'child', index: context.current!, event: { type: 'load', version: context.target, present: event.obs.present } },
                  ],
                },
              ],
            },
            {
              guard: and([not('childBusy'), 'childFailed']),
              target: 'stopped',
              actions: assign(({ context, event }) => ({
                report: `C${firstChild(event.obs, (c) => c.state === 'loaded' && c.version === context.target && !c.allBound) + 1} did not bind every sub-device`,
              })),
            },
            { guard: and([not('childBusy'), 'allOnTarget']), target: 'done', actions: assign({ current: null }) },
            {
              guard: and([not('childBusy'), 'bondSettledAndChildOld']),
              target: 'waitingUnload',
              actions: [
                assign(({ context, event }) => ({
                  current: firstChild(event.obs, (c) => c.state === 'loaded' && c.version !== context.target),
                })),
                { type: 'rmmod', params: ({ context }): Message[] => [{ to: 'child', index: context.current!, event: { type: 'rmmod' } }] },
              ],
            },
          ],
          restart: { target: 'selecting', reenter: true, actions: assign({ current: null, inbox: [] }) },
        },
      },
      waitingUnload: {
        on: {
          rmmodDone: { guard: 'rmmodOfCurrent', target: 'readyToLoad' },
          restart: { target: 'selecting', actions: assign({ current: null, inbox: [] }) },
        },
      },
      readyToLoad: {
        on: {
          step: [
            { guard: 'parentGone', target: 'stopped', actions: assign({ report: 'the parent device was removed' }) },
            {
              target: waits ? 'waitingNotify' : 'selecting',
              actions: {
                type: 'insmod',
                params: ({ context, event }): Message[] => [
                  { to: 'child', index: context.current!, event: { type: 'load', version: context.target, present: event.obs.present } },
                ],
              },
            },
          ],
          restart: { target: 'selecting', actions: assign({ current: null, inbox: [] }) },
        },
      },
      waitingNotify: {
        on: {
          notification: { guard: 'notificationForCurrent', actions: assign(({ event }) => ({ inbox: [event.child] })) },
          recv: { guard: 'inboxNotEmpty', target: 'selecting', actions: assign({ inbox: [], current: null }) },
          notifyLost: { guard: 'inboxNotEmpty', actions: assign({ inbox: [] }) },
          timeout: [
            { guard: 'parentGone', target: 'stopped', actions: assign({ report: 'the parent device was removed' }) },
            design.toolStopsOnFailure
              ? {
                  guard: 'loadFinishedSilently',
                  target: 'stopped',
                  actions: assign(({ context }) => ({ report: `no upgrade-finished notification from C${context.current! + 1}` })),
                }
              : { guard: 'loadFinishedSilently', target: 'selecting', actions: assign({ current: null }) },
            // An operator's rmmod took the module away while the tool waited for it: nothing will ever notify.
            {
              guard: 'currentUnloaded',
              target: 'stopped',
              actions: assign(({ context }) => ({ report: `C${context.current! + 1} was unloaded before it notified` })),
            },
          ],
          restart: { target: 'selecting', actions: assign({ current: null, inbox: [] }) },
        },
      },
      done: {},
      stopped: {},
    },
  });
}

/** The upgrade tool of the correct design. */
export const toolMachine = createToolMachine();
