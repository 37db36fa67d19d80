#!/usr/bin/env bash
# Starts a one-node Slurm cluster on 127.0.0.1 (slurmctld + slurmd + munge, all in a private temporary directory and
# on private ports), runs a job array of 4 shards of one tiled map, merges them with `landscape merge`, and checks
# the merged arrays against a single-process run, byte for byte. Needs root and Debian's slurm-wlm and munge
# (.ci/run installs them). Every step is bounded in time; the daemons it started are stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."

limit=${SLURM_TEST_TIMEOUT:-600}
program=$PWD/src/LandscapeGpu.Cli/bin/Release/net10.0/landscape.dll
[[ -f $program ]] || dotnet build -c Release src/LandscapeGpu.Cli >/dev/null
work=$(mktemp -d /tmp/landscape-slurm.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
    local status=$?
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    if ((status != 0)); then
        echo "slurm test failed; logs:" >&2
        tail -n 20 "$work"/*.log "$work"/*.out >&2 || true
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT

# munge: reuse a running daemon, else start one with its own key and socket.
export MUNGE_SOCKET=/run/munge/munge.socket.2
if ! munge -n </dev/null >/dev/null 2>&1; then
    mkdir -p "$work/munge" /run/munge
    dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
    chmod 400 "$work/munge/munge.key"
    chmod 700 "$work/munge"
    munged --foreground --force --key-file="$work/munge/munge.key" --socket="$work/munge/socket" \
        --pid-file="$work/munge/munged.pid" --log-file="$work/munged.log" --seed-file="$work/munge/seed" >"$work/munged.out" 2>&1 &
    pids+=($!)
    export MUNGE_SOCKET=$work/munge/socket
    for _ in $(seq 50); do munge -n --socket="$MUNGE_SOCKET" </dev/null >/dev/null 2>&1 && break; sleep 0.2; done
    munge -n --socket="$MUNGE_SOCKET" </dev/null >/dev/null
fi

cpus=$(nproc)
mkdir -p "$work/state" "$work/spool"
cat > "$work/slurm.conf" <<CONF
ClusterName=landscape-ci
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$MUNGE_SOCKET
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=ci Nodes=localhost Default=YES MaxTime=30 State=UP
CONF
export SLURM_CONF=$work/slurm.conf

slurmctld -D -i -f "$SLURM_CONF" >"$work/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -N localhost -f "$SLURM_CONF" >"$work/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
    sinfo -h -o %T 2>/dev/null | grep -Eq '^(idle|mixed|allocated)' && break
    sleep 0.3
done
sinfo -h -o %T | grep -Eq '^(idle|mixed|allocated)' || { echo "slurm node did not come up" >&2; exit 1; }

map_args=(rastrigin --grid 120x100 --steps 300 --tile 16 --device ilgpu-cpu)
echo "slurm: job array of 4 shards of 'landscape map ${map_args[*]}'"
timeout "$limit" sbatch --wait --array=0-3 --output="$work/shard-%a.log" \
    tests/slurm/shard-array.sbatch "$work" "$program" "${map_args[@]}"
timeout "$limit" dotnet "$program" merge "$work"/shard-{0,1,2,3} --out "$work/merged" >/dev/null
timeout "$limit" dotnet "$program" map "${map_args[@]:0:5}" --device ilgpu-cpu --out "$work/single" >/dev/null 2>&1
for file in basins.npy steps.npy endpoints.npy; do
    cmp "$work/merged/$file" "$work/single/$file"
done
echo "slurm: 4 shards merged equal the single run (basins.npy steps.npy endpoints.npy)"
