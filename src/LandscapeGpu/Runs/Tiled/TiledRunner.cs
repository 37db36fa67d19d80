using System.Diagnostics;
using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;

namespace LandscapeGpu.Runs.Tiled;

/// <summary>
/// Computes the unfinished tiles of a run directory's shard on one or more engines at once: one thread per
/// engine takes the next tile, runs it, clusters its endpoints into the tile's own bucket table and writes the
/// tile. Host memory per engine stays at about <see cref="BytesPerStartInFlight"/> bytes times the tile's starts,
/// whatever the grid.
/// </summary>
public static class TiledRunner
{
    /// <summary>
    /// Host bytes per start of a tile in flight: the tile result (8 + 8 + 4 + 1), bucket indices (4), the
    /// endpoint pairs being written (8 in f32, 16 in f64) and ILGPU's CPU accelerator buffers (21).
    /// </summary>
    public const int BytesPerStartInFlight = 21 + 4 + 16 + 21;

    /// <summary>
    /// Runs every unfinished tile of <paramref name="directory"/>'s shard. If one tile fails (disk full, device
    /// error), the other engines finish the tile they are on and stop; every finished tile stays on disk and the
    /// first error is rethrown.
    /// </summary>
    public static TiledRunStats Run(DescentProblem problem, RunDirectory directory, IReadOnlyList<IDescentEngine> engines,
        IProgress<TiledProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(engines);
        if (engines.Count == 0)
        {
            throw new ArgumentException("at least one engine is needed", nameof(engines));
        }

        TileLayout layout = directory.Layout;
        int[] owned = MapPlan.TilesOf(layout, directory.Shard);
        int[] pending = MapPlan.Unfinished(owned, directory.IsDone);
        long total = owned.Sum(index => (long)layout[index].Count);
        long resumed = total - pending.Sum(index => (long)layout[index].Count);

        var gate = new object();
        var perDevice = engines.Select(engine => new DeviceProgress(engine.Description, 0, 0, 0)).ToArray();
        long done = resumed;
        int next = -1;
        Exception? failure = null;
        var clock = Stopwatch.StartNew();
        progress?.Report(new TiledProgress(done, total, resumed, perDevice.ToArray()));

        void Work(int slot)
        {
            IDescentEngine engine = engines[slot];
            var result = new TileResult(layout.MaxTileStarts);
            var buckets = new int[layout.MaxTileStarts];
            while (Volatile.Read(ref failure) is null && !cancellation.IsCancellationRequested)
            {
                int position = Interlocked.Increment(ref next);
                if (position >= pending.Length)
                {
                    return;
                }

                int index = pending[position];
                try
                {
                    TileRecord record = Compute(problem, layout[index], engine, result, buckets);
                    directory.WriteTile(index, result, buckets, record, problem.Precision);
                    lock (gate)
                    {
                        DeviceProgress device = perDevice[slot];
                        perDevice[slot] = device with
                        {
                            Tiles = device.Tiles + 1,
                            Starts = device.Starts + record.Tile.Count,
                            DescentSteps = device.DescentSteps + record.DescentSteps,
                        };
                        done += record.Tile.Count;
                        progress?.Report(new TiledProgress(done, total, resumed, perDevice.ToArray()));
                    }
                }
                catch (Exception error)
                {
                    Interlocked.CompareExchange(ref failure, error, null);
                    return;
                }
            }
        }

        if (engines.Count == 1)
        {
            Work(0);
        }
        else
        {
            var threads = Enumerable.Range(0, engines.Count)
                .Select(slot => new Thread(() => Work(slot)) { Name = $"tiles on {engines[slot].Description}", IsBackground = true })
                .ToList();
            threads.ForEach(thread => thread.Start());
            threads.ForEach(thread => thread.Join());
        }

        if (failure is not null)
        {
            int finished = owned.Count(directory.IsDone);
            string advice = $"{finished} of {owned.Length} tiles are finished and kept; rerun with {{resume}} to compute the rest";
            if (failure is IOException io)
            {
                throw new TileIOException($"{io.Message}; {advice}", io);
            }

            throw new TileFailedException($"{failure.GetType().Name}: {failure.Message}; {advice}", failure);
        }

        cancellation.ThrowIfCancellationRequested();
        return new TiledRunStats(owned.Length, pending.Length, clock.Elapsed.TotalSeconds, perDevice);
    }

    /// <summary>Runs one tile on <paramref name="engine"/> and clusters its endpoints into a tile-local catalog.</summary>
    public static TileRecord Compute(DescentProblem problem, TileSpec tile, IDescentEngine engine, TileResult result, int[] buckets)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(result);
        var clock = Stopwatch.StartNew();
        engine.Run(problem, tile, result);
        var catalog = new BasinCatalog(LandscapeProbe.For(problem.Landscape), problem.Axes?.ClusteringGrid(problem.Grid) ?? problem.Grid);
        int count = tile.Count;
        catalog.Add(result, count, buckets.AsSpan(0, count));
        long descentSteps = 0;
        for (int i = 0; i < count; i++)
        {
            descentSteps += result.Steps[i];
        }

        return new TileRecord(tile, catalog.Export(), descentSteps, clock.Elapsed.TotalSeconds, engine.Description);
    }
}

/// <summary>What a call of <see cref="TiledRunner.Run"/> did.</summary>
/// <param name="OwnedTiles">Tiles of this shard.</param>
/// <param name="ComputedTiles">Tiles computed now (the others were done before).</param>
/// <param name="Seconds">Wall-clock seconds.</param>
/// <param name="Devices">Per device.</param>
public sealed record TiledRunStats(int OwnedTiles, int ComputedTiles, double Seconds, IReadOnlyList<DeviceProgress> Devices);

/// <summary>A tile could not be computed; the finished tiles are kept.</summary>
/// <param name="template">What failed and how to go on; parameters as <c>{name}</c> (see <see cref="INamesParameters"/>).</param>
/// <param name="inner">The engine's error.</param>
public sealed class TileFailedException(string template, Exception inner) : Exception(ParameterTemplate.Plain(template), inner), INamesParameters
{
    /// <inheritdoc/>
    public string Describe(Func<string, string> nameOf) => ParameterTemplate.Describe(template, nameOf);
}

/// <summary>A tile could not be read or written; the finished tiles are kept.</summary>
/// <param name="template">What failed and how to go on; parameters as <c>{name}</c> (see <see cref="INamesParameters"/>).</param>
/// <param name="inner">The file system's error.</param>
public sealed class TileIOException(string template, IOException inner) : IOException(ParameterTemplate.Plain(template), inner), INamesParameters
{
    /// <inheritdoc/>
    public string Describe(Func<string, string> nameOf) => ParameterTemplate.Describe(template, nameOf);
}
