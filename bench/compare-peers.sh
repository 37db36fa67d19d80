#!/usr/bin/env bash
# Runs `landscape bench` and the NumPy and PyTorch peers (bench/peers/*.py) on the same problem in one go and
# prints steps per second and ratios. Himmelblau, lr 0.01, fixed step count, cell-centre starts over [-5,5]^2.
#   bench/compare-peers.sh                 # 2048x2048 starts, 200 steps, 5 timed runs each
#   GRID=1024 STEPS=100 RUNS=3 bench/compare-peers.sh
#   SCALING=1 bench/compare-peers.sh       # also the --device cpu scaling table, 512 .. 8192 per side
#   TORCH_THREADS=2 bench/compare-peers.sh # PyTorch threads (default 1: on this 2-core machine shared with other
#                                          # work, 2 OpenMP threads ran slower than 1)
#   LANDSCAPE_DLL=/path/landscape.dll      # the build to measure (default: this checkout's Release build)
# Needs: dotnet (builds the CLI if absent), Debian's python3-numpy and python3-torch (apt-get install -y
# python3-numpy python3-torch; run with /usr/bin/python3, not a pyenv python).
set -euo pipefail
cd "$(dirname "$0")/.."

GRID=${GRID:-2048}
STEPS=${STEPS:-200}
RUNS=${RUNS:-5}
PYTHON=${PYTHON:-/usr/bin/python3}
TORCH_THREADS=${TORCH_THREADS:-1}
LANDSCAPE_DLL=${LANDSCAPE_DLL:-src/LandscapeGpu.Cli/bin/Release/net10.0/landscape.dll}
[[ -f $LANDSCAPE_DLL ]] || dotnet build src/LandscapeGpu.Cli -c Release >/dev/null

results=$(mktemp)
trap 'rm -f "$results"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE may be set on this kind of machine for old OpenBLAS builds; they slow numpy,
# so the peers run with both unset (this command only) and the values seen are printed.
echo "OPENBLAS_CORETYPE='${OPENBLAS_CORETYPE:-}' OPENBLAS_L2_SIZE='${OPENBLAS_L2_SIZE:-}' (unset for the peers)"
echo "problem: himmelblau, lr 0.01, ${GRID}x${GRID} starts, ${STEPS} fixed steps, median of ${RUNS} runs after a warm-up"
echo

