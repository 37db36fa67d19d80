#!/usr/bin/env bash
# Regenerates the README's figures from the current code, so they never go stale:
#   bash docs/make-figures.sh
# Builds the CLI, maps three landscapes on the CPU engine and copies each basins.png into docs/; screenshots the view.
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
)
for entry in "${figures[@]}"; do
    name=${entry%%|*}
    read -r -a arguments <<<"${entry#*|}"
    landscape "${arguments[@]}" --device cpu --renderer cpu --format png,svg --out "$work/$name" >/dev/null
    cp "$work/$name/basins.png" "docs/$name.png"
    cp "$work/$name/basins.svg" "docs/$name.svg"
    echo "docs/$name.png docs/$name.svg"
done

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
