#!/bin/sh
# /init of the kernel-reference guest (PID 1 inside QEMU).
#
# Loads the stock modules (bonding, bridge), then runs the scenarios of
# /plan.sh one after the other in this one boot. Each scenario starts from the
# booted system of the model (hotup_parent probed, every netdev enslaved to
# bond0 with MTU 9000, every child loaded at version 1, bond0 settled), clears
# the kernel log, pings 10.0.0.2 in the peer namespace through bond0 the whole
# time, runs its actions, and prints the kernel log of that window. Everything
# the host reads is a console line starting with "@@".
#
#   init netns                          netns "peer"
#   bond0 10.0.0.1 -- eth0 ~~ hwire0 --+
#                   -- eth1 ~~ hwire1 --+-- br0 10.0.0.2
#                   -- eth2 ~~ hwire2 --+
#   (ethN ~~ hwireN: a port of hotup_parent and its wire peer)

export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t devtmpfs devtmpfs /dev 2>/dev/null
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t tmpfs tmpfs /run
echo 1 > /proc/sys/kernel/printk
echo "@@BOOT $(cut -d' ' -f1 /proc/uptime)"
echo "@@KERNEL $(uname -r)"

ip() { /bin/iproute-ip "$@"; }
fatal() { echo "@@FATAL $*"; sync; poweroff -f; sleep 5; }

while read -r m args; do
  [ -n "$m" ] || continue
  out=$(insmod "/modules/$m" $args 2>&1) || fatal "insmod $m failed: $out"
done < /modules/order
for f in /proc/sys/net/ipv6/conf/all/disable_ipv6 /proc/sys/net/ipv6/conf/default/disable_ipv6; do
  [ -w "$f" ] && echo 1 > "$f"
done
ip link set lo up
echo "@@READY"

B=/sys/class/net/bond0/bonding
P=/sys/devices/platform/hotup_parent/ports
BOND_MAC=02:00:00:00:00:01
PEER_MAC=02:00:00:00:00:02
KO=/ko
SI=-1; NPORTS=2; CHILDREN=

kmsg() { echo "hotup-harness: $*" > /dev/kmsg; }

children_of() { # NPORTS -> child specs "hotup_c1:0,2 hotup_c2:1"
  if [ "$1" = 3 ]; then echo "hotup_c1:0,2 hotup_c2:1"; else echo "hotup_c1:0 hotup_c2:1"; fi
}
settled() { # every slave up in bond0's view exactly when its netdev has carrier; an active slave when one has
  read -r a 2>/dev/null < $B/active_slave || a=
  read -r sl < $B/slaves
  any=0
  for s in $sl; do
    read -r c 2>/dev/null < /sys/class/net/$s/carrier || c=0
    read -r m 2>/dev/null < /sys/class/net/$s/bonding_slave/mii_status || m=
    if [ "$c" = 1 ]; then any=1; [ "$m" = up ] || return 1; elif [ "$m" = up ]; then return 1; fi
  done
  [ $any = 0 ] || [ -n "$a" ]
}
wait_settled() { i=0; while ! settled; do i=$((i + 1)); [ $i -gt 500 ] && return 1; sleep 0.01; done; }

serving() { # NETDEV -> who serves it, from the parent's ports file
  awk -v d="$1" '$1 == d { for (i = 2; i <= NF; i++) if ($i ~ /^serving=/) { sub(/serving=/, "", $i); print $i } }' $P
}
observe() { # the model's observations, as trace records in the kernel log
  k=0
  while [ $k -lt $NPORTS ]; do
    d=eth$k
    if [ -e /sys/class/net/$d ]; then
      c=off; [ "$(cat /sys/class/net/$d/carrier 2>/dev/null)" = 1 ] && c=on
      a=down; [ $(( $(cat /sys/class/net/$d/flags) & 1 )) = 1 ] && a=up
      echo "hotup-harness: hotup: observe=netdev netdev=$d ifindex=$(cat /sys/class/net/$d/ifindex) mtu=$(cat /sys/class/net/$d/mtu) mac=$(cat /sys/class/net/$d/address) admin=$a carrier=$c ops=$(serving $d)" > /dev/kmsg
    fi
    k=$((k + 1))
  done
  sl=
  for s in $(cat $B/slaves); do
    case "$(cat /sys/class/net/$s/bonding_slave/mii_status)" in
      up) st=up ;; down) st=down ;; "going down") st=fail ;; *) st=back ;;
    esac
    sl="$sl${sl:+,}$s:$st"
  done
  act=$(cat $B/active_slave); bc=off; [ "$(cat /sys/class/net/bond0/carrier)" = 1 ] && bc=on
  echo "hotup-harness: hotup: observe=bond carrier=$bc active=${act:-none} slaves=$sl" > /dev/kmsg
}
meta() { # @@META IDX WHEN NETDEV IFINDEX MTU MAC SLAVE DRIVER/VERSION (ethtool -i)
  k=0
  while [ $k -lt $NPORTS ]; do
    d=eth$k
    if [ -e /sys/class/net/$d ]; then
      drv=$(/bin/ethtool -i $d | awk '/^driver:/ { d = $2 } /^version:/ { v = $2 } END { print d "/" v }')
      echo "@@META $SI $1 $d $(cat /sys/class/net/$d/ifindex) $(cat /sys/class/net/$d/mtu) $(cat /sys/class/net/$d/address) $(grep -qw $d $B/slaves && echo enslaved || echo released) $drv"
    else
      echo "@@META $SI $1 $d 0 0 - absent"
    fi
    k=$((k + 1))
  done
}

