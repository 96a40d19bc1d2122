// SPDX-License-Identifier: GPL-2.0
/*
 * hotup_parent: the parent driver of the hot-upgrade design.
 *
 * It registers a stand-in physical device (a platform device), and on its
 * probe creates, for every port, a netdev (ethN), a wire peer netdev (hwireN,
 * the far end of the port's cable; user space moves it into a peer network
 * namespace) and an auxiliary device (hotup_parent.port.N) that a child driver
 * binds. The netdev's net_device_ops and ethtool_ops are this file's for the
 * netdev's whole life: each delegates through the RCU-published pointer
 * port->tables to the serving child's tables, or, with no child, serves the
 * port itself (link closed, transmits dropped and counted).
 *
 * Build flags: HOTUP_MUT_PRIOR_ART (the netdevs live from a child's probe()
 * to its remove()), HOTUP_MUT_NO_LINK_CLOSE (take-over leaves the link open).
 *
 * Every step of the design prints one "hotup: event=..." line, the trace
 * format that `hotup import` reads.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/poll.h>
#include <linux/rtnetlink.h>
#include <linux/sockios.h>
#include <net/bonding.h>
#include <net/genetlink.h>

#include "hotup.h"

static unsigned int nports = 2;
module_param(nports, uint, 0444);
MODULE_PARM_DESC(nports, "number of ports (netdevs and auxiliary devices), 1..8");

struct hotup_port {
	struct auxiliary_device adev;
	unsigned int index;
	struct net_device *dev;		/* NULL only between prior-art remove and probe */
	struct net_device *wire;
	const struct hotup_tables __rcu *tables;
	u8 factory_mac[ETH_ALEN];
	atomic64_t tx_packets;
	atomic64_t rx_packets;
	atomic64_t parent_tx_dropped;	/* transmits the parent dropped while it held the port */
	atomic64_t rx_dropped;
};

/* Netdev private area of both the port and its wire peer. */
struct hotup_priv {
	struct hotup_port *port;
};

static struct platform_device *hotup_pdev;
static struct hotup_port *hotup_ports[HOTUP_MAX_PORTS];

static struct hotup_port *priv_port(struct net_device *dev)
{
	return ((struct hotup_priv *)netdev_priv(dev))->port;
}

/* -------------------------------------------------------------- the port's ops */

static int hp_open(struct net_device *dev)
{
	const struct hotup_tables *t = rtnl_dereference(priv_port(dev)->tables);

	netif_start_queue(dev);
	return t && t->ndo->ndo_open ? t->ndo->ndo_open(dev) : 0;
}

static int hp_stop(struct net_device *dev)
{
	const struct hotup_tables *t = rtnl_dereference(priv_port(dev)->tables);

	netif_stop_queue(dev);
	return t && t->ndo->ndo_stop ? t->ndo->ndo_stop(dev) : 0;
}

/*
 * Called under rcu_read_lock_bh() by __dev_queue_xmit(): the child's code runs
 * inside the RCU read-side section that its remove() waits for.
 */
static netdev_tx_t hp_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct hotup_port *port = priv_port(dev);
	const struct hotup_tables *t = rcu_dereference_bh(port->tables);

	if (likely(t))
		return t->ndo->ndo_start_xmit(skb, dev);
	atomic64_inc(&port->parent_tx_dropped);
	dev_kfree_skb_any(skb);
	return NETDEV_TX_OK;
}

/* The netdev keeps the MTU whoever serves it; a child programs it too. */
static int hp_change_mtu(struct net_device *dev, int new_mtu)
{
	const struct hotup_tables *t = rtnl_dereference(priv_port(dev)->tables);
	int err = 0;

	if (t && t->ndo->ndo_change_mtu)
		err = t->ndo->ndo_change_mtu(dev, new_mtu);
	if (!err)
		dev->mtu = new_mtu;
	return err;
}

static int hp_set_mac_address(struct net_device *dev, void *p)
{
	const struct hotup_tables *t = rtnl_dereference(priv_port(dev)->tables);
	int err = eth_prepare_mac_addr_change(dev, p);

	if (err)
		return err;
	if (t && t->ndo->ndo_set_mac_address) {
		err = t->ndo->ndo_set_mac_address(dev, p);
		if (err)
			return err;
	}
	eth_commit_mac_addr_change(dev, p);
	return 0;
}

