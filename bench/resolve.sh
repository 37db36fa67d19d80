#!/bin/bash
# Times BasinCatalog.Resolve, the step from buckets to ordered, classified attractors (Newton refinement, merging,
# stationary-set joins, ids), on the endpoints of a real map: the starts are added as MapRunner adds them, then the
# resolve runs RESOLVES times (default 5) on the same catalog. Prints wall and process CPU milliseconds per resolve
# and an FNV hash of the attractors and bucket ids (equal hashes: the same resolution, also across builds).
# Usage: [RESOLVES=N] bench/resolve.sh [map-dir [landscape]] (default: makes a 4096² himmelblau map; LANDSCAPE is the
# map's built-in landscape or formula, default himmelblau; DIR must be a single-file map over x and y).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/resolve-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
dll=$root/src/LandscapeGpu/bin/Release/net10.0/LandscapeGpu.dll
cli=$root/src/LandscapeGpu.Cli/bin/Release/net10.0/landscape.dll
map=${1:-}
landscape=${2:-himmelblau}
if [ -z "$map" ]; then
  map=$work/map
  dotnet "$cli" map "$landscape" --grid 4096 --out "$map" > /dev/null
fi
cat > "$work/bench.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
  <ItemGroup><Reference Include="LandscapeGpu"><HintPath>$dll</HintPath></Reference></ItemGroup>
</Project>
XML
cat > "$work/Program.cs" <<'CS'
using System.Diagnostics;
using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Runs;

string dir = args[0];
(float[] ends, int[] shape) = NpyReader.Read<float>(Path.Combine(dir, "endpoints.npy"));
(int[] steps, _) = NpyReader.Read<int>(Path.Combine(dir, "steps.npy"));
(int[] basins, _) = NpyReader.Read<int>(Path.Combine(dir, "basins.npy"));
int height = shape[0], width = shape[1], n = width * height;
// The map's own box, from its summary: keys are bucketed exactly as its run bucketed them.
using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
double[] box = summary.RootElement.GetProperty("box").EnumerateArray().Select(v => v.GetDouble()).ToArray();
LandscapeEntry entry = BuiltInLandscapes.Find(args[1]) ?? FormulaLandscapes.Parse(args[1]);
var grid = new GridSpec(new Box(box[0], box[1], box[2], box[3]), width, height);
var catalog = new BasinCatalog(LandscapeProbe.For(entry), grid);
const int Band = 1 << 20;
var ids = new int[Band];
for (int start = 0; start < n; start += Band)
{
    int length = Math.Min(Band, n - start);
    var band = new TileResult(length);
    for (int i = 0; i < length; i++)
    {
        band.EndX[i] = ends[2 * (start + i)];
        band.EndY[i] = ends[2 * (start + i) + 1];
        band.Steps[i] = steps[start + i];
        band.Outcomes[i] = basins[start + i] switch { -1 => DescentOutcome.Diverged, -2 => DescentOutcome.Unconverged, _ => DescentOutcome.Converged };
    }

    catalog.Add(band, length, ids.AsSpan(0, length));
}

Process process = Process.GetCurrentProcess();
for (int round = 0; round < int.Parse(args[2]); round++)
{
    process.Refresh();
    TimeSpan cpu = process.TotalProcessorTime;
    long begin = Stopwatch.GetTimestamp();
    BasinResolution resolution = catalog.Resolve();
    double wall = Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
    process.Refresh();
    double cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
    ulong hash = 14695981039346656037;
    void Mix(long value)
    {
        hash = (hash ^ (ulong)value) * 1099511628211;
    }

    foreach (int id in resolution.AttractorOfBucket)
    {
        Mix(id);
    }

    foreach (StationaryPoint point in resolution.Attractors)
    {
        Mix(BitConverter.DoubleToInt64Bits(point.X));
        Mix(BitConverter.DoubleToInt64Bits(point.Y));
        Mix(BitConverter.DoubleToInt64Bits(point.Loss));
        Mix(point.Count);
        Mix((long)point.Kind);
        Mix((long)point.Shape);
    }

    Console.WriteLine($"{width}x{height}, {resolution.AttractorOfBucket.Length} buckets, {resolution.Attractors.Count} attractors: " +
                      $"resolve {wall:F1} ms wall, {cpuMs:F1} ms cpu; hash {hash:x16}");
}
CS
dotnet build "$work/bench.csproj" -c Release -o "$work/out" > "$work/build.log" || { cat "$work/build.log"; exit 1; }
dotnet "$work/out/bench.dll" "$map" "$landscape" "${RESOLVES:-5}"
