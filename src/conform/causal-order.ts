import { indexOfName, type TraceEvent } from '../model/trace-event.js';

/**
 * Which two events of one step a rule relates: any two (`step`), or only two
 * about the same netdev (a sub-device S_i is about N_i; a failover about every
 * netdev it moves off).
 */
export type Related = 'step' | 'netdev';

/** One happens-before of a kind: it precedes the step's later events of kind `then` (`*`: of every kind). */
export interface OrderRule {
  readonly then: string;
  readonly related: Related;
}

/** What the design needs logged before what, for one log event kind, and why. */
export interface KindOrder {
  /** It causes the rest of its step: it precedes every event the step shows after it. */
  readonly first?: boolean;
  /** It ends its step: every event the step shows before it precedes it. */
  readonly last?: boolean;
  readonly before?: readonly OrderRule[];
  readonly why: string;
}

const rule = (then: string, related: Related = 'netdev'): OrderRule => ({ then, related });
const cause = (why: string): KindOrder => ({ first: true, why });

/**
 * The happens-before within one model step, keyed by log event kind
 * (src/conform/vocabulary.ts; the kinds each step shows are its `logs` in
 * src/model/event-kinds.ts). A rule binds only where the model itself shows
 * the two events in that order: "A before B" means that when a step shows A
 * and later B, a trace logs A's line before B's. Two events no rule (nor a
 * chain of rules) orders may be logged in either order. Besides the table, two
 * events of one kind about the same netdev, sub-device or child (or bond0)
 * keep their order: each changes the same thing. docs/trace-format.md renders
 * this table ("Order within a step"); a test keeps the two equal.
 */
export const CAUSAL_ORDER: Readonly<Record<string, KindOrder>> = {
  'parent.probe': cause('the PCI core calls the probe that registers the netdevs'),
  'parent.remove': cause("the PCI core's remove() deletes the sub-devices and unregisters the netdevs"),
  'netdev.register': {
    before: [rule('auxdev.add'), rule('ops.switch'), rule('carrier.on'), rule('hw.program'), rule('bond.enslave')],
    why: 'a netdev exists before its sub-device is added, its tables set, its link opened, its hardware programmed or it is enslaved',
  },
  'netdev.unregister': {
    before: [rule('bond.release')],
    why: "unregister_netdev() sends NETDEV_UNREGISTER, on which bond0 releases the slave: each unregister precedes its own release, not the other netdevs'",
  },
  'auxdev.add': { why: 'no order needed within the parent\'s probe beyond the netdev\'s register' },
  'auxdev.delete': {
    before: [rule('netdev.unregister')],
    why: "the parent lets the child go (auxiliary_device_delete()) before it unregisters the netdev the child served",
  },
  'module.load.begin': cause('finit_module() begins the load'),
  'module.load.end': { last: true, why: "the module's init returns after every probe it ran" },
  'module.unload.begin': cause('delete_module() (module GOING) makes the parent fail bond0 over'),
  'module.unload.end': cause('the free ends the unload'),
  'subdev.probe': cause("the child's probe() does the rest of its step"),
  'subdev.remove': {
    before: [rule('bond.failover', 'step'), rule('bond.active', 'step'), rule('carrier.off'), rule('ops.switch'), rule('auxdev.delete'), rule('netdev.unregister'), rule('bond.release')],
    why: "the child's remove() closes the link and hands the tables back (or, in a prior-art driver, unregisters the netdev)",
  },
  'sysfs.bind': cause('the write to the bind file calls probe()'),
  'sysfs.unbind': cause('the write to the unbind file calls remove()'),
  'ops.switch': {
    before: [rule('carrier.on')],
    why: "INV-LINK-CLOSED: the link opens only once the child's tables serve the netdev",
  },
  'carrier.on': {
    before: [rule('notify.send', 'step')],
    why: "the upgrade-finished notification says the child's links are open again (MUT-EARLY-NOTIFY sends it before)",
  },
  'carrier.off': {
    before: [rule('ops.switch')],
    why: "INV-LINK-CLOSED: the parent takes the tables back only once the link is closed",
  },
  'bond.enslave': { before: [rule('bond.link')], why: 'a slave joins bond0 before bond0 reports its link' },
  'bond.release': {
    before: [rule('bond.active', 'step'), rule('bond.carrier', 'step')],
    why: 'bond0 reselects its active slave, and sets its own carrier, after a slave leaves',
  },
  'bond.link': {
    before: [rule('bond.active', 'step'), rule('bond.carrier', 'step')],
    why: 'a miimon pass reads every slave\'s link before it reselects the active slave and sets the carrier',
  },
  'bond.active': {
    before: [rule('bond.carrier', 'step'), rule('carrier.off', 'step'), rule('bond.release')],
    why: "make before break: bond0 has moved off a child's netdevs before their links close; bond0's carrier follows its active slave; a slave is released after it stopped being active",
  },
  'bond.carrier': { why: "bond0's carrier is the last thing a bond change sets" },
  'bond.failover': {
    before: [rule('bond.active', 'step'), rule('carrier.off', 'step')],
    why: 'make before break: the parent moves bond0 off the netdevs before their links close',
  },
  'notify.send': { why: 'the notification follows the links it reports open' },
  'notify.recv': cause('the tool reads the notification'),
  'notify.lost': cause('the notification is lost'),
  'xmit.begin': cause('dev_queue_xmit() is what is dropped'),
  'xmit.end': cause('ndo_start_xmit() is what processes the packet or oopses'),
  'packet.processed': { why: 'follows the xmit.end that processed it' },
  'packet.dropped': { why: 'follows the xmit.begin it drops' },
  oops: { why: 'follows the xmit.end that ran the freed code' },
  'hw.program': {
    why: "no order against the link, the tables or the notification: probe() may program the hardware before or after it opens the link",
  },
  'user.config': cause('the user\'s change is what the child programs'),
  'user.bond': cause("the user's write is what bond0 acts on"),
  'tool.start': cause('the tool starts'),
  'tool.rmmod': cause('the tool calls delete_module()'),
  'tool.insmod': cause('the tool calls finit_module()'),
  'tool.timeout': cause('the timeout makes the tool stop'),
  'tool.restart': cause('the tool restarts'),
  'tool.done': { last: true, why: 'the tool reports after its last action' },
  'tool.stop': { last: true, why: 'the tool reports after its last action' },
};

