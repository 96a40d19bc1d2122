/** A place where the real kernel disagreed with the model, and what the modules or the model do about it. */
export interface Finding {
  readonly title: string;
  readonly kernel: string;
  readonly model: string;
  readonly now: string;
}

/** What running the design on Linux showed that the model did not say. */
export const FINDINGS: readonly Finding[] = [
  {
    title: 'remove() order of a child with several sub-devices',
    kernel: 'driver_detach() (auxiliary_driver_unregister()) removes the devices of a driver in reverse bind order: C1 removes S3 before S1.',
    model: "the child's remove steps follow bus order (S1, then S3); a log with S3 first is rejected at its first subdev.remove.",
    now: "fixed in the model: a child's remove() steps come in any order (machines/child.ts `remove` names its sub-device; both twins choose any bound one), so the exhaustive check covers every order; hc_exit() lets driver_detach() remove its ports in its own order.",
  },
  {
    title: "the tool's insmod and the module's init are two steps",
    kernel: "the tool logs tool.insmod to /dev/kmsg and then calls finit_module(); bond_mii_monitor can run in between and log the closed links of the unloaded child.",
    model: "tool.insmod and module.load.begin are one step (the tool's action runs the load), so a bond message between them is rejected.",
    now: "fixed in the model: the tool's insmod takes the module to `inserting` (finit_module() has it, its init has not run) and the module's init is a later kernel step (`child.load`), with anything else in between; both twins have C_INSERTING. The tool still waits for bond0 to settle before it writes its insmod line, for the reason of the miimon finding below.",
  },
  {
    title: 'the fail-over target must have carrier',
    kernel: "a write of bond0's active_slave (SIOCBONDCHANGEACTIVE, bond_option_active_slave_set()) is refused unless the new slave is UP in the bond's view and bond_slave_is_up() (running, with carrier); hotup_bond_fail_over() therefore picks only a slave with carrier, and with none it moves nothing.",
    model: "the bond's failOver picks a slave the bond still sees UP even when its carrier is already off (an operator's rmmod of C2 right after C1's, before miimon saw C1's links go): the model logs bond.active to a dead slave where the kernel logs nothing, and rejects the real log at the next subdev.remove.",
    now: "fixed in the model: failOver and a user's active_slave write take only a slave UP in the bond's view whose carrier the notifier last reported (`canBecomeActive()` in machines/bond-logic.ts; the active_slave write also needs a current active slave); both twins the same. The forced-unload scenario now unloads C2 right after C1, and hotup_bond_fail_over() prefers the primary as the model does.",
  },
  {
    title: 'a second round of the upgrade tool',
    kernel: 'the tool runs again (v2 -> v3) after it reported done; its second tool.start follows the first tool.done in the same log.',
    model: 'the tool machine ends in done: a second tool.start in one trace is rejected.',
    now: 'fixed in the model: from done or stopped the tool runs again (tool.rerun), to any version; the whole log is judged as one trace and must conform, and each round is still judged on its own as well.',
  },
  {
    title: "the tool's report is the tool's own words",
    kernel: "the tool says why it stopped in its own words (\"hotup_c1 2: no notification within 5 s\").",
    model: "tool.stop's report is compared literally with the model's text (\"no upgrade-finished notification from C1\").",
    now: "fixed in conform: a report is compared by meaning (its reason and the child and version it names, src/conform/meaning.ts), so the tool's own words conform.",
  },
  {
    title: 'a missing drain shows only with a transmit in flight',
    kernel: "built without synchronize_rcu() in remove() (MUT-NO-DRAIN), an ordinary rolling upgrade logs exactly what the correct design logs: with the bond moved off first, no transmit is in flight through the departing tables. With a transmit held in C1's ndo_start_xmit (hold_xmit_ms) as the tool unloads C1, module exit returns while it still runs in C1's code. No oops follows on this kernel: free_module() itself waits for an RCU grace period before it frees module memory, so the module loader, not the driver, kept the code alive; anything remove() freed would not have been.",
    model: 'MUT-NO-DRAIN breaks INV-NO-FREED-CODE on a trace that shows a transmit in flight (xmit.begin without xmit.end) when module.unload.end comes.',
    now: "the held transmit logs xmit.begin and xmit.end (no other transmit is logged); with the drain, xmit.end comes before module.unload.end and the log conforms; without it, module.unload.end comes first and conform names MUT-NO-DRAIN. The scenarios hold it on claims-1-9, where C1 has one port: on claims-10-11 the kernel drained it anyway, because C1's first remove() closes a link, linkwatch runs at once for a bond slave and dev_deactivate_many() waits in synchronize_net() with RTNL held, so C1's second remove() could take RTNL only once the transmit had ended; and a record printed under RTNL after the removes waited the same way, so hc_exit() of a one-port child prints module.unload.end without RTNL. The drain the design needs is the driver's own: linkwatch's is a matter of timing.",
  },
  {
    title: 'a transmit held in a driver stalls other transmits',
    kernel: "while a transmit stays in C1's ndo_start_xmit on one CPU with bottom halves off, the ping through bond0 on that CPU waits, and the qdisc of the port it was queued on is dropped when the link closes: a held-transmit run can lose an echo (the table counts it).",
    model: 'transmits are independent steps; one in flight does not hold up the next.',
    now: 'the held-transmit scenarios count the loss like any other; an ndo_start_xmit that never returns is outside the design.',
  },
  {
    title: 'a miimon pass is one step, but other lines can land inside it',
    kernel: "bond_mii_monitor() prints the link changes of one pass one after the other under RTNL; a record printed without RTNL (module.unload.end after synchronize_rcu(), or a line the tool writes to /dev/kmsg) landed between two of them.",
    model: 'a miimon pass is one model step: its bond.link events come together, and a record between two of them is rejected.',
    now: "the modules print every record under RTNL (module.unload.end of a child with one port excepted: a pass prints one line about it, and RTNL can be held by linkwatch, see the drain above), and the tool writes its records only when bond0 is settled (nothing left for a pass to print). Records that carried their CPU would let conform merge the sources instead.",
  },
  {
    title: 'loss on the receive side',
    kernel: 'in the correct design the parent dropped no transmit in any run (parent_tx_dropped 0), yet now and then one echo of a run was lost: its reply was already on its way to the port the bond had just left (the peer bridge had learnt bond0\'s MAC there), and a closed or backup port does not pass it up.',
    model: 'INV-NO-LOSS counts the transmits handed to bond0; the model has no receive path and no peer switch.',
    now: 'the table shows both: transmits the parent dropped, and frames from the peer dropped at a closed port; a receive path (or a peer that relearns on the gratuitous ARP of a fail-over) would be a model extension.',
  },
];