static void hp_get_stats64(struct net_device *dev, struct rtnl_link_stats64 *s)
{
	struct hotup_port *port = priv_port(dev);

	s->tx_packets = atomic64_read(&port->tx_packets);
	s->rx_packets = atomic64_read(&port->rx_packets);
	s->tx_dropped = atomic64_read(&port->parent_tx_dropped);
	s->rx_dropped = atomic64_read(&port->rx_dropped);
}

static const struct net_device_ops hotup_port_ndo = {
	.ndo_open		= hp_open,
	.ndo_stop		= hp_stop,
	.ndo_start_xmit		= hp_start_xmit,
	.ndo_change_mtu		= hp_change_mtu,
	.ndo_set_mac_address	= hp_set_mac_address,
	.ndo_get_stats64	= hp_get_stats64,
	.ndo_validate_addr	= eth_validate_addr,
};

/* ethtool -i names the child version that serves the port, or the parent. */
static void hp_get_drvinfo(struct net_device *dev, struct ethtool_drvinfo *info)
{
	struct hotup_port *port = priv_port(dev);
	const struct hotup_tables *t = rtnl_dereference(port->tables);

	if (t && t->ethtool->get_drvinfo) {
		t->ethtool->get_drvinfo(dev, info);
		return;
	}
	strscpy(info->driver, KBUILD_MODNAME, sizeof(info->driver));
	strscpy(info->version, "parent-holds", sizeof(info->version));
	strscpy(info->bus_info, dev_name(&port->adev.dev), sizeof(info->bus_info));
}

static const struct ethtool_ops hotup_port_ethtool = {
	.get_drvinfo	= hp_get_drvinfo,
	.get_link	= ethtool_op_get_link,
};

/* -------------------------------------------------------------- the wire peer */

/* The far end transmits: the port receives only while a child serves it with the link open. */
static netdev_tx_t hw_start_xmit(struct sk_buff *skb, struct net_device *wire)
{
	struct hotup_port *port = priv_port(wire);
	const struct hotup_tables *t = rcu_dereference_bh(port->tables);

	if (!t || !netif_carrier_ok(port->dev)) {
		atomic64_inc(&port->rx_dropped);
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	atomic64_inc(&port->rx_packets);
	if (dev_forward_skb(port->dev, skb) != NET_RX_SUCCESS)
		atomic64_inc(&port->rx_dropped);
	return NETDEV_TX_OK;
}

static const struct net_device_ops hotup_wire_ndo = {
	.ndo_start_xmit		= hw_start_xmit,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
};

/** hotup_port_wire_xmit - the child's hardware path: the frame leaves on the cable. */
netdev_tx_t hotup_port_wire_xmit(struct hotup_port *port, struct sk_buff *skb)
{
	atomic64_inc(&port->tx_packets);
	dev_forward_skb(port->wire, skb);
	return NETDEV_TX_OK;
}
EXPORT_SYMBOL_GPL(hotup_port_wire_xmit);

static void hotup_ether_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->features |= NETIF_F_LLTX;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = 9216;
	dev->needs_free_netdev = true;
}

static struct net_device *hotup_alloc(struct hotup_port *port, const char *fmt,
				      const struct net_device_ops *ndo, const u8 *mac)
{
	struct net_device *dev;
	char name[IFNAMSIZ];

	snprintf(name, sizeof(name), fmt, port->index);
	dev = alloc_netdev(sizeof(struct hotup_priv), name, NET_NAME_PREDICTABLE, hotup_ether_setup);
	if (!dev)
		return NULL;
	((struct hotup_priv *)netdev_priv(dev))->port = port;
	dev->netdev_ops = ndo;
	eth_hw_addr_set(dev, mac);
	return dev;
}

/* ------------------------------------------------------------ notification */

enum { HOTUP_A_UNSPEC, HOTUP_A_CHILD, HOTUP_A_VERSION, __HOTUP_A_MAX };
#define HOTUP_A_MAX (__HOTUP_A_MAX - 1)
enum { HOTUP_CMD_UNSPEC, HOTUP_CMD_UPGRADE_DONE };

static const struct genl_multicast_group hotup_mcgrps[] = {
	{ .name = "upgrade" },
};

static struct genl_family hotup_genl = {
	.name		= "hotup",
	.version	= 1,
	.maxattr	= HOTUP_A_MAX,
	.netnsok	= true,
	.module		= THIS_MODULE,
	.mcgrps		= hotup_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(hotup_mcgrps),
};

