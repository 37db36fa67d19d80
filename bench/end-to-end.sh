#!/usr/bin/env bash
# The user's wall time of `landscape map himmelblau`, not only the descent loop (issue 16): per grid size, the wall
# time of the whole command (start-up, descents, clustering, outputs, picture), the descent seconds it reports, and
# the time per start spent outside the descents, (wall(4096^2) - wall(256^2)) / (4096^2 - 256^2), and the CPU seconds (user + system).
#   bench/end-to-end.sh                          # 256^2, 1024^2, 4096^2, each the median of RUNS runs
#   LARGE=1 bench/end-to-end.sh                  # also 16384^2 in tiles (about 4.3 GB of outputs)
#   BEFORE_DLL=/path/landscape.dll bench/end-to-end.sh   # another build run alternately with this one, for ratios
#   LANDSCAPE_DLL=/path/landscape.dll            # the build to measure (default: this checkout's Release build)
# On a machine shared with other work, compare builds run side by side in the same invocation, not across runs.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
PYTHON=${PYTHON:-/usr/bin/python3}
LANDSCAPE_DLL=${LANDSCAPE_DLL:-src/LandscapeGpu.Cli/bin/Release/net10.0/landscape.dll}
[[ -f $LANDSCAPE_DLL ]] || dotnet build src/LandscapeGpu.Cli -c Release >/dev/null
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

sizes=(256 1024 4096)
[[ ${LARGE:-0} == 1 ]] && sizes+=(16384)
builds=("after=$LANDSCAPE_DLL")
[[ -n ${BEFORE_DLL:-} ]] && builds=("before=$BEFORE_DLL" "${builds[@]}")

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "map himmelblau --device cpu, median of $RUNS runs per size and build (builds alternate run by run)"
results="$scratch/results.txt"
for size in "${sizes[@]}"; do
    extra=()
    [[ $size -gt 4096 ]] && extra=(--tile 4096)
    for ((run = 0; run < RUNS; run++)); do
        for build in "${builds[@]}"; do
            name=${build%%=*} dll=${build#*=}
            out="$scratch/$name-$size"
            rm -rf "$out"
            start=$(date +%s.%N)
            # CPU seconds (user + system) beside the wall time: on a shared machine they are what stays comparable.
            /usr/bin/time -f '%U %S' -o "$scratch/cpu" dotnet "$dll" map himmelblau --grid "$size" --device cpu "${extra[@]}" --out "$out" >/dev/null 2>"$scratch/stderr" ||
                { cat "$scratch/stderr" >&2; exit 1; }
            end=$(date +%s.%N)
            descent=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["seconds"])' "$out/summary.json")
            cpu=$(awk '{ print $1 + $2 }' "$scratch/cpu")
            echo "$name $size $(echo "$end - $start" | bc -l) $descent $cpu" >>"$results"
            rm -rf "$out"
        done
    done
done

"$PYTHON" - "$results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
builds = list(dict.fromkeys(r[0] for r in rows))
sizes = sorted({int(r[1]) for r in rows})
def median(build, size, column):
    return statistics.median(float(r[column]) for r in rows if r[0] == build and int(r[1]) == size)
print(f"{'build':8} {'grid':>7} {'wall s':>8} {'descent s':>10} {'outside ns/start':>17} {'CPU s':>7}")
for build in builds:
    for size in sizes:
        wall, descent, cpu = median(build, size, 2), median(build, size, 3), median(build, size, 4)
        print(f"{build:8} {size:>5}^2 {wall:8.2f} {descent:10.3f} {1e9 * (wall - descent) / size**2:17.1f} {cpu:7.2f}")
    if 256 in sizes and 4096 in sizes:
        per_start = (median(build, 4096, 2) - median(build, 256, 2)) / (4096**2 - 256**2)
        print(f"{build:8} (wall(4096^2) - wall(256^2)) / (4096^2 - 256^2) = {1e9 * per_start:.1f} ns per start")
if len(builds) == 2:
    for size in sizes:
        print(f"wall ratio before/after at {size}^2: {median(builds[0], size, 2) / median(builds[1], size, 2):.2f}, "
              f"CPU ratio {median(builds[0], size, 4) / median(builds[1], size, 4):.2f}")
PY
