/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hotup: the interface between the parent driver (hotup_parent), which owns
 * the port netdevs and their auxiliary devices, and the child drivers
 * (hotup_c1, hotup_c2, ...), which serve the ports they bind.
 *
 * The netdev's net_device_ops and ethtool_ops are the parent's for the
 * netdev's whole life; they delegate through an RCU-published pointer to the
 * serving child's tables (struct hotup_tables). A child publishes its tables
 * in probe() and unpublishes them in remove(), then waits for calls in flight
 * with synchronize_rcu() before its code may be freed.
 */
#ifndef _HOTUP_H
#define _HOTUP_H

#include <linux/auxiliary_bus.h>
#include <linux/netdevice.h>
#include <linux/ethtool.h>

#define HOTUP_PARENT_NAME "hotup_parent"
#define HOTUP_AUXDEV_NAME "port"
#define HOTUP_MAX_PORTS 8

/* What a child serves a port with: its own ndo and ethtool tables. */
struct hotup_tables {
	const char *child;		/* module name, e.g. "hotup_c1" */
	const char *version;		/* the child's version string */
	const struct net_device_ops *ndo;
	const struct ethtool_ops *ethtool;
};

/* The configuration the netdev keeps whoever serves it (handed over on probe). */
struct hotup_config {
	unsigned int mtu;
	u8 mac[ETH_ALEN];
	bool admin_up;
};

struct hotup_port;

struct hotup_port *hotup_port_of(struct auxiliary_device *adev);
struct hotup_port *hotup_netdev_port(struct net_device *dev);
struct net_device *hotup_port_netdev(struct hotup_port *port);
unsigned int hotup_port_index(struct hotup_port *port);

/* probe: the kept configuration, then the tables published (ops.switch). */
void hotup_port_config(struct hotup_port *port, struct hotup_config *cfg);
void hotup_port_publish(struct hotup_port *port, const struct hotup_tables *t);
/* remove: link closed and the parent's own tables published, under RTNL. */
void hotup_port_take_over(struct hotup_port *port);

/* rmmod, before any remove(): bond0's active slave moved off these ports (RTNL held). */
void hotup_bond_fail_over(const char *child, struct hotup_port **ports, int n);
/*
 * every port of a load matched: links opened, upgrade-finished notification
 * (or, with lose_notify, FAULT-NOTIFY-LOST). Called under RTNL.
 */
void hotup_load_complete(const char *child, const char *version,
			 struct hotup_port **ports, int n, bool lose_notify);
void hotup_notify_lost(const char *child);

/* the wire: what the child's hardware path hands to the port's peer. */
netdev_tx_t hotup_port_wire_xmit(struct hotup_port *port, struct sk_buff *skb);

/* prior art (MUT-PRIOR-ART): the netdev lives from probe() to remove(). */
int hotup_port_register_netdev(struct hotup_port *port);
void hotup_port_unregister_netdev(struct hotup_port *port);

#endif /* _HOTUP_H */