static void hotup_genl_notify(const char *child, const char *version)
{
	struct sk_buff *skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	void *hdr;

	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &hotup_genl, 0, HOTUP_CMD_UPGRADE_DONE);
	if (!hdr || nla_put_string(skb, HOTUP_A_CHILD, child) ||
	    nla_put_string(skb, HOTUP_A_VERSION, version)) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	/* -ESRCH (no listener) is not an error: the misc device keeps the event. */
	genlmsg_multicast(&hotup_genl, skb, 0, 0, GFP_KERNEL);
}

/*
 * /dev/hotup: the character-device channel. Each reader sees, as text lines
 * "done CHILD VERSION", the notifications sent after it opened the device.
 */
#define HOTUP_EVENTS 16
static DEFINE_MUTEX(hotup_ev_lock);
static DECLARE_WAIT_QUEUE_HEAD(hotup_ev_wait);
static char hotup_ev[HOTUP_EVENTS][64];
static u64 hotup_ev_head;

struct hotup_reader {
	u64 seq;
	size_t off;
};

static void hotup_chardev_notify(const char *child, const char *version)
{
	mutex_lock(&hotup_ev_lock);
	snprintf(hotup_ev[hotup_ev_head % HOTUP_EVENTS], 64, "done %s %s\n", child, version);
	hotup_ev_head++;
	mutex_unlock(&hotup_ev_lock);
	wake_up_interruptible(&hotup_ev_wait);
}

static int hotup_cdev_open(struct inode *inode, struct file *f)
{
	struct hotup_reader *r = kzalloc(sizeof(*r), GFP_KERNEL);

	if (!r)
		return -ENOMEM;
	mutex_lock(&hotup_ev_lock);
	r->seq = hotup_ev_head;
	mutex_unlock(&hotup_ev_lock);
	f->private_data = r;
	return 0;
}

static int hotup_cdev_release(struct inode *inode, struct file *f)
{
	kfree(f->private_data);
	return 0;
}

static ssize_t hotup_cdev_read(struct file *f, char __user *buf, size_t len, loff_t *ppos)
{
	struct hotup_reader *r = f->private_data;
	char line[64];
	size_t n;
	int err;

	err = wait_event_interruptible(hotup_ev_wait, READ_ONCE(hotup_ev_head) > r->seq);
	if (err)
		return err;
	mutex_lock(&hotup_ev_lock);
	if (hotup_ev_head - r->seq > HOTUP_EVENTS) {
		r->seq = hotup_ev_head - HOTUP_EVENTS;
		r->off = 0;
	}
	strscpy(line, hotup_ev[r->seq % HOTUP_EVENTS], sizeof(line));
	mutex_unlock(&hotup_ev_lock);
	n = min(len, strlen(line) - r->off);
	if (copy_to_user(buf, line + r->off, n))
		return -EFAULT;
	r->off += n;
	if (r->off == strlen(line)) {
		r->seq++;
		r->off = 0;
	}
	return n;
}

static __poll_t hotup_cdev_poll(struct file *f, poll_table *wait)
{
	struct hotup_reader *r = f->private_data;

	poll_wait(f, &hotup_ev_wait, wait);
	return READ_ONCE(hotup_ev_head) > r->seq ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct file_operations hotup_cdev_fops = {
	.owner		= THIS_MODULE,
	.open		= hotup_cdev_open,
	.release	= hotup_cdev_release,
	.read		= hotup_cdev_read,
	.poll		= hotup_cdev_poll,
	.llseek		= noop_llseek,
};

static struct miscdevice hotup_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "hotup",
	.fops	= &hotup_cdev_fops,
};

/* --------------------------------------------------------- the child's API */

/** hotup_port_of - the port of an auxiliary device of this parent. */
struct hotup_port *hotup_port_of(struct auxiliary_device *adev)
{
	return container_of(adev, struct hotup_port, adev);
}
EXPORT_SYMBOL_GPL(hotup_port_of);

/** hotup_netdev_port - the port a netdev (served by a child) belongs to. */
struct hotup_port *hotup_netdev_port(struct net_device *dev)
{
	return priv_port(dev);
}
EXPORT_SYMBOL_GPL(hotup_netdev_port);

struct net_device *hotup_port_netdev(struct hotup_port *port)
{
	return port->dev;
}
EXPORT_SYMBOL_GPL(hotup_port_netdev);

unsigned int hotup_port_index(struct hotup_port *port)
{
	return port->index;
}
EXPORT_SYMBOL_GPL(hotup_port_index);

