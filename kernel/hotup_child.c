// SPDX-License-Identifier: GPL-2.0
/*
 * hotup child driver: serves the ports of hotup_parent it binds on the
 * auxiliary bus. One source, built as hotup_c1, hotup_c2, ... (the module
 * name) in several versions (HOTUP_VERSION); the module parameter "ports"
 * selects the ports it binds ("0,2": S1 and S3 of claims 10-11).
 *
 * Load: module init registers the auxiliary driver; driver_attach() probes
 * every matching port: take the kept configuration, program it, publish the
 * tables. Once every selected port matched, the parent opens the links and
 * sends the upgrade-finished notification.
 *
 * Unload: module exit first has the parent move bond0's active slave off this
 * child's ports (make before break), then unregisters the driver: each
 * remove() closes the link, unpublishes the tables and waits for calls in
 * flight with synchronize_rcu(). Only then does module exit return and the
 * code go.
 *
 * Build flags: HOTUP_MUT_PRIOR_ART (remove() deletes the netdev, probe()
 * creates a new one), HOTUP_MUT_NO_DRAIN (no synchronize_rcu()),
 * HOTUP_MUT_NO_WAIT_FAILOVER (no fail-over before the links close).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/rtnetlink.h>

#include "hotup.h"

#ifndef HOTUP_VERSION
#define HOTUP_VERSION "1"
#endif

static char *ports = "0";
module_param(ports, charp, 0444);
MODULE_PARM_DESC(ports, "comma-separated indexes of the ports this child binds");
static int fail_probe = -1;
module_param(fail_probe, int, 0444);
MODULE_PARM_DESC(fail_probe, "FAULT-PROBE-FAIL: probe() of this port index fails with -EIO");
static bool lose_notify;
module_param(lose_notify, bool, 0444);
MODULE_PARM_DESC(lose_notify, "FAULT-NOTIFY-LOST: the upgrade-finished notification is lost");
static int hold_xmit_ms;
module_param(hold_xmit_ms, int, 0644);
MODULE_PARM_DESC(hold_xmit_ms, "the next transmit stays this long in ndo_start_xmit (a call in flight across an unload); reads 0 once it began");

static unsigned long wanted;		/* bit N: this child binds port N */
static struct hotup_port *bound[HOTUP_MAX_PORTS];

/* The ports of this child that are bound, in port order. */
static int bound_ports(struct hotup_port **out)
{
	int i, n = 0;

	for (i = 0; i < HOTUP_MAX_PORTS; i++)
		if (bound[i])
			out[n++] = bound[i];
	return n;
}

static void hc_program(struct net_device *dev, const char *what, const struct hotup_config *cfg)
{
	netdev_info(dev, "%s %s programmed: mtu %u mac %pM %s\n", KBUILD_MODNAME, what,
		    cfg->mtu, cfg->mac, cfg->admin_up ? "up" : "down");
}

static netdev_tx_t hc_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	int hold = xchg(&hold_xmit_ms, 0);
	unsigned long until;
	netdev_tx_t ret;

	if (likely(!hold))
		return hotup_port_wire_xmit(hotup_netdev_port(dev), skb);
	/*
	 * A transmit that is still in this module's code when the module is
	 * told to go: remove() must wait for it (synchronize_rcu()) before
	 * module exit returns. Only this one is logged. Timed by jiffies, not
	 * mdelay(): under emulation the delay loop's calibration drifts.
	 */
	netdev_info(dev, "hotup: event=xmit.begin flow=0 netdev=%s\n", dev->name);
	until = jiffies + msecs_to_jiffies(hold);
	while (time_before(jiffies, until))
		cpu_relax();
	ret = hotup_port_wire_xmit(hotup_netdev_port(dev), skb);
	netdev_info(dev, "hotup: event=xmit.end netdev=%s child=%s\n", dev->name, KBUILD_MODNAME);
	return ret;
}

static int hc_change_mtu(struct net_device *dev, int new_mtu)
{
	struct hotup_config cfg;

	hotup_port_config(hotup_netdev_port(dev), &cfg);
	cfg.mtu = new_mtu;
	hc_program(dev, "ndo", &cfg);
	return 0;
}

static int hc_set_mac_address(struct net_device *dev, void *p)
{
	struct hotup_config cfg;

	hotup_port_config(hotup_netdev_port(dev), &cfg);
	ether_addr_copy(cfg.mac, ((struct sockaddr *)p)->sa_data);
	hc_program(dev, "ndo", &cfg);
	return 0;
}

static const struct net_device_ops hc_ndo = {
	.ndo_start_xmit		= hc_start_xmit,
	.ndo_change_mtu		= hc_change_mtu,
	.ndo_set_mac_address	= hc_set_mac_address,
};

static void hc_get_drvinfo(struct net_device *dev, struct ethtool_drvinfo *info)
{
	strscpy(info->driver, KBUILD_MODNAME, sizeof(info->driver));
	strscpy(info->version, HOTUP_VERSION, sizeof(info->version));
	strscpy(info->fw_version, "hotup-child", sizeof(info->fw_version));
}

static const struct ethtool_ops hc_ethtool = {
	.get_drvinfo	= hc_get_drvinfo,
};

static const struct hotup_tables hc_tables = {
	.child		= KBUILD_MODNAME,
	.version	= HOTUP_VERSION,
	.ndo		= &hc_ndo,
	.ethtool	= &hc_ethtool,
};

