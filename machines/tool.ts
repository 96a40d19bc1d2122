import { and, assign, not, setup } from 'xstate';
import { CORRECT_DESIGN, type Design } from './design.js';
import type { Message, NotifyChannel } from './messages.js';

/** What the tool can read of the system (sysfs, /proc/modules, the bond's sysfs files) when it acts. */
export interface ToolObservation {
  readonly parentBound: boolean;
  /** Per child: module state, version of the code, whether every one of its sub-devices is bound, and whether a probe of this load failed. */
  readonly children: readonly {
    readonly state: 'unloaded' | 'loading' | 'loaded' | 'unloading';
    readonly version: number;
    readonly allBound: boolean;
    readonly failed: boolean;
  }[];
  /** Which auxiliary devices exist (what a loaded driver will find to probe). */
  readonly present: readonly boolean[];
  /** Every slave whose netdev has carrier is UP in the bond's view, and every other is DOWN. */
  readonly bondSettled: boolean;

}

/** Context of the upgrade tool. */
export interface ToolContext {
  /** The version every child is upgraded to in this round. */
  readonly target: number;
  /**
   * Children already at the target when a later round began, which this round
   * must still reload (the same version again); a child leaves the list when
   * the tool unloads or loads it.
   */
  readonly reload: readonly number[];
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
  | { type: 'rerun'; target: number; obs: ToolObservation }
  | { type: 'step'; obs: ToolObservation }
  | { type: 'recv' }
  | { type: 'timeout'; obs: ToolObservation }
  | { type: 'notification'; child: number; channel: NotifyChannel }
  | { type: 'rmmodDone'; child: number }
  | { type: 'notifyLost' }
  | { type: 'restart' };

type Obs = ToolObservation;
type ChildObs = Obs['children'][number];
const firstChild = (o: Obs, p: (c: ChildObs, k: number) => boolean): number => o.children.findIndex(p);
const obsOf = (e: ToolEvent): Obs | null => (e.type === 'step' || e.type === 'timeout' ? e.obs : null);
/** A loaded child this round still has to upgrade: at another version, or one the round reloads at the same. */
const pending = (ctx: ToolContext) => (c: ChildObs, k: number): boolean => c.state === 'loaded' && (c.version !== ctx.target || ctx.reload.includes(k));
/** A loaded child this round has upgraded (or found at the target) that did not bind every sub-device. */
const failedLoad = (ctx: ToolContext) => (c: ChildObs, k: number): boolean => c.state === 'loaded' && c.version === ctx.target && !ctx.reload.includes(k) && !c.allBound;
/**
 * The next child to unload: one whose probe failed first (a round begun after
 * a failed one repairs it before it takes down a child that still carries
 * traffic, or the bond could lose its last open link), then in index order.
 */
const nextPending = (ctx: ToolContext, o: Obs): number => {
  const broken = firstChild(o, (c, k) => c.failed && pending(ctx)(c, k));
  return broken >= 0 ? broken : firstChild(o, pending(ctx));
};
const without = (xs: readonly number[], k: number | null): readonly number[] => (k !== null && xs.includes(k) ? xs.filter((x) => x !== k) : xs);

/** A new round from `done` or `stopped`: the new target, the children to reload at it, nothing carried over. */
const newRound = (e: Extract<ToolEvent, { type: 'rerun' }>): ToolContext => ({
  target: e.target,
  reload: e.obs.children.flatMap((c, k) => (c.state === 'loaded' && c.version === e.target ? [k] : [])),
  current: null,
  inbox: [],
  report: null,
});

/**
 * The user-space upgrade tool: a rolling upgrade, one child at a time, waiting
 * for the upgrade-finished notification before the next, stopping with a report
 * when a load fails or the notification never comes.
 * Once done or stopped, the user may run it again to another version, the
 * same one or an older one: each run is a round of its own.
 */
export function createToolMachine(design: Design = CORRECT_DESIGN) {
  const waits = design.toolWaitsForNotification;
  return setup({
    types: {
      context: {} as ToolContext,
      events: {} as ToolEvent,
    },
    actions: {
      /** insmod of the target version: finit_module() takes the code in; the module's init runs in a later kernel step. */
      insmod: (_, _messages: Message[]) => {},
      /** rmmod (delete_module); the call returns when the code is freed. */
      rmmod: (_, _messages: Message[]) => {},
    },
    guards: {
      parentGone: ({ event }) => obsOf(event)?.parentBound === false,
      childUnloaded: ({ event }) => firstChild(obsOf(event)!, (c) => c.state === 'unloaded') >= 0,
      childBusy: ({ event }) => waits && firstChild(obsOf(event)!, (c) => c.state === 'loading' || c.state === 'unloading') >= 0,
      childFailed: ({ context, event }) => design.toolStopsOnFailure && firstChild(obsOf(event)!, failedLoad(context)) >= 0,
      allOnTarget: ({ context, event }) =>
        design.toolUpgradesEveryChild
          ? firstChild(obsOf(event)!, pending(context)) < 0
          : // MUT-SKIP-CHILD: one child on the new version is taken for all.
            firstChild(obsOf(event)!, (c, k) => c.state === 'loaded' && c.version === context.target && !context.reload.includes(k)) >= 0 ||
            firstChild(obsOf(event)!, pending(context)) < 0,
      bondSettledAndChildOld: ({ context, event }) => (!waits || obsOf(event)!.bondSettled) && firstChild(obsOf(event)!, pending(context)) >= 0,

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
    context: { target: 2, reload: [], current: null, inbox: [], report: null },
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
                assign(({ context, event }) => {
                  const k = firstChild(event.obs, (c) => c.state === 'unloaded');
                  return { current: k, reload: without(context.reload, k) };
                }),
                {
                  type: 'insmod',
                  params: ({ context }): Message[] => [
                    { to: 'child', index: context.current!, event: { type: 'insmod', version: context.target } },
                  ],
                },
              ],
            },
            {
              guard: and([not('childBusy'), 'childFailed']),
              target: 'stopped',
              actions: assign(({ context, event }) => ({
                report: `C${firstChild(event.obs, failedLoad(context)) + 1} did not bind every sub-device`,
              })),
            },
            { guard: and([not('childBusy'), 'allOnTarget']), target: 'done', actions: assign({ current: null, reload: [] }) },
            {
              guard: and([not('childBusy'), 'bondSettledAndChildOld']),
              target: 'waitingUnload',
              actions: [
                assign(({ context, event }) => {
                  const k = nextPending(context, event.obs);
                  return { current: k, reload: without(context.reload, k) };
                }),
                { type: 'rmmod', params: ({ context }): Message[] => [{ to: 'child', index: context.current!, event: { type: 'rmmod' } }] },
              ],
            },
          ],
          restart: { target: 'selecting', reenter: true, actions: assign({ current: null, inbox: [], reload: [] }) },
        },
      },
      waitingUnload: {
        on: {
          rmmodDone: { guard: 'rmmodOfCurrent', target: 'readyToLoad' },
          restart: { target: 'selecting', actions: assign({ current: null, inbox: [], reload: [] }) },
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
                params: ({ context }): Message[] => [{ to: 'child', index: context.current!, event: { type: 'insmod', version: context.target } }],
              },
            },
          ],
          restart: { target: 'selecting', actions: assign({ current: null, inbox: [], reload: [] }) },
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
          restart: { target: 'selecting', actions: assign({ current: null, inbox: [], reload: [] }) },
        },
      },
      // The user may run the tool again, to any version: each run is a round of its own.
      done: { on: { rerun: { target: 'selecting', actions: assign(({ event }) => newRound(event)) } } },
      stopped: { on: { rerun: { target: 'selecting', actions: assign(({ event }) => newRound(event)) } } },
    },
  });
}

/** The upgrade tool of the correct design. */
export const toolMachine = createToolMachine();