setup() { # setup NPORTS DIR: the model's booted system
  NPORTS=$1; D=$KO/$2; CHILDREN=$(children_of $1)
  insmod $D/hotup_parent.ko nports=$NPORTS || return 1
  ip netns add peer || return 1
  ip -n peer link set lo up
  ip -n peer link add br0 type bridge || return 1
  ip -n peer link set br0 address $PEER_MAC
  ip -n peer addr add 10.0.0.2/24 dev br0
  ip -n peer neigh replace 10.0.0.1 lladdr $BOND_MAC dev br0 nud permanent
  ip -n peer link set br0 up
  echo +bond0 > /sys/class/net/bonding_masters || return 1
  echo active-backup > $B/mode; echo 100 > $B/miimon
  ip link set bond0 address $BOND_MAC
  k=0
  while [ $k -lt $NPORTS ]; do
    ip link set hwire$k netns peer || return 1
    ip -n peer link set hwire$k master br0
    ip -n peer link set hwire$k up
    # prior art: the netdev appears with the child, below
    [ -e /sys/class/net/eth$k ] && echo +eth$k > $B/slaves
    k=$((k + 1))
  done
  ip link set bond0 mtu 9000 || return 1
  ip link set bond0 up
  ip addr add 10.0.0.1/24 dev bond0
  ip neigh replace 10.0.0.2 lladdr $PEER_MAC dev bond0 nud permanent
  for spec in $CHILDREN; do
    c=${spec%%:*}; ports=${spec#*:}
    insmod $D/$c.ko ports=$ports || return 1
    for p in $(echo $ports | tr ',' ' '); do
      grep -qw eth$p $B/slaves || { echo +eth$p > $B/slaves; ip link set eth$p mtu 9000; }
    done
  done
  wait_settled
}

teardown() {
  [ -n "$PING" ] && kill $PING 2>/dev/null
  for c in hotup_c1 hotup_c2; do grep -q "^$c " /proc/modules && rmmod $c; done
  [ -e /sys/class/net/bond0 ] && echo -bond0 > /sys/class/net/bonding_masters
  grep -q "^hotup_parent " /proc/modules && rmmod hotup_parent
  [ -e /run/netns/peer ] && ip netns del peer
  PING=
}

# ---- actions ----------------------------------------------------------------
# upgrade DIR VERSION REENSLAVE C1ARGS C2ARGS (args "-" for none, commas for spaces)
upgrade() {
  specs=
  for spec in $CHILDREN; do
    c=${spec%%:*}; extra=-
    [ "$c" = hotup_c1 ] && extra=$4
    [ "$c" = hotup_c2 ] && extra=$5
    [ "$extra" = - ] && specs="$specs $spec" || specs="$specs $spec:$extra"
  done
  HOTUP_REENSLAVE=$3 /bin/hotup-upgrade.sh $KO/$1 $2 $specs
  echo "@@TOOL $SI $?"
}
# forced DIR VERSION: an operator unloads C1 and at once C2 (both down at once);
# then the upgrade tool loads both at VERSION
forced() {
  rmmod hotup_c1
  rmmod hotup_c2
  /bin/hotup-upgrade.sh $KO/$1 $2 $CHILDREN
  echo "@@TOOL $SI $?"
}

# hold MS: the next transmit through C1's port stays MS ms in its ndo_start_xmit
# (a call in flight when the upgrade tool unloads C1); returns once it began
hold() {
  H=/sys/module/hotup_c1/parameters/hold_xmit_ms
  echo "$1" > $H
  i=0
  while [ "$(cat $H)" != 0 ]; do
    i=$((i + 1)); [ $i -gt 500 ] && { echo "@@ERR $SI no transmit reached hotup_c1"; echo 0 > $H; return 1; }
    sleep 0.01
  done
}

scen() { # scen IDX NAME NPORTS BOOTDIR
  teardown
  SI=$1
  echo "@@SCEN $SI $2"
  setup $3 $4 || { echo "@@ERR $SI setup failed"; return; }
  dmesg -c > /dev/null
  meta before; observe
  kmsg "ping 10.0.0.2 every 20 ms starts"
  ping -i 0.02 10.0.0.2 > /run/ping.txt 2>&1 &
  PING=$!
  sleep 0.5
}
endscen() {
  wait_settled
  sleep 0.5
  kill -INT $PING; wait $PING 2>/dev/null; PING=
  observe; meta after
  sed "s/^/@@PORTS $SI /" $P
  awk '/seq=/ { for (i = 1; i <= NF; i++) if ($i ~ /^seq=/) { s = substr($i, 5) + 0; got[s] = 1 } }
       / packets transmitted/ { tx = $1; rx = $4 }
       END { last = -1; for (s in got) if (s + 0 > last) last = s + 0
             # the echo sent last may be unanswered only because ping stopped: count up to the last reply
             run = 0; best = 0; lost = 0
             seqs = ""
             for (s = 0; s <= last; s++) { if (s in got) run = 0; else { lost++; run++; if (run > best) best = run; seqs = seqs " " s } }
             printf "@@PING %d %d %d %d%s\n", '"$SI"', last + 1, last + 1 - lost, best, seqs }' /run/ping.txt
  dmesg -c | sed "s/^/@@LOG $SI /"
  echo "@@END $SI"
}

. /plan.sh
teardown
echo "@@DONE"
sync
poweroff -f
