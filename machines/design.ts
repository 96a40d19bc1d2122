/**
 * Design switches read by the machines' guards and actions. The correct design
 * is `CORRECT_DESIGN`; each MUT-* of model.md flips exactly one switch, so the
 * correct and broken designs share every line but the switched one.
 */
export interface Design {
  /** MUT-PRIOR-ART flips this: unloading a child unregisters its netdevs, loading creates them again. */
  readonly destroyNetdevOnUnload: boolean;
  /** MUT-NO-TAKEOVER clears this: the parent re-points a netdev's tables at its own on remove(). */
  readonly takeOverOnRemove: boolean;
  /** MUT-NO-LINK-CLOSE clears this: the parent closes the link (carrier off) of a netdev it takes over. */
  readonly closeLinkOnTakeOver: boolean;
  /** MUT-NO-DRAIN clears this: the child's code is freed only after calls in flight have finished. */
  readonly drainBeforeFree: boolean;
  /** MUT-NO-WAIT-FAILOVER clears this: the bond moves traffic off a child's netdevs before their links close. */
  readonly failOverBeforeClose: boolean;
  /** MUT-PARALLEL-UPGRADE clears this: the upgrade tool waits for the notification, and for the bond to be ready, before the next child. */
  readonly toolWaitsForNotification: boolean;
  /** MUT-EARLY-NOTIFY clears this: the load is complete only after every sub-device matched. */
  readonly notifyAfterAllMatched: boolean;
  /** MUT-NO-REOPEN clears this: the parent opens the links again when the child's load completes. */
  readonly reopenLink: boolean;
  /** MUT-CONFIG-LOST clears this: the reloaded child programs the configuration the parent kept. */
  readonly programKeptConfig: boolean;
  /** MUT-IGNORE-PROBE-FAIL clears this: the tool stops and reports when a load fails. */
  readonly toolStopsOnFailure: boolean;
  /** MUT-SKIP-CHILD clears this: the tool is done only when every child runs the new version, not once one does. */
  readonly toolUpgradesEveryChild: boolean;
  /** MUT-WRONG-CHILD clears this: the parent hands a netdev to the tables of the child that bound its sub-device, not another child's. */
  readonly delegateToBinder: boolean;
  /** MUT-SUBDEV-ON-PCI clears this: the parent presents each sub-device on the auxiliary (virtual) bus, not as a function on the physical bus. */
  readonly subdevsOnAuxBus: boolean;
}

/** The design the patent describes, with the orderings the model proves safe. */
export const CORRECT_DESIGN: Design = {
  destroyNetdevOnUnload: false,
  takeOverOnRemove: true,
  closeLinkOnTakeOver: true,
  drainBeforeFree: true,
  failOverBeforeClose: true,
  toolWaitsForNotification: true,
  notifyAfterAllMatched: true,
  reopenLink: true,
  programKeptConfig: true,
  toolStopsOnFailure: true,
  toolUpgradesEveryChild: true,
  delegateToBinder: true,
  subdevsOnAuxBus: true,
};
