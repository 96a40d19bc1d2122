/** The faults of model.md the explorer may inject. */
export const FAULTS = [
  'FAULT-PROBE-FAIL',
  'FAULT-NOTIFY-LOST',
  'FAULT-TOOL-RESTART',
  'FAULT-USER-CONFIG',
  'FAULT-FORCED-UNLOAD',
  'FAULT-PARENT-REMOVE',
] as const;

/** A fault id of model.md. */
export type FaultId = (typeof FAULTS)[number];

/** What each fault is, as `hotup list` prints it. */
export const FAULT_DESCRIPTIONS: Readonly<Record<FaultId, string>> = {
  'FAULT-PROBE-FAIL': 'the new version fails to match a sub-device (probe() returns an error)',
  'FAULT-NOTIFY-LOST': 'the upgrade-finished notification is lost before the tool reads it',
  'FAULT-TOOL-RESTART': 'the upgrade tool dies mid-upgrade and starts again',
  'FAULT-USER-CONFIG': "the user changes MTU/MAC/admin state or the bond's options at any moment",
  'FAULT-FORCED-UNLOAD': 'an operator unloads a child (rmmod) or unbinds/binds a sub-device in sysfs, outside the tool',
  'FAULT-PARENT-REMOVE': 'the parent device is removed (the one legitimate way netdevs go away)',
};

/** A set of faults as a bitmask, so a state can record which faults have happened. */
export const faultBit = (f: FaultId): number => 1 << FAULTS.indexOf(f);

/** The faults in a bitmask. */
export const faultsIn = (mask: number): FaultId[] => FAULTS.filter((f) => (mask & faultBit(f)) !== 0);

/** Parses a comma-separated fault list ("all", "none", or ids), naming any unknown id. */
export function parseFaults(list: string): FaultId[] {
  if (list === 'all') return [...FAULTS];
  if (list === 'none') return [];
  if (list.trim() === '') throw new Error("--faults: the list is empty; write 'none' for no faults, 'all', or a comma-separated list of FAULT-* ids");
  return list.split(',').map((s) => {
    const id = s.trim();
    if (!(FAULTS as readonly string[]).includes(id)) {
      throw new Error(`--faults: unknown fault '${id}'; use 'all', 'none' or a comma-separated list of ${FAULTS.join(', ')}`);
    }
    return id as FaultId;
  });
}
