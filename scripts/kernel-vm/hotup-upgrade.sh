#!/bin/sh
# hotup-upgrade: the rolling upgrade tool of the design, for the guest.
#
#   hotup-upgrade.sh DIR VERSION CHILD:PORTS[:INSMOD-ARGS] ...
#
# For each child in turn: wait until bond0 is settled (every slave up in the
# bond's view exactly when its netdev has carrier), rmmod it, wait until bond0
# is settled again (it saw the closed links), insmod the new
# version from DIR, wait for the upgrade-finished notification on /dev/hotup;
# stop and report on a failure or a time-out. Every step is written to
# /dev/kmsg as a trace record, so the run lands in the one kernel log.
# HOTUP_REENSLAVE=1 (prior art): the tool enslaves the re-created netdevs again.
# Exit 0 done, 1 stopped.

DIR=$1; VERSION=$2; shift 2
TIMEOUT=${HOTUP_TIMEOUT:-5}
B=/sys/class/net/bond0/bonding

log() { echo "hotup-upgrade: hotup: $*" > /dev/kmsg; }
# the report in the tool's own words: x-report, the model's report text is its own
stop() { log "event=tool.stop x-report=\"$1\""; echo "tool stopped: $1" >&2; exit 1; }

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
wait_settled() {
  i=0
  while ! settled; do
    i=$((i + 1)); [ $i -gt 500 ] && return 1
    sleep 0.01
  done
}

log "event=tool.start version=$VERSION"
for spec in "$@"; do
  child=${spec%%:*}; rest=${spec#*:}; ports=${rest%%:*}
  args=; [ "$rest" != "$ports" ] && args=$(echo "${rest#*:}" | tr ',' ' ')
  wait_settled || stop "bond0 did not settle before $child"
  exec 3</dev/hotup
  # a child that is down (an operator unloaded it) is loaded first, with no rmmod
  if grep -q "^$child " /proc/modules; then
    log "event=tool.rmmod child=$child"
    rmmod "$child" || stop "rmmod $child failed"
    # the bond must have seen the closed links before the new version loads
    wait_settled || stop "bond0 did not settle after $child went"
  fi
  log "event=tool.insmod child=$child version=$VERSION"
  insmod "$DIR/$child.ko" ports="$ports" $args || stop "insmod $child failed"
  line=
  read -t "$TIMEOUT" line <&3
  exec 3<&-
  case "$line" in
    # written once bond0 settled: a line of ours must not land inside a miimon pass's messages
    "done $child $VERSION") wait_settled; log "event=notify.recv child=$child" ;;
    *) log "event=tool.timeout child=$child"; stop "$child $VERSION: no notification within $TIMEOUT s" ;;
  esac
  if [ "${HOTUP_REENSLAVE:-0}" = 1 ]; then
    for p in $(echo "$ports" | tr ',' ' '); do
      grep -qw "eth$p" $B/slaves || echo "+eth$p" > $B/slaves
    done
  fi
done
wait_settled || stop "bond0 did not settle after the upgrade"
log "event=tool.done"
