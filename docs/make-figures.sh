#!/usr/bin/env bash
# Regenerates the README's figures from the current code, so they never go stale:
#   bash docs/make-figures.sh
# Builds the CLI, maps five landscapes (one of them an lr x momentum map) on the CPU engine and copies each basins.png
# into docs/, then draws the README's optimizer comparison, the quartic's bifurcation diagram and himmelblau's basin
# fractions over lr into docs/; screenshots the view.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build src/LandscapeGpu.Cli -c Release --nologo -v quiet
landscape() { dotnet src/LandscapeGpu.Cli/bin/Release/net10.0/landscape.dll "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# name | arguments
figures=(
    "himmelblau-gd|map himmelblau --grid 512"
    "model-sine-gd|map --model w2*sin(w1*x) --data sine --grid 256"
    "quartic-gd|map quartic --grid 1024"
    "model-linear-valleys|map --model w2*w1*x --data line --grid 256"
    "himmelblau-lr-momentum|map himmelblau --optimizer momentum --axes lr,momentum --box 0.001,0.03,0.5,1 --log-axes x --start 0,0 --grid 512"
)
for entry in "${figures[@]}"; do
    name=${entry%%|*}
    read -r -a arguments <<<"${entry#*|}"
    landscape "${arguments[@]}" --device cpu --renderer cpu --format png,svg --out "$work/$name" >/dev/null
    cp "$work/$name/basins.png" "docs/$name.png"
    cp "$work/$name/basins.svg" "docs/$name.svg"
    echo "docs/$name.png docs/$name.svg"
done

# compare: the three panels and the disagreement map of the README's "Comparing optimizers".
landscape compare himmelblau --optimizers gd,momentum,adam --grid 256 --size 400 --device cpu --renderer cpu --out "$work/compare" >/dev/null
cp "$work/compare/compare.png" docs/compare-himmelblau.png
cp "$work/compare/disagreement.png" docs/disagreement-himmelblau.png
echo "docs/compare-himmelblau.png docs/disagreement-himmelblau.png"

# The bifurcation diagram of gradient descent on the quartic as lr grows (README: "From a learning rate to chaos").
landscape bifurcation quartic --vary lr=0.02:0.3:600 --starts 32 --keep 100 --steps 1000 --out "$work/quartic-bifurcation" >/dev/null
cp "$work/quartic-bifurcation/bifurcation.png" docs/quartic-bifurcation.png
echo "docs/quartic-bifurcation.png"

# Himmelblau's basin fractions as lr grows (README: "Basins as a hyperparameter changes").
landscape sweep himmelblau --vary lr=0.002:0.03:24 --log --grid 256 --device cpu --renderer cpu --out "$work/himmelblau-lr" >/dev/null 2>&1
cp "$work/himmelblau-lr/fractions.png" docs/himmelblau-lr-fractions.png
echo "docs/himmelblau-lr-fractions.png"

# The view window with its axes, ids and legend: needs an X display, or Xvfb through xvfb-run.
if [[ -n "${DISPLAY:-}" ]]; then
    landscape view himmelblau --size 560x560 --device cpu --screenshot docs/view-himmelblau-axes.png >/dev/null
    echo "docs/view-himmelblau-axes.png"
elif command -v xvfb-run >/dev/null; then
    xvfb-run -a dotnet src/LandscapeGpu.Cli/bin/Release/net10.0/landscape.dll view himmelblau --size 560x560 --device cpu --screenshot docs/view-himmelblau-axes.png >/dev/null
    echo "docs/view-himmelblau-axes.png"
else
    echo "docs/view-himmelblau-axes.png not redrawn: no X display and no xvfb-run" >&2
fi
