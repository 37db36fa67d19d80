#!/usr/bin/env bash
# Times each built-in landscape against the same cost surface typed as a formula (parsed, differentiated symbolically
# and compiled at run time), on the same engine, problem and starts, and prints the ratio. The issue's target: a
# formula within 2x of its built-in.
#   bench/formulas-vs-builtins.sh                         # --device cpu, gd f32, 1024x1024 starts, 200 fixed steps
#   DEVICE=ilgpu-cpu GRID=256 bench/formulas-vs-builtins.sh
#   OPTIMIZER=adam ROUNDS=3 bench/formulas-vs-builtins.sh  # ROUNDS alternating rounds, the median of each side
# Both sides run with --lr 1e-4 over [-2,2]^2 so that no start of either diverges to infinity (the work is the same).
set -euo pipefail
cd "$(dirname "$0")/.."

DEVICE=${DEVICE:-cpu}
GRID=${GRID:-1024}
STEPS=${STEPS:-200}
OPTIMIZER=${OPTIMIZER:-gd}
ROUNDS=${ROUNDS:-3}
PYTHON=${PYTHON:-python3}
LANDSCAPE_DLL=${LANDSCAPE_DLL:-src/LandscapeGpu.Cli/bin/Release/net10.0/landscape.dll}
[[ -f $LANDSCAPE_DLL ]] || dotnet build src/LandscapeGpu.Cli -c Release >/dev/null

# name|formula: each built-in as `landscape list` prints it, written in the formula language.
pairs=(
    "himmelblau|(x^2+y-11)^2+(x+y^2-7)^2"
    "rosenbrock|(1-x)^2+100*(y-x^2)^2"
    "rastrigin|20+x^2-10*cos(2*pi*x)+y^2-10*cos(2*pi*y)"
    "ackley|-20*exp(-0.2*sqrt((x^2+y^2)/2))-exp((cos(2*pi*x)+cos(2*pi*y))/2)+20+e"
    "beale|(1.5-x+x*y)^2+(2.25-x+x*y^2)^2+(2.625-x+x*y^3)^2"
    "booth|(x+2*y-7)^2+(2*x+y-5)^2"
    "goldstein-price|(1+(x+y+1)^2*(19-14*x+3*x^2-14*y+6*x*y+3*y^2))*(30+(2*x-3*y)^2*(18-32*x+12*x^2+48*y-36*x*y+27*y^2))"
    "styblinski-tang|(x^4-16*x^2+5*x+y^4-16*y^2+5*y)/2"
    "three-hump-camel|2*x^2-1.05*x^4+x^6/6+x*y+y^2"
    "muller-brown|-200*exp(-(x-1)^2-10*y^2)-100*exp(-x^2-10*(y-0.5)^2)-170*exp(-6.5*(x+0.5)^2+11*(x+0.5)*(y-1.5)-6.5*(y-1.5)^2)+15*exp(0.7*(x+1)^2+0.6*(x+1)*(y-1)+0.7*(y-1)^2)"
)

rate() { # landscape-or-formula: steps per second of one bench run
    dotnet "$LANDSCAPE_DLL" bench "$1" --device "$DEVICE" --grid "$GRID" --steps "$STEPS" --optimizer "$OPTIMIZER" \
        --lr 1e-4 --box=-2,2,-2,2 --runs 3 --json | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["stepsPerSecond"])'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "device ${DEVICE}, ${OPTIMIZER} f32, ${GRID}x${GRID} starts over [-2,2]^2, ${STEPS} fixed steps, lr 1e-4, median of ${ROUNDS} alternating rounds"
printf '%-18s %14s %14s %10s\n' landscape "built-in" formula "slower by"
for pair in "${pairs[@]}"; do
    name=${pair%%|*} formula=${pair#*|}
    builtins=() formulas=()
    for ((round = 0; round < ROUNDS; round++)); do
        builtins+=("$(rate "$name")")
        formulas+=("$(rate "$formula")")
    done
    "$PYTHON" - "$name" "${#builtins[@]}" "${builtins[@]}" "${formulas[@]}" <<'PY'
import statistics, sys
name, n = sys.argv[1], int(sys.argv[2])
values = [float(v) for v in sys.argv[3:]]
built, formula = statistics.median(values[:n]), statistics.median(values[n:])
print("%-18s %14.3e %14.3e %9.2fx" % (name, built, formula, built / formula))
PY
done