static int hc_probe(struct auxiliary_device *adev, const struct auxiliary_device_id *id)
{
	struct hotup_port *port = hotup_port_of(adev);
	unsigned int idx = hotup_port_index(port);
	struct hotup_config cfg;
	int err = 0;

	if (!test_bit(idx, &wanted))
		return -ENODEV;	/* another child's port: silently not ours */
	rtnl_lock();
	if ((int)idx == fail_probe) {
		dev_info(&adev->dev, "hotup: event=subdev.probe child=%s subdev=%s result=error\n",
			 KBUILD_MODNAME, dev_name(&adev->dev));
		err = -EIO;
		goto out;
	}
	dev_info(&adev->dev, "hotup: event=subdev.probe child=%s subdev=%s result=ok\n",
		 KBUILD_MODNAME, dev_name(&adev->dev));
#ifdef HOTUP_MUT_PRIOR_ART
	err = hotup_port_register_netdev(port);
	if (err)
		goto out;
#endif
	hotup_port_config(port, &cfg);
	hotup_port_publish(port, &hc_tables);
	hc_program(hotup_port_netdev(port), "probe", &cfg);
	bound[idx] = port;
out:
	rtnl_unlock();
	return err;
}

static void hc_remove(struct auxiliary_device *adev)
{
	struct hotup_port *port = hotup_port_of(adev);

	rtnl_lock();
	dev_info(&adev->dev, "hotup: event=subdev.remove child=%s subdev=%s\n",
		 KBUILD_MODNAME, dev_name(&adev->dev));
#ifdef HOTUP_MUT_PRIOR_ART
	hotup_port_unregister_netdev(port);
#else
	hotup_port_take_over(port);
#endif
	bound[hotup_port_index(port)] = NULL;
	rtnl_unlock();
#ifndef HOTUP_MUT_NO_DRAIN
	/* calls that read our tables before the switch finish before we return */
	synchronize_rcu();
#endif
}

static const struct auxiliary_device_id hc_id_table[] = {
	{ .name = HOTUP_PARENT_NAME "." HOTUP_AUXDEV_NAME },
	{}
};
MODULE_DEVICE_TABLE(auxiliary, hc_id_table);

static struct auxiliary_driver hc_driver = {
	.name		= "child",
	.probe		= hc_probe,
	.remove		= hc_remove,
	.id_table	= hc_id_table,
};

static int parse_ports(const char *s)
{
	char buf[64], *p = buf, *tok;
	unsigned int idx;

	strscpy(buf, s, sizeof(buf));
	while ((tok = strsep(&p, ",")) != NULL) {
		if (kstrtouint(tok, 10, &idx) || idx >= HOTUP_MAX_PORTS)
			return -EINVAL;
		set_bit(idx, &wanted);
	}
	return 0;
}

static int __init hc_init(void)
{
	struct hotup_port *mine[HOTUP_MAX_PORTS];
	int err, n;

	err = parse_ports(ports);
	if (err) {
		pr_err("ports=%s: want comma-separated port indexes 0..%d\n", ports, HOTUP_MAX_PORTS - 1);
		return err;
	}
	/* records go out under RTNL: a miimon pass prints its messages under RTNL too */
	rtnl_lock();
	pr_info("hotup: event=module.load.begin child=%s version=%s\n", KBUILD_MODNAME, HOTUP_VERSION);
	rtnl_unlock();
	err = auxiliary_driver_register(&hc_driver);
	if (err)
		return err;
	rtnl_lock();
	n = bound_ports(mine);
	if (n == bitmap_weight(&wanted, HOTUP_MAX_PORTS))
		hotup_load_complete(KBUILD_MODNAME, HOTUP_VERSION, mine, n, lose_notify);
	pr_info("hotup: event=module.load.end child=%s version=%s\n", KBUILD_MODNAME, HOTUP_VERSION);
	rtnl_unlock();
	if (lose_notify && n == bitmap_weight(&wanted, HOTUP_MAX_PORTS)) {
		rtnl_lock();
		hotup_notify_lost(KBUILD_MODNAME);
		rtnl_unlock();
	}
	return 0;
}

static void __exit hc_exit(void)
{
	struct hotup_port *mine[HOTUP_MAX_PORTS];
	int n;

	rtnl_lock();
	pr_info("hotup: event=module.unload.begin child=%s\n", KBUILD_MODNAME);
	n = bound_ports(mine);
#ifndef HOTUP_MUT_NO_WAIT_FAILOVER
	hotup_bond_fail_over(KBUILD_MODNAME, mine, n);
#endif
	rtnl_unlock();
	/* driver_detach(): remove() of every port, the last bound first */
	auxiliary_driver_unregister(&hc_driver);
	/*
	 * With several ports, one miimon pass prints a line for each under
	 * RTNL, and our record must not land between them. With one port
	 * there is nothing to land between, and taking RTNL would wait behind
	 * linkwatch (dev_deactivate_many() sits in synchronize_net() holding
	 * RTNL), which would hide whether remove() itself drained.
	 */
	if (n > 1)
		rtnl_lock();
	pr_info("hotup: event=module.unload.end child=%s\n", KBUILD_MODNAME);
	if (n > 1)
		rtnl_unlock();
}

module_init(hc_init);
module_exit(hc_exit);
MODULE_DESCRIPTION("hotup child: serves the ports of hotup_parent it binds");
MODULE_VERSION(HOTUP_VERSION);
MODULE_LICENSE("GPL");
