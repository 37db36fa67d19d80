#!/bin/bash
# Times BasinCatalog.Add, the per-start clustering pass, against the one-thread pass it replaced (copied below),
# on the endpoints of a real map, in bands of 2^20 starts as MapRunner adds them; checks both give the same
# buckets, counts, step sums and ids. Prints wall and process CPU nanoseconds per start for five rounds. Then times
# BasinCatalog.Resolve (refinement, merging, stationary-set joins, ids) RESOLVES times (default 5) on the last
# catalog, in milliseconds, with an FNV hash of the attractors and bucket ids (equal hashes: the same resolution,
# also across builds). Usage: [RESOLVES=N] bench/clustering.sh [map-dir [landscape]] (default: makes a 4096²
# himmelblau map; LANDSCAPE is the map's built-in landscape or formula, default himmelblau; DIR must be a
# single-file map over x and y).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/clustering-bench.XXXXXX)
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
const int Band = 1 << 20;
var bands = new List<TileResult>();
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

    bands.Add(band);
}

var ids = new int[n];
var oldIds = new int[n];
Array.Fill(ids, 1);
Array.Fill(oldIds, 1);
Process process = Process.GetCurrentProcess();
var catalog = new BasinCatalog(LandscapeProbe.For(entry), grid);
for (int round = 0; round < 5; round++)
{
    catalog = new BasinCatalog(LandscapeProbe.For(entry), grid);
    (double wall, double cpu) = Timed(() =>
    {
        for (int b = 0, start = 0; b < bands.Count; start += bands[b].Capacity, b++)
        {
            catalog.Add(bands[b], bands[b].Capacity, ids.AsSpan(start, bands[b].Capacity));
        }
    });
    var old = new OldPass(catalog.BucketSize, grid.Box.X0, grid.Box.Y0);
    (double oldWall, double oldCpu) = Timed(() =>
    {
        for (int b = 0, start = 0; b < bands.Count; start += bands[b].Capacity, b++)
        {
            old.Add(bands[b], bands[b].Capacity, oldIds.AsSpan(start, bands[b].Capacity));
        }
    });
    BucketTable table = catalog.Export();
    bool same = ids.AsSpan().SequenceEqual(oldIds) && table.Keys.SequenceEqual(old.Keys) && table.Counts.SequenceEqual(old.Counts) && table.StepSums.SequenceEqual(old.StepSums);
    Console.WriteLine($"{width}x{height}, {table.Keys.Length} buckets: new {wall * 1e9 / n:F2} ns/start wall, {cpu * 1e9 / n:F2} cpu; " +
                      $"one-thread pass {oldWall * 1e9 / n:F2} wall, {oldCpu * 1e9 / n:F2} cpu; identical {same}");
}

for (int round = 0; round < int.Parse(args[2]); round++)
{
    BasinResolution resolution = null!;
    (double wall, double cpu) = Timed(() => resolution = catalog.Resolve());
    ulong hash = 14695981039346656037;
    void Mix(long value) => hash = (hash ^ (ulong)value) * 1099511628211;
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

    Console.WriteLine($"resolve {resolution.AttractorOfBucket.Length} buckets into {resolution.Attractors.Count} attractors: " +
                      $"{wall * 1e3:F1} ms wall, {cpu * 1e3:F1} ms cpu; hash {hash:x16}");
}

(double Wall, double Cpu) Timed(Action action)
{
    process.Refresh();
    TimeSpan cpu = process.TotalProcessorTime;
    long start = Stopwatch.GetTimestamp();
    action();
    double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
    process.Refresh();
    return (wall, (process.TotalProcessorTime - cpu).TotalSeconds);
}

// BasinCatalog.Add as it was before the counting pass went parallel (74e7502), with the default long hash.
sealed class OldPass(double size, double originX, double originY)
{
    private readonly Dictionary<long, int> bucketOfKey = new();
    public List<long> Keys { get; } = new();
    public List<long> Counts { get; } = new();
    public List<double> StepSums { get; } = new();

    public void Add(TileResult result, int count, Span<int> bucketOfStart)
    {
        long lastKey = long.MinValue;
        int lastBucket = -1;
        for (int i = 0; i < count; i++)
        {
            switch (result.Outcomes[i])
            {
                case DescentOutcome.Diverged: bucketOfStart[i] = -1; continue;
                case DescentOutcome.Unconverged: bucketOfStart[i] = -2; continue;
            }

            long column = (long)Math.Floor((result.EndX[i] - originX) / size);
            long row = (long)Math.Floor((result.EndY[i] - originY) / size);
            long key = (Math.Clamp(column, int.MinValue, int.MaxValue) << 32) | (uint)Math.Clamp(row, int.MinValue, int.MaxValue);
            if (key != lastKey)
            {
                if (!bucketOfKey.TryGetValue(key, out lastBucket))
                {
                    lastBucket = Keys.Count;
                    bucketOfKey.Add(key, lastBucket);
                    Keys.Add(key);
                    Counts.Add(0);
                    StepSums.Add(0);
                }

                lastKey = key;
            }

            bucketOfStart[i] = lastBucket;
            Counts[lastBucket]++;
            StepSums[lastBucket] += result.Steps[i];
        }
    }
}
CS
dotnet build "$work/bench.csproj" -c Release -o "$work/out" > "$work/build.log" || { cat "$work/build.log"; exit 1; }
dotnet "$work/out/bench.dll" "$map" "$landscape" "${RESOLVES:-5}"