ours() { # label, timed runs, extra arguments (a landscape first, else himmelblau; none before --model)
    local label=$1 runs=$2 landscape=(himmelblau); shift 2
    if [[ $# -gt 0 && $1 != --* ]]; then landscape=("$1"); shift; fi
    if [[ $# -gt 0 && $1 == --model ]]; then landscape=(); fi
    dotnet "$LANDSCAPE_DLL" bench "${landscape[@]}" --grid "${CASE_GRID:-$GRID}" --steps "${CASE_STEPS:-$STEPS}" --lr 0.01 --runs "$runs" --json "$@" |
        "$PYTHON" -c 'import json,sys; d=json.load(sys.stdin); d["label"]=sys.argv[1]; d["threads"]=0; print(json.dumps(d))' "$label" >>"$results"
    progress
}
peer() { # label, script, extra arguments
    local label=$1 script=$2; shift 2
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PYTHON" "bench/peers/$script" --grid "${CASE_GRID:-$GRID}" --steps "${CASE_STEPS:-$STEPS}" --lr 0.01 --runs "$RUNS" "$@" |
        "$PYTHON" -c 'import json,sys; d=json.load(sys.stdin); d["label"]=sys.argv[1]; print(json.dumps(d))' "$label" >>"$results"
    progress
}
progress() { # the row just measured, so that a long run shows where it is
    tail -n 1 "$results" | "$PYTHON" -c 'import json,sys; d=json.load(sys.stdin); print("  measured %s: %.3e steps/s, runs %s s" % (d["label"], d["stepsPerSecond"], [round(s, 3) for s in d["runSeconds"]]))' >&2
}

peer "numpy gd f32" numpy_peer.py --optimizer gd --precision f32
peer "numpy adam f32" numpy_peer.py --optimizer adam --precision f32
peer "numpy gd f64" numpy_peer.py --optimizer gd --precision f64
if "$PYTHON" -c 'import torch' 2>/dev/null; then
    peer "torch gd f32" torch_peer.py --optimizer gd --precision f32 --threads "$TORCH_THREADS"
    peer "torch adam f32" torch_peer.py --optimizer adam --precision f32 --threads "$TORCH_THREADS"
else
    echo "(PyTorch not installed: apt-get install -y python3-torch)"
fi
ours "ours cpu gd f32" "$RUNS" --device cpu --optimizer gd --precision f32
ours "ours cpu gd f64" "$RUNS" --device cpu --optimizer gd --precision f64
ours "ours cpu adam f32" "$RUNS" --device cpu --optimizer adam --precision f32
ours "ours cpu adam f64" "$RUNS" --device cpu --optimizer adam --precision f64
# map's early-exit loop (every step checked; tolerance 0 so that every start still takes every step).
ours "ours cpu gd f32, exit checks" "$RUNS" --device cpu --optimizer gd --precision f32 --exit-checks
ours "ours cpu adam f32, exit checks" "$RUNS" --device cpu --optimizer adam --precision f32 --exit-checks
# The same cost surface typed as a formula (parsed, differentiated, compiled at run time).
ours "ours cpu gd f32, formula" "$RUNS" "(x^2+y-11)^2+(x+y^2-7)^2" --box=-5,5,-5,5 --device cpu --optimizer gd --precision f32
# Transcendental cases (issue 16), each against NumPy on the same problem: rastrigin (sin, cos) and the loss of the
# model w2*tanh(w1*x) on data/tanh.csv (41 rows) over (w1, w2) in [-4,4]^2, whose NumPy peer loops over the rows with
# each row's update vectorized over the starts; a smaller grid for the model (MODEL_GRID, MODEL_STEPS), since NumPy
# takes minutes at the default size.
MODEL_GRID=${MODEL_GRID:-512}
MODEL_STEPS=${MODEL_STEPS:-50}
peer "numpy rastrigin gd f32" numpy_peer.py --optimizer gd --precision f32 --landscape rastrigin
ours "ours cpu rastrigin gd f32" "$RUNS" rastrigin --box=-5,5,-5,5 --device cpu --optimizer gd --precision f32
CASE_GRID=$MODEL_GRID CASE_STEPS=$MODEL_STEPS peer "numpy tanh model gd f32" numpy_peer.py --optimizer gd --precision f32 --landscape tanh-model
CASE_GRID=$MODEL_GRID CASE_STEPS=$MODEL_STEPS ours "ours cpu tanh model gd f32" "$RUNS" --model "w2*tanh(w1*x)" --data data/tanh.csv --box=-4,4,-4,4 --device cpu --optimizer gd --precision f32
# Many weights (issue 14): the 2-2-1 tanh network on XOR (data/xor.csv), all nine weights trained from a grid of
# (w1, w2) over [-4,4]^2 with the others at XOR_INIT, against bench/peers/numpy_xor_peer.py (the same network as nine
# arrays over the starts, its four rows a loop) on the same starts and steps.
XOR_GRID=${XOR_GRID:-256}
XOR_STEPS=${XOR_STEPS:-200}
XOR_MODEL="w7*tanh(w1*x1 + w2*x2 + w3) + w8*tanh(w4*x1 + w5*x2 + w6) + w9"
XOR_INIT="w3=0.1,w4=-0.5,w5=0.7,w6=-0.2,w7=0.9,w8=-0.8,w9=0.05"
CASE_GRID=$XOR_GRID CASE_STEPS=$XOR_STEPS peer "numpy xor network gd f32" numpy_xor_peer.py --optimizer gd --precision f32 --init "$XOR_INIT"
CASE_GRID=$XOR_GRID CASE_STEPS=$XOR_STEPS ours "ours cpu xor network gd f32" "$RUNS" --model "$XOR_MODEL" --data xor --free w1,w2 --train all \
    --init "$XOR_INIT" --box=-4,4,-4,4 --device cpu --optimizer gd --precision f32
# ILGPU's CPU accelerator simulates GPU threads and is slow: one timed run.
ours "ILGPU CPU accelerator gd f32" 1 --device ilgpu-cpu --optimizer gd --precision f32

"$PYTHON" - "$results" <<'PY'
import json, os, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
cores = os.cpu_count() or 1
def quiet_rate(row):
    # Steps per CPU-second times the cores the program can use: its rate with those cores to itself.
    if row.get("threads", 0) == 0:  # ours: reported directly, all cores
        return row["stepsPerCpuSecondAllCores"]
    used = 1 if row["peer"].startswith("numpy") else min(row["threads"], cores)
    return row["descentStepsPerRun"] / row["medianCpuSeconds"] * used
by_label = {row["label"]: row for row in rows}
def baseline(row):
    if "rastrigin" in row["label"]:
        return by_label.get("numpy rastrigin gd f32")
    if "tanh model" in row["label"]:
        return by_label.get("numpy tanh model gd f32")
    if "xor network" in row["label"]:
        return by_label.get("numpy xor network gd f32")
    key = "numpy adam f32" if row["optimizer"] == "adam" else ("numpy gd f64" if row["precision"] == "f64" else "numpy gd f32")
    return by_label.get(key)
print(f"{'':32} {'steps/s (wall)':>15} {'steps/s (CPU)':>14} {'x numpy (wall)':>15} {'x numpy (CPU)':>14}")
for row in rows:
    base = baseline(row)
    wall, cpu = row["stepsPerSecond"], quiet_rate(row)
    ratio_wall = wall / base["stepsPerSecond"] if base else float("nan")
    ratio_cpu = cpu / quiet_rate(base) if base else float("nan")
    print(f"{row['label']:32} {wall:15.3e} {cpu:14.3e} {ratio_wall:15.1f} {ratio_cpu:14.1f}")
limit = [r for r in rows if r["label"] == "ours cpu gd f32"]
if limit and "peakFlopsPerSecond" in limit[0]:
    r = limit[0]
    print(f"\nmachine limits for gd f32, from the measured FMA peak {r['peakFlopsPerSecond']:.3e} FLOP/s:")
    print(f"  every operation on the multiply-add units ({r['flopsPerStep']} FLOP per step): "
          f"{r['machineLimitStepsPerSecond']:.3e} steps/s; ours: {100 * r['stepsPerSecond'] / r['machineLimitStepsPerSecond']:.0f}% (wall), "
          f"{100 * r['stepsPerCpuSecondAllCores'] / r['machineLimitStepsPerSecond']:.0f}% (CPU)")
    if "multiplierLimitStepsPerSecond" in r:
        print(f"  additions on separate adders, as on AMD Zen ({r['multipliesPerStep']} multiply-adds per step): "
              f"{r['multiplierLimitStepsPerSecond']:.3e} steps/s; ours: {100 * r['stepsPerSecond'] / r['multiplierLimitStepsPerSecond']:.0f}% (wall), "
              f"{100 * r['stepsPerCpuSecondAllCores'] / r['multiplierLimitStepsPerSecond']:.0f}% (CPU)")
for label in ("ours cpu rastrigin gd f32", "ours cpu tanh model gd f32", "ours cpu xor network gd f32"):
    r = by_label.get(label)
    if r and "machineLimitStepsPerSecond" in r:
        print(f"{label}: {r['flopsPerStep']} FLOP per step (a transcendental counted as 1), "
              f"{100 * r['stepsPerCpuSecondAllCores'] / r['machineLimitStepsPerSecond']:.1f}% of the multiply-add limit (CPU)")
print("steps/s (CPU): steps per CPU-second times the cores the program uses (numpy: 1), i.e. the rate on a quiet machine;")
print("it is the fair column when other work shares the cores. Peak working sets:",
      ", ".join(f"{r['label']} {r['peakWorkingSetBytes'] / 1e6:.0f} MB" for r in rows if "peakWorkingSetBytes" in r))
PY

if [[ ${SCALING:-0} == 1 ]]; then
    echo
    echo "scaling, --device cpu gd f32, ${STEPS} steps:"
    for side in 512 1024 2048 4096 8192; do
        dotnet "$LANDSCAPE_DLL" bench himmelblau --grid "$side" --steps "$STEPS" --lr 0.01 --runs 3 --device cpu --json |
            "$PYTHON" -c 'import json,sys; d=json.load(sys.stdin); print("  %5dx%-5d %10.3e steps/s (wall) %10.3e (CPU)  peak working set %5.0f MB" % (d["gridWidth"], d["gridHeight"], d["stepsPerSecond"], d["stepsPerCpuSecondAllCores"], d["peakWorkingSetBytes"] / 1e6))'
    done
fi
