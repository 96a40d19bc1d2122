import { CORRECT_DESIGN, type Design } from '../machines/design.js';

/** A broken variant of the design: one switch flipped, and the properties model.md expects it to break. */
export interface Mutant {
  readonly id: string;
  readonly description: string;
  readonly flip: Partial<Design>;
  /** What model.md expects the mutant to break, and the exhaustive check proves it does (bench/results/mutant-proofs.json). */
  readonly breaks: readonly string[];
  /** Further properties the exhaustive check proves it breaks. */
  readonly alsoBreaks?: readonly string[];
  /**
   * A property of `breaks` or `alsoBreaks` the mutant breaks on some presets
   * only: those presets, and why it cannot on the others (the check proves
   * it unreachable there). Any other property it breaks on every preset.
   */
  readonly onlyOn?: Readonly<Record<string, { readonly presets: readonly string[]; readonly why: string }>>;
  /** Properties model.md expects the mutant to break that the exhaustive check proves unreachable on every preset, and why. */
  readonly cannotBreak?: Readonly<Record<string, string>>;
}

/** The design mutants of model.md. */
export const MUTANTS: readonly Mutant[] = [
  {
    id: 'MUT-PRIOR-ART',
    description: "today's practice: unloading a child unregisters its netdevs; loading creates them again",
    flip: { destroyNetdevOnUnload: true },
    breaks: ['INV-NETDEV-PERSIST', 'INV-CONFIG-KEPT'],
    alsoBreaks: ['INV-BOND-UP', 'INV-NO-LOSS', 'LIVE-RESTORE'],
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
    onlyOn: {
      'INV-NO-LOSS': {
        presets: ['claims-10-11-xor'],
        why: 'in active-backup the bond has already moved its active slave off the netdev (make before break) when the parent takes it over, so an open link carries nothing; a load-sharing bond still transmits on every slave in its array',
      },
    },
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
    onlyOn: {
      'INV-NO-LOSS': {
        presets: ['claims-1-9', 'claims-10-11', 'claims-10-11-primary'],
        why: 'in balance-xor the netdev notifier drops a slave from the transmit array as soon as its carrier goes off, so there is no active slave to move first',
      },
    },
  },
  {
    id: 'MUT-PARALLEL-UPGRADE',
    description: 'the tool unloads the next child before the notification',
    flip: { toolWaitsForNotification: false },
    breaks: ['INV-ONE-DOWN', 'INV-BOND-UP'],
    alsoBreaks: ['INV-NO-LOSS', 'LIVE-REPORT'],
  },
  {
    id: 'MUT-EARLY-NOTIFY',
    description: 'notification sent after the first sub-device matched, not all',
    flip: { notifyAfterAllMatched: false },
    breaks: ['INV-NOTIFY'],
    alsoBreaks: ['LIVE-RESTORE'],
    onlyOn: {
      'INV-NOTIFY': { presets: ['claims-10-11', 'claims-10-11-xor', 'claims-10-11-primary'], why: 'it needs a child with two or more sub-devices; on claims-1-9 the first match is the last' },
      'LIVE-RESTORE': { presets: ['claims-10-11', 'claims-10-11-xor', 'claims-10-11-primary'], why: 'it needs a child with two or more sub-devices; on claims-1-9 the first match is the last' },
    },
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
    alsoBreaks: ['INV-BOND-UP', 'INV-NO-LOSS'],
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
  {
    id: 'MUT-SKIP-CHILD',
    description: 'the tool reports the upgrade done once one child runs the new version, leaving the others on the old',
    flip: { toolUpgradesEveryChild: false },
    breaks: ['LIVE-UPGRADE-DONE'],
  },
  {
    id: 'MUT-WRONG-CHILD',
    description: "the parent hands a netdev back to another child's tables, not those of the child that bound its sub-device",
    flip: { delegateToBinder: false },
    breaks: ['INV-TRAFFIC-PATH', 'INV-OPS-ROUTE'],
    alsoBreaks: ['INV-NO-FREED-CODE', 'LIVE-RESTORE'],
  },
  {
    id: 'MUT-SUBDEV-ON-PCI',
    description: 'the parent presents a sub-device to its reloaded child as a function on the physical (PCI) bus, not an auxiliary device',
    flip: { subdevsOnAuxBus: false },
    breaks: ['INV-BUS'],
  },
];

/** Every property a mutant breaks on some preset: model.md's list, then the model's additions. */
export const expectedIds = (m: Mutant): string[] => [...m.breaks, ...(m.alsoBreaks ?? [])];

/** The properties a mutant breaks on some preset (the same as `expectedIds`: `cannotBreak` lies outside both). */
export const expectedBreaks = (m: Mutant): string[] => expectedIds(m);

/** The presets among `presets` on which the mutant breaks `property` (none when it is not one it breaks). */
export const presetsBreaking = (m: Mutant, property: string, presets: readonly string[]): string[] =>
  !expectedIds(m).includes(property) ? [] : (m.onlyOn?.[property]?.presets ?? presets).filter((p) => presets.includes(p));

/** The mutant with this id, or an error naming the known ids. */
export function mutantById(id: string): Mutant {
  const m = MUTANTS.find((x) => x.id === id);
  if (!m) throw new Error(`--mutant: unknown mutant '${id}'; use one of ${MUTANTS.map((x) => x.id).join(', ')}`);
  return m;
}

/** The design with a mutant's switch flipped (the correct design for null). */
export const designOf = (mutant: string | null): Design => (mutant === null ? CORRECT_DESIGN : { ...CORRECT_DESIGN, ...mutantById(mutant).flip });