/** The netdevs an event is about (a sub-device S_i is about N_i). */
function netdevsOf(e: TraceEvent): number[] {
  const out: number[] = [];
  const add = (v: unknown, letter: 'N' | 'S'): void => {
    if (typeof v !== 'string') return;
    const i = indexOfName(v, letter);
    if (i !== null) out.push(i);
  };
  add(e.netdev, 'N');
  add(e.subdev, 'S');
  if (Array.isArray(e.from)) for (const n of e.from) add(n, 'N');
  return out;
}

const related = (a: TraceEvent, b: TraceEvent): boolean => {
  const x = netdevsOf(a);
  return netdevsOf(b).some((i) => x.includes(i));
};

/** The thing an event changes, for the rule that two changes of one thing keep their order. */
const subjectOf = (e: TraceEvent): string => {
  if (e.event.startsWith('bond.') && e.event !== 'bond.enslave' && e.event !== 'bond.release' && e.event !== 'bond.link') return 'bond0';
  return String(e.netdev ?? e.subdev ?? e.child ?? '');
};

/** Whether the rules need `a` (shown earlier in the step) logged before `b`. */
export function mustPrecede(a: TraceEvent, b: TraceEvent): boolean {
  if (a.event === b.event && subjectOf(a) === subjectOf(b)) return true;
  const oa = CAUSAL_ORDER[a.event];
  const ob = CAUSAL_ORDER[b.event];
  if (oa?.first || ob?.last) return true;
  for (const r of oa?.before ?? []) {
    if (r.then !== '*' && r.then !== b.event) continue;
    if (r.related === 'step' || related(a, b)) return true;
  }
  return false;
}

/** Steps with more shown events than this keep the model's order whole (the sets are 32-bit masks). */
export const MAX_REORDERED = 30;

/** Whether a step's shown events are logged in the model's order only (too many to track as a set). */
export const inModelOrder = (shown: number): boolean => shown > MAX_REORDERED;

/** Whether shown event `p` is logged, given the step's `done` (a bitmask, or a count in the model's order). */
export const isLogged = (shown: number, done: number, p: number): boolean => (inModelOrder(shown) ? p < done : (done & (1 << p)) !== 0);

/** Whether shown event `p` may be logged next: not yet logged, and everything that must precede it is. */
export const mayLog = (shown: number, preds: readonly number[], done: number, p: number): boolean =>
  inModelOrder(shown) ? p === done : (done & (1 << p)) === 0 && (preds[p]! & ~done) === 0;

/** `done` with shown event `p` logged. */
export const withLogged = (shown: number, done: number, p: number): number => (inModelOrder(shown) ? done + 1 : done | (1 << p));

/** The longest run of the model's order logged from the start, and the shortest that covers everything logged. */
export function loggedBounds(shown: number, done: number): { readonly lo: number; readonly hi: number } {
  if (inModelOrder(shown)) return { lo: done, hi: done };
  let lo = 0;
  while (lo < shown && (done & (1 << lo)) !== 0) lo++;
  return { lo, hi: 32 - Math.clz32(done) };
}

/**
 * For each of a step's shown events (in the model's order), the bitmask of
 * the earlier ones a trace must log before it: the rules, closed under
 * transitivity over every event the step shows, then kept to those the trace
 * records (`kept`: indices into `all`).
 */
export function predecessors(all: readonly TraceEvent[], kept: readonly number[]): number[] {
  if (kept.length > MAX_REORDERED) return kept.map((_, j) => (j === 0 ? 0 : 1));
  // Closure over every shown event, as sets of indices into `all`.
  const before: Set<number>[] = all.map(() => new Set());
  for (let j = 0; j < all.length; j++) {
    for (let i = 0; i < j; i++) {
      if (!mustPrecede(all[i]!, all[j]!)) continue;
      before[j]!.add(i);
      for (const k of before[i]!) before[j]!.add(k);
    }
  }
  const pos = new Map(kept.map((i, n) => [i, n]));
  return kept.map((i) => {
    let mask = 0;
    for (const k of before[i]!) {
      const n = pos.get(k);
      if (n !== undefined) mask |= 1 << n;
    }
    return mask;
  });
}
