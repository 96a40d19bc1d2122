#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for running a hotup swarm as a job
# array (scripts/slurm/swarm.sbatch, docs/swarm.md). Idempotent: it installs
# Debian's slurm-wlm and munge only when missing, rewrites slurm.conf only
# when it differs, starts munged, slurmctld and slurmd only when they are not
# running, and waits until the node takes jobs. Needs root (or sudo).
# scripts/slurm/stop.sh stops the daemons again, by the pids they recorded.
set -euo pipefail

sudo=''
[ "$(id -u)" -eq 0 ] || sudo='sudo'
host=$(hostname -s)
cpus=$(nproc)
conf=/etc/slurm/slurm.conf

# 1. Packages (Debian bookworm: Slurm 22.05, MUNGE 0.5.15).
missing=()
command -v sbatch >/dev/null || missing+=(slurm-wlm)
command -v munged >/dev/null || missing+=(munge)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
    { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
fi

# 2. munge: the package brings a key; a container lacks /run/munge.
if [ ! -s /etc/munge/munge.key ]; then
  $sudo sh -c 'dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null'
  $sudo chown munge:munge /etc/munge/munge.key
  $sudo chmod 0400 /etc/munge/munge.key
fi
$sudo mkdir -p /run/munge
$sudo chown munge:munge /run/munge
$sudo chmod 0755 /run/munge
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  echo "starting munged"
  $sudo runuser -u munge -- /usr/sbin/munged
  for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n | unmunge >/dev/null || { echo "munged does not answer" >&2; exit 1; }
fi

# 3. slurm.conf for this host: root runs everything, no cgroups, one partition.
# OverSubscribe lets the members of a swarm share the cores instead of queueing.
want=$(cat <<EOF
# Written by scripts/slurm/setup.sh: a one-node cluster for hotup swarms.
ClusterName=hotup
SlurmctldHost=${host}
SlurmUser=root
AuthType=auth/munge
CryptoType=crypto/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=30
KillWait=5
NodeName=${host} CPUs=${cpus} State=UNKNOWN
PartitionName=hotup Nodes=${host} Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:8
EOF
)
$sudo mkdir -p /etc/slurm /var/spool/slurmd /var/spool/slurmctld /var/log/slurm
changed=0
if [ "$(cat "$conf" 2>/dev/null)" != "$want" ]; then
  printf '%s\n' "$want" | $sudo tee "$conf.new" >/dev/null
  $sudo mv "$conf.new" "$conf"
  changed=1
fi

# 4. The daemons, each only when its recorded pid is not alive.
alive() { [ -s "$1" ] && $sudo kill -0 "$(cat "$1")" 2>/dev/null; }
if alive /run/slurmctld.pid; then
  [ "$changed" -eq 0 ] || $sudo scontrol reconfigure
else
  echo "starting slurmctld"
  $sudo slurmctld
fi
if ! alive /run/slurmd.pid; then
  echo "starting slurmd"
  $sudo slurmd
fi

# 5. Wait until the node takes jobs (about 3 s after a cold start).
state=''
for _ in $(seq 300); do
  state=$(sinfo -h -n "$host" -o %T 2>/dev/null | head -n 1 || true)
  case "$state" in
    idle | mixed | allocated | completing) break ;;
    down* | drain* | drained*) $sudo scontrol update nodename="$host" state=resume 2>/dev/null || true ;;
  esac
  sleep 0.1
done
case "$state" in
  idle | mixed | allocated | completing) echo "slurm ready: node ${host} ${state}, ${cpus} CPUs, partition hotup" ;;
  *) echo "slurm not ready: node ${host} is '${state:-unknown}' (see /var/log/slurm/slurmctld.log and slurmd.log)" >&2; exit 1 ;;
esac