/** hotup_port_config - the configuration the netdev kept while the parent held it. */
void hotup_port_config(struct hotup_port *port, struct hotup_config *cfg)
{
	ASSERT_RTNL();
	cfg->mtu = port->dev->mtu;
	ether_addr_copy(cfg->mac, port->dev->dev_addr);
	cfg->admin_up = port->dev->flags & IFF_UP;
}
EXPORT_SYMBOL_GPL(hotup_port_config);

/** hotup_port_publish - the netdev's ops delegate to the child's tables from now on. */
void hotup_port_publish(struct hotup_port *port, const struct hotup_tables *t)
{
	ASSERT_RTNL();
	rcu_assign_pointer(port->tables, t);
	netdev_info(port->dev, "hotup: event=ops.switch netdev=%s to=%s\n", port->dev->name, t->child);
}
EXPORT_SYMBOL_GPL(hotup_port_publish);

/**
 * hotup_port_take_over - remove(): close the link, then serve the port with the
 * parent's own tables. The caller waits for calls in flight (synchronize_rcu)
 * before its code may go.
 */
void hotup_port_take_over(struct hotup_port *port)
{
	ASSERT_RTNL();
#ifndef HOTUP_MUT_NO_LINK_CLOSE
	netif_carrier_off(port->dev);
	netdev_info(port->dev, "hotup: event=carrier.off netdev=%s\n", port->dev->name);
#endif
	RCU_INIT_POINTER(port->tables, NULL);
	netdev_info(port->dev, "hotup: event=ops.switch netdev=%s to=parent\n", port->dev->name);
}
EXPORT_SYMBOL_GPL(hotup_port_take_over);

static bool port_in(struct net_device *dev, struct hotup_port **ports, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (ports[i]->dev == dev)
			return true;
	return false;
}

/*
 * What SIOCBONDCHANGEACTIVE accepts as the new active slave: not one of the
 * departing ports, UP in the bond's view and bond_slave_is_up().
 */
static bool hotup_can_be_active(struct slave *slave, struct hotup_port **ports, int n)
{
	return slave && !port_in(slave->dev, ports, n) && slave->link == BOND_LINK_UP &&
	       netif_running(slave->dev) && netif_carrier_ok(slave->dev);
}

/**
 * hotup_bond_fail_over - make before break: before any link of the departing
 * child closes, move bond0's active slave to a slave that is up and not the
 * child's, as a write of bond0's active_slave does (SIOCBONDCHANGEACTIVE).
 */
void hotup_bond_fail_over(const char *child, struct hotup_port **ports, int n)
{
	struct net_device *master;
	struct slave *active, *slave;
	struct list_head *iter;
	struct bonding *bond;
	struct ifreq ifr = {};
	char from[HOTUP_MAX_PORTS * IFNAMSIZ] = "";
	int i, err;

	ASSERT_RTNL();
	for (i = 0; i < n; i++) {
		if (i)
			strlcat(from, ",", sizeof(from));
		strlcat(from, ports[i]->dev->name, sizeof(from));
	}
	pr_info("hotup: event=bond.failover from=%s x-child=%s\n", from, child);
	if (!n)
		return;
	master = netdev_master_upper_dev_get(ports[0]->dev);
	if (!master || !netif_is_bond_master(master) || !master->netdev_ops->ndo_siocbond)
		return;
	bond = netdev_priv(master);
	if (BOND_MODE(bond) != BOND_MODE_ACTIVEBACKUP)
		return;	/* balance-xor: the notifier drops a closed slave at once */
	active = rtnl_dereference(bond->curr_active_slave);
	if (!active || !port_in(active->dev, ports, n))
		return;
	/* the primary when it qualifies, else the first in slave-list order */
	slave = rtnl_dereference(bond->primary_slave);
	if (!slave || !hotup_can_be_active(slave, ports, n)) {
		/* the walk ends with slave NULL when none qualifies */
		bond_for_each_slave(bond, slave, iter)
			if (hotup_can_be_active(slave, ports, n))
				break;
	}
	if (slave) {
		strscpy(ifr.ifr_slave, slave->dev->name, sizeof(ifr.ifr_slave));
		err = master->netdev_ops->ndo_siocbond(master, &ifr, SIOCBONDCHANGEACTIVE);
		if (err)
			pr_warn("fail-over of %s to %s failed: %d\n", master->name, slave->dev->name, err);
		return;
	}
	pr_warn("%s: no other slave up: %s keeps the active slave\n", master->name, child);
}
EXPORT_SYMBOL_GPL(hotup_bond_fail_over);

/**
 * hotup_load_complete - every sub-device of a load matched: open the links and
 * send the upgrade-finished notification (netlink multicast and /dev/hotup).
 */
