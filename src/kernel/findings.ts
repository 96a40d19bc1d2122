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
    now: "hc_exit() releases its ports itself in port order (device_release_driver()) before unregistering the driver, so the log follows the model; the model should accept remove() of a child's sub-devices in any order.",
  },
  {
    title: "the tool's insmod and the module's init are two steps",
    kernel: "the tool logs tool.insmod to /dev/kmsg and then calls finit_module(); bond_mii_monitor can run in between and log the closed links of the unloaded child.",
    model: "tool.insmod and module.load.begin are one step (the tool's action runs the load), so a bond message between them is rejected.",
    now: "the tool waits until bond0 is settled (it saw the closed links) before insmod, which the model's tool also may do; the model should make the tool's insmod and the module's load separate steps.",
  },
  {
    title: 'the fail-over target must have carrier',
    kernel: "a write of bond0's active_slave (SIOCBONDCHANGEACTIVE, bond_option_active_slave_set()) is refused unless the new slave is UP in the bond's view and bond_slave_is_up() (running, with carrier); hotup_bond_fail_over() therefore picks only a slave with carrier, and with none it moves nothing.",
    model: "the bond's failOver picks a slave the bond still sees UP even when its carrier is already off (an operator's rmmod of C2 right after C1's, before miimon saw C1's links go): the model logs bond.active to a dead slave where the kernel logs nothing, and rejects the real log at the next subdev.remove.",
    now: 'the forced-unload scenario waits for bond0 to see the first child\'s links down before unloading the second; the model\'s failOver should require the new active slave\'s carrier, as bond_slave_is_up() does.',
  },
  {
    title: 'a second round of the upgrade tool',
    kernel: 'the tool runs again (v2 -> v3) after it reported done; its second tool.start follows the first tool.done in the same log.',
    model: 'the tool machine ends in done: a second tool.start in one trace is rejected.',
    now: 'the harness cuts the log before every tool.start after the first and judges each round as a trace of its own (the versions are renamed, so the second round starts from a booted system at version 2); the whole log is judged too and its verdict recorded.',
  },
  {
    title: "the tool's report is the tool's own words",
    kernel: "the tool says why it stopped in its own words (\"hotup_c1 2: no notification within 5 s\").",
    model: "tool.stop's report is compared literally with the model's text (\"no upgrade-finished notification from C1\").",
    now: 'the tool writes its words as x-report; conform should not compare a free-text report.',
  },
  {
    title: 'a missing drain does not show in a log',
    kernel: 'built without synchronize_rcu() in remove() (MUT-NO-DRAIN), the modules ran every scenario without a splat: with the bond moved off first, no transmit is in flight through the departing tables when the code goes, and nothing is logged for the drain.',
    model: 'MUT-NO-DRAIN breaks INV-NO-FREED-CODE only on a trace that shows a transmit in flight (xmit.begin without xmit.end) when module.unload.end comes.',
    now: 'the scenario expects the log to conform and says why; showing it would take per-transmit records (xmit.begin/xmit.end) and a transmit held in flight across the unload.',
  },
  {
    title: 'a miimon pass is one step, but other lines can land inside it',
    kernel: "bond_mii_monitor() prints the link changes of one pass one after the other under RTNL; a record printed without RTNL (module.unload.end after synchronize_rcu(), or a line the tool writes to /dev/kmsg) landed between two of them.",
    model: 'a miimon pass is one model step: its bond.link events come together, and a record between two of them is rejected.',
    now: 'the modules print every record under RTNL, and the tool writes its records only when bond0 is settled (nothing left for a pass to print).',
  },
  {
    title: 'loss on the receive side',
    kernel: 'in the correct design the parent dropped no transmit in any run (parent_tx_dropped 0), yet now and then one echo of a run was lost: its reply was already on its way to the port the bond had just left (the peer bridge had learnt bond0\'s MAC there), and a closed or backup port does not pass it up.',
    model: 'INV-NO-LOSS counts the transmits handed to bond0; the model has no receive path and no peer switch.',
    now: 'the table shows both: transmits the parent dropped, and frames from the peer dropped at a closed port; a receive path (or a peer that relearns on the gratuitous ARP of a fail-over) would be a model extension.',
  },
];
