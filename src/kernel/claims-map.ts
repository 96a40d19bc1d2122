/** Which code of kernel/ (and of the guest's tool) implements each claim of the patent. */
export const CLAIM_FUNCTIONS: readonly { readonly claim: string; readonly where: string }[] = [
  { claim: '1. short-circuit while loaded, take-over while unloaded; the netdev is never re-created', where: "`hotup_port_ndo` / `hotup_port_ethtool` (hotup_parent.c) are the netdev's ops for its whole life; `hp_start_xmit()`, `hp_change_mtu()`, `hp_set_mac_address()`, `hp_open()`, `hp_get_drvinfo()` delegate through `port->tables` (RCU); `hotup_port_publish()` (from `hc_probe()`) and `hotup_port_take_over()` (from `hc_remove()`) switch it; `hotup_port_create()` registers the netdev once, at the parent's probe" },
  { claim: '2. the same for the second child', where: 'the same source built as `hotup_c2` (child_c2.c)' },
  { claim: '3. upgrade = unload, then load of the new version', where: '`hotup-upgrade.sh` (rmmod, insmod); `hc_exit()`, `hc_init()`' },
  { claim: "4. traffic through N_i is processed by S_i under C_k", where: '`hc_start_xmit()` -> `hotup_port_wire_xmit()`; `hw_start_xmit()` delivers received frames only while a child\'s tables are published and the link is open' },
  { claim: '5. unload closes the link and the bond fails over', where: "`hc_exit()` -> `hotup_bond_fail_over()` (bond0's `ndo_siocbond(SIOCBONDCHANGEACTIVE)` under RTNL, make before break), then `hc_remove()` -> `hotup_port_take_over()` (`netif_carrier_off()`), then `synchronize_rcu()`" },
  { claim: '6. load matches S_i, notifies, the link reopens', where: "`hc_init()` -> `hc_probe()` per port (`hotup_port_config()`, `hotup_port_publish()`), then `hotup_load_complete()` (`netif_carrier_on()`, notification)" },
  { claim: '7. notification through netlink or a character device', where: '`hotup_genl_notify()` (generic netlink family `hotup`, multicast group `upgrade`) and `hotup_chardev_notify()` (/dev/hotup, read by the tool)' },
  { claim: '8. children upgraded in turn, never both unloaded', where: '`hotup-upgrade.sh`: one child at a time, waits for bond0 settled and for the notification' },
  { claim: '9. children on the virtual bus, parent on the physical bus', where: 'the platform device `hotup_parent` stands for the PCI function; `auxiliary_device_add()` of `hotup_parent.port.N`; `hc_driver` is an `auxiliary_driver`' },
  { claim: '10. one child binds several netdevs', where: "`hotup_c1 ports=0,2`: `hc_probe()` takes only its ports; `hc_init()` completes the load only when every one matched (`bitmap_weight()`)" },
  { claim: '11. N1..N3 are one bond; C1 unloading moves N1 and N3 to N2', where: "`hotup_bond_fail_over()` with every port of the child (`from=eth0,eth2`); the guest's `setup()` enslaves every port" },
];
