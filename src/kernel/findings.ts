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
];
