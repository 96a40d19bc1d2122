#!/usr/bin/env bash
# Stops the one-node cluster scripts/slurm/setup.sh started: slurmd,
# slurmctld and munged, each by the pid it recorded.
set -uo pipefail
sudo=''
[ "$(id -u)" -eq 0 ] || sudo='sudo'
for pidfile in /run/slurmd.pid /run/slurmctld.pid /run/munge/munged.pid; do
  if [ -s "$pidfile" ] && $sudo kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "stopping $(basename "$pidfile" .pid) ($(cat "$pidfile"))"
    $sudo kill "$(cat "$pidfile")"
  fi
done
