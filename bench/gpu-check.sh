#!/usr/bin/env bash
# The prepared check for a machine with an NVIDIA GPU and no .NET (the lent H200): it runs a self-contained build of
# `landscape` and writes what it measured under $OUT. Here, first:
#   dotnet publish src/LandscapeGpu.Cli -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true \
#       -p:EnableCompressionInSingleFile=true -p:InvariantGlobalization=true -o publish
# then on the device machine (carry `publish`):
#   OUT=/some/dir bench/gpu-check.sh
#   DEVICE=cpu OUT=/tmp/dry bench/gpu-check.sh     # a dry run of the same script on the CPU engine
# Measures: descent steps/s on an 8192x8192 grid (himmelblau, 200 fixed steps; gd f32, adam f32, gd f64, map's
# early-exit loop, the formula), each against the H200's FP32 peak (--peak-gflops, 66900 by default); the same maps
# on the GPU and on the CPU engine (summary.json of each, to compare their basin fractions); and the device ILGPU saw.
set -uo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:?set OUT to the folder for the results}
DEVICE=${DEVICE:-cuda}
GRID=${GRID:-8192}
PEAK_GFLOPS=${PEAK_GFLOPS:-66900}
LANDSCAPE=${LANDSCAPE:-publish/landscape}
LIMIT=${LIMIT:-150}
mkdir -p "$OUT"
log="$OUT/gpu-check.txt"

step() { # label, then the command: runs it with a time limit, appends its output and exit code to the log
    local label=$1; shift
    echo "== $label: $*" >>"$log"
    timeout "$LIMIT" "$@" >>"$log" 2>&1
    echo "== exit $? ($label)" >>"$log"
}

{ date -u; uname -a; command -v nvidia-smi >/dev/null && nvidia-smi -L; } >"$log" 2>&1
ls -l "$LANDSCAPE" >>"$log" 2>&1 || { echo "no $LANDSCAPE: publish it first (see the top of this script)" | tee -a "$log"; exit 2; }

bench() { # label, extra arguments
    local label=$1; shift
    step "$label" "$LANDSCAPE" bench --device "$DEVICE" --grid "$GRID" --steps 200 --lr 0.01 --runs 5 --peak-gflops "$PEAK_GFLOPS" --json "$@"
}

bench "gd f32" himmelblau --optimizer gd --precision f32
bench "adam f32" himmelblau --optimizer adam --precision f32
bench "gd f64" himmelblau --optimizer gd --precision f64
bench "gd f32 exit checks" himmelblau --optimizer gd --precision f32 --exit-checks
bench "gd f32 formula" "(x^2+y-11)^2+(x+y^2-7)^2" --box=-5,5,-5,5 --optimizer gd --precision f32
# Small grids fill a large GPU less: the same work on a 1024x1024 grid, for the scaling note.
GRID=1024 bench "gd f32 1024x1024" himmelblau --optimizer gd --precision f32

# The same maps on the GPU and the CPU engine: their summaries must agree on every basin's point and fraction.
for device in $(printf "%s\n" "$DEVICE" cpu | sort -u); do
    step "map on $device" "$LANDSCAPE" map himmelblau --device "$device" --grid 2048 --renderer cpu --out "$OUT/map-$device"
    step "map adam on $device" "$LANDSCAPE" map muller-brown --optimizer adam --device "$device" --grid 1024 --renderer cpu --out "$OUT/map-adam-$device"
done

# Only the small files come back: drop the arrays and pictures, keep the summaries.
find "$OUT" -name '*.npy' -delete
find "$OUT" -name '*.png' -delete
echo "done: $log"