void hotup_load_complete(const char *child, const char *version,
			 struct hotup_port **ports, int n, bool lose_notify)
{
	int i;

	ASSERT_RTNL();
	for (i = 0; i < n; i++) {
		netif_carrier_on(ports[i]->dev);
		netdev_info(ports[i]->dev, "hotup: event=carrier.on netdev=%s\n", ports[i]->dev->name);
	}
	pr_info("hotup: event=notify.send child=%s channel=netlink\n", child);
	if (lose_notify)
		return;	/* FAULT-NOTIFY-LOST: hotup_notify_lost() reports it */
	hotup_genl_notify(child, version);
	hotup_chardev_notify(child, version);
}
EXPORT_SYMBOL_GPL(hotup_load_complete);

/** hotup_notify_lost - FAULT-NOTIFY-LOST: the notification never reached user space. */
void hotup_notify_lost(const char *child)
{
	pr_info("hotup: event=notify.lost child=%s\n", child);
}
EXPORT_SYMBOL_GPL(hotup_notify_lost);

static int hotup_register_port_netdev(struct hotup_port *port)
{
	struct net_device *dev = hotup_alloc(port, "eth%u", &hotup_port_ndo, port->factory_mac);
	int err;

	if (!dev)
		return -ENOMEM;
	dev->ethtool_ops = &hotup_port_ethtool;
	netif_carrier_off(dev);
	err = register_netdevice(dev);
	if (err) {
		free_netdev(dev);
		return err;
	}
	port->dev = dev;
	return 0;
}

/**
 * hotup_port_register_netdev - prior art only: probe() creates a new netdev,
 * with a new ifindex and the factory configuration.
 */
int hotup_port_register_netdev(struct hotup_port *port)
{
	int err;

	ASSERT_RTNL();
	err = hotup_register_port_netdev(port);
	if (!err)
		netdev_info(port->dev, "hotup: event=netdev.register netdev=%s ifindex=%d\n",
			    port->dev->name, port->dev->ifindex);
	return err;
}
EXPORT_SYMBOL_GPL(hotup_port_register_netdev);

/** hotup_port_unregister_netdev - prior art only: remove() deletes the netdev. */
void hotup_port_unregister_netdev(struct hotup_port *port)
{
	struct net_device *dev = port->dev;

	ASSERT_RTNL();
	RCU_INIT_POINTER(port->tables, NULL);
	synchronize_net();
	netdev_info(dev, "hotup: event=netdev.unregister netdev=%s ifindex=%d\n", dev->name, dev->ifindex);
	unregister_netdevice(dev);
	port->dev = NULL;
}
EXPORT_SYMBOL_GPL(hotup_port_unregister_netdev);

/* --------------------------------------------------------- the device */

static void hotup_adev_release(struct device *dev)
{
	kfree(container_of(dev, struct hotup_port, adev.dev));
}

static void hotup_port_destroy(struct hotup_port *port)
{
	auxiliary_device_delete(&port->adev);	/* a bound child's remove() runs here */
	rtnl_lock();
	if (port->dev)
		unregister_netdevice(port->dev);
	unregister_netdevice(port->wire);
	rtnl_unlock();
	auxiliary_device_uninit(&port->adev);
}

static int hotup_port_create(struct device *parent, unsigned int index)
{
	static const u8 wire_mac[ETH_ALEN] = { 0x02, 0x68, 0x77, 0x00, 0x00, 0x00 };
	struct hotup_port *port = kzalloc(sizeof(*port), GFP_KERNEL);
	u8 mac[ETH_ALEN];
	int err;

	if (!port)
		return -ENOMEM;
	port->index = index;
	/* locally administered, one per port: 02:68:75:70:00:0N ("hup") */
	port->factory_mac[0] = 0x02;
	port->factory_mac[1] = 0x68;
	port->factory_mac[2] = 0x75;
	port->factory_mac[3] = 0x70;
	port->factory_mac[5] = index;
	ether_addr_copy(mac, wire_mac);
	mac[5] = index;

	port->adev.name = HOTUP_AUXDEV_NAME;
	port->adev.id = index;
	port->adev.dev.parent = parent;
	port->adev.dev.release = hotup_adev_release;
	err = auxiliary_device_init(&port->adev);
	if (err) {
		kfree(port);
		return err;
	}

	rtnl_lock();
	port->wire = hotup_alloc(port, "hwire%u", &hotup_wire_ndo, mac);
	err = port->wire ? register_netdevice(port->wire) : -ENOMEM;
	if (err) {
		if (port->wire)
			free_netdev(port->wire);
		rtnl_unlock();
		goto uninit;
	}
#ifdef HOTUP_MUT_PRIOR_ART
	err = 0;	/* prior art: the child's probe() creates the netdev */
#else
	err = hotup_port_register_netdev(port);
	if (err)
		unregister_netdevice(port->wire);
#endif
	rtnl_unlock();
	if (err)
		goto uninit;

	err = auxiliary_device_add(&port->adev);
	if (err) {
		rtnl_lock();
		if (port->dev)
			unregister_netdevice(port->dev);
		unregister_netdevice(port->wire);
		rtnl_unlock();
		goto uninit;
	}
	dev_info(&port->adev.dev, "hotup: event=auxdev.add subdev=%s\n", dev_name(&port->adev.dev));
	hotup_ports[index] = port;
	return 0;

uninit:
	auxiliary_device_uninit(&port->adev);	/* frees port */
	return err;
}

