#!/usr/bin/env bash
# How live the view's panning is on a slow model: a scripted pan session on its map computer (bench/view-pan/Program.cs).
#   bench/view-pan.sh                                    # w2*tanh(w1*x) on data/tanh.csv, 1024², 3 pans 1.5 s apart
#   bench/view-pan.sh "w2*tanh(w1*x)" data/tanh.csv 512 5 1
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/LandscapeGpu.Cli -c Release >/dev/null
dotnet build bench/view-pan -c Release >/dev/null
dotnet bench/view-pan/bin/Release/net10.0/view-pan.dll "$@"
