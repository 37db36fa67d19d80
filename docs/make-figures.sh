#!/usr/bin/env bash
# Regenerates the README's figures from the current code, so they never go stale:
#   bash docs/make-figures.sh
# Builds the CLI, maps three landscapes (and one lr x momentum map) on the CPU engine and copies each basins.png into docs/.
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
