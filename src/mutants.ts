import { CORRECT_DESIGN, type Design } from '../machines/design.js';

/** A broken variant of the design: one switch flipped, and the properties model.md expects it to break. */
export interface Mutant {
  readonly id: string;
  readonly description: string;
  readonly flip: Partial<Design>;
  /** What model.md expects the mutant to break. */
  readonly breaks: readonly string[];
  /** Further properties the model shows it breaks. */
  readonly alsoBreaks?: readonly string[];
  /** Expected ids this model shows the mutant cannot break, and why. */
  readonly cannotBreak?: Readonly<Record<string, string>>;
}

/** The design mutants of model.md. */
export const MUTANTS: readonly Mutant[] = [
  {
    id: 'MUT-PRIOR-ART',
    description: "today's practice: unloading a child unregisters its netdevs; loading creates them again",
    flip: { destroyNetdevOnUnload: true },
    breaks: ['INV-NETDEV-PERSIST', 'INV-CONFIG-KEPT'],
  },
  {
    id: 'MUT-NO-TAKEOVER',
    description: 'tables keep pointing at the child after it unloads',
    flip: { takeOverOnRemove: false },
    breaks: ['INV-OPS-ROUTE', 'INV-NO-FREED-CODE'],
  },
  {
    id: 'MUT-NO-LINK-CLOSE',
    description: 'the parent takes over but leaves the link open',
    flip: { closeLinkOnTakeOver: false },
    breaks: ['INV-LINK-CLOSED', 'INV-NO-LOSS'],
  },
  {
    id: 'MUT-NO-DRAIN',
    description: 'child code freed without waiting for calls in flight',
    flip: { drainBeforeFree: false },
    breaks: ['INV-NO-FREED-CODE'],
  },
  {
    id: 'MUT-NO-WAIT-FAILOVER',
    description: 'the child detaches before the bond has failed over: its links close while the bond still sends on them',
    flip: { failOverBeforeClose: false },
    breaks: ['INV-NO-LOSS'],
  },
  {
    id: 'MUT-PARALLEL-UPGRADE',
    description: 'the tool unloads the next child before the notification',
    flip: { toolWaitsForNotification: false },
    breaks: ['INV-ONE-DOWN', 'INV-BOND-UP'],
  },
  {
    id: 'MUT-EARLY-NOTIFY',
    description: 'notification sent after the first sub-device matched, not all',
    flip: { notifyAfterAllMatched: false },
    breaks: ['INV-NOTIFY', 'INV-BOND-UP'],
    alsoBreaks: ['LIVE-RESTORE'],
    cannotBreak: {
      'INV-BOND-UP':
        'the parent opens the link of every sub-device matched before the early notification, and the tool does not act while the child is still probing, so a netdev of the notifying child is open when the next child goes down; what the mutant loses is the link of the sub-devices matched after it (LIVE-RESTORE)',
    },
  },
  {
    id: 'MUT-NO-REOPEN',
    description: 'the parent never reopens the link',
    flip: { reopenLink: false },
    breaks: ['LIVE-RESTORE'],
    alsoBreaks: ['INV-BOND-UP'],
  },
  {
    id: 'MUT-CONFIG-LOST',
    description: 'the reloaded child programs default configuration',
    flip: { programKeptConfig: false },
    breaks: ['INV-CONFIG-KEPT'],
  },
  {
    id: 'MUT-IGNORE-PROBE-FAIL',
    description: 'the tool goes on after a failed load',
    flip: { toolStopsOnFailure: false },
    breaks: ['INV-BOND-UP', 'LIVE-REPORT'],
  },
];

/** Every property a mutant is expected to break: model.md's list, then the model's additions. */
export const expectedIds = (m: Mutant): string[] => [...m.breaks, ...(m.alsoBreaks ?? [])];

/** The properties a mutant is expected to break, less those it documents it cannot. */
export const expectedBreaks = (m: Mutant): string[] => expectedIds(m).filter((p) => !m.cannotBreak?.[p]);

/** The mutant with this id, or an error naming the known ids. */
export function mutantById(id: string): Mutant {
  const m = MUTANTS.find((x) => x.id === id);
  if (!m) throw new Error(`--mutant: unknown mutant '${id}'; use one of ${MUTANTS.map((x) => x.id).join(', ')}`);
  return m;
}

/** The design with a mutant's switch flipped (the correct design for null). */
export const designOf = (mutant: string | null): Design => (mutant === null ? CORRECT_DESIGN : { ...CORRECT_DESIGN, ...mutantById(mutant).flip });