/* /sys/devices/platform/hotup_parent/ports: who serves each port, and the parent's drops. */
static ssize_t ports_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	const struct hotup_tables *t;
	struct hotup_port *port;
	int len = 0;
	unsigned int i;

	rtnl_lock();
	for (i = 0; i < nports; i++) {
		port = hotup_ports[i];
		if (!port)
			continue;
		t = rtnl_dereference(port->tables);
		len += sysfs_emit_at(buf, len,
				     "%s ifindex=%d serving=%s version=%s carrier=%d tx=%lld rx=%lld parent_tx_dropped=%lld rx_dropped=%lld\n",
				     port->dev ? port->dev->name : "-", port->dev ? port->dev->ifindex : 0,
				     t ? t->child : "parent", t ? t->version : "-",
				     port->dev ? netif_carrier_ok(port->dev) : 0,
				     atomic64_read(&port->tx_packets), atomic64_read(&port->rx_packets),
				     atomic64_read(&port->parent_tx_dropped), atomic64_read(&port->rx_dropped));
	}
	rtnl_unlock();
	return len;
}
static DEVICE_ATTR_RO(ports);

static int hotup_probe(struct platform_device *pdev)
{
	unsigned int i;
	int err;

	dev_info(&pdev->dev, "hotup: event=parent.probe\n");
	for (i = 0; i < nports; i++) {
		err = hotup_port_create(&pdev->dev, i);
		if (err)
			goto undo;
	}
	err = device_create_file(&pdev->dev, &dev_attr_ports);
	if (err)
		goto undo;
	return 0;
undo:
	while (i--)
		hotup_port_destroy(hotup_ports[i]);
	return err;
}

static int hotup_remove(struct platform_device *pdev)
{
	unsigned int i;

	dev_info(&pdev->dev, "hotup: event=parent.remove\n");
	device_remove_file(&pdev->dev, &dev_attr_ports);
	for (i = nports; i--; ) {
		hotup_port_destroy(hotup_ports[i]);
		hotup_ports[i] = NULL;
	}
	return 0;
}

static struct platform_driver hotup_driver = {
	.probe	= hotup_probe,
	.remove	= hotup_remove,
	.driver	= { .name = HOTUP_PARENT_NAME },
};

static int __init hotup_parent_init(void)
{
	int err;

	if (!nports || nports > HOTUP_MAX_PORTS)
		return -EINVAL;
	err = genl_register_family(&hotup_genl);
	if (err)
		return err;
	err = misc_register(&hotup_misc);
	if (err)
		goto genl;
	err = platform_driver_register(&hotup_driver);
	if (err)
		goto misc;
	hotup_pdev = platform_device_register_simple(HOTUP_PARENT_NAME, PLATFORM_DEVID_NONE, NULL, 0);
	if (IS_ERR(hotup_pdev)) {
		err = PTR_ERR(hotup_pdev);
		goto drv;
	}
	return 0;
drv:
	platform_driver_unregister(&hotup_driver);
misc:
	misc_deregister(&hotup_misc);
genl:
	genl_unregister_family(&hotup_genl);
	return err;
}

static void __exit hotup_parent_exit(void)
{
	platform_device_unregister(hotup_pdev);
	platform_driver_unregister(&hotup_driver);
	misc_deregister(&hotup_misc);
	genl_unregister_family(&hotup_genl);
}

module_init(hotup_parent_init);
module_exit(hotup_parent_exit);
MODULE_DESCRIPTION("hotup parent: port netdevs that outlive the child drivers serving them");
MODULE_LICENSE("GPL");
