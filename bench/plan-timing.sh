#!/usr/bin/env bash
# What the CPU engine's plan timing costs and picks (bench/plan-timing/Program.cs).
#   bench/plan-timing.sh choose model 8        # 8 fresh engines time their plans on w2*tanh(w1*x)'s 128² band
#   bench/plan-timing.sh plans muller-brown 128   # each plan on whole descents and on 128 steps
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/LandscapeGpu.Cli -c Release >/dev/null
dotnet build bench/plan-timing -c Release >/dev/null
dotnet bench/plan-timing/bin/Release/net10.0/plan-timing.dll "$@"
