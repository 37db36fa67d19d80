using System.Diagnostics;
using System.Globalization;
using LandscapeGpu.Basins;
using LandscapeGpu.Basins.WeightSpace;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Runs.Tiled;

/// <summary>
/// A K-weight map (issue 14) cut into tiles, on the 2-D run's directory, records, hashes, locks, shards and merge
/// (<see cref="RunDirectory"/>, <see cref="ShardMerger"/>). A tile leaves <c>STEM.buckets.npy</c> (int32 [h, w],
/// indices into its own weight-space bucket table), <c>STEM.steps.npy</c>, <c>STEM.endpoints.npy</c> ([h, w, K] in the
/// run's precision), <c>STEM.weightBuckets.json</c> (that table, <see cref="WeightBucketTable"/>) and its record, written
/// last, whose content hashes cover all four. <see cref="Finish"/> imports every tile's table into one
/// <see cref="WeightSpaceCatalog"/>, resolves it once and assembles the map an untiled run makes, bit for bit (the
/// catalog's ids depend only on the buckets hit and their counts, not on the order they arrive).
/// </summary>
public static class WeightTiledRun
{
    /// <summary>The identity field of the trained weights' starts (off the axes), as exact text.</summary>
    public const string StartField = "start";

    /// <summary>
    /// The identity of the K-weight map of <paramref name="problem"/> over the 2-D <paramref name="slice"/> (the
    /// model seen over its free weights, which carries the landscape, box, grid, optimizer, budget and a probe of the
    /// loss), cut into tiles of <paramref name="tileSide"/>: the slice's identity with the trained weights and their starts.
    /// </summary>
    public static RunIdentity Identity(DescentProblem slice, WeightDescentProblem problem, IReadOnlyList<string> trained, int tileSide)
    {
        ArgumentNullException.ThrowIfNull(slice);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(trained);
        return RunIdentity.Of(slice, tileSide)
            .With(RunIdentity.TrainedField, string.Join(',', trained))
            .With(StartField, string.Join(' ', problem.Start.Select(value => value.ToString("R", CultureInfo.InvariantCulture))));
    }

    /// <summary>
    /// Runs every unfinished tile of <paramref name="directory"/>'s shard on <paramref name="engine"/>, one after
    /// another; every finished tile stays on disk when one fails or <paramref name="cancellation"/> fires.
    /// </summary>
    /// <exception cref="TileFailedException">A tile could not be computed.</exception>
    /// <exception cref="TileIOException">A tile could not be written.</exception>
    public static TiledRunStats Run(WeightModelEntry entry, WeightDescentProblem problem, RunDirectory directory, IDescentEngine engine,
        IProgress<TiledProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(engine);
        return WeightEngines.Dispatch(entry, engine, new TilesTask(entry, problem, directory, engine.Description, progress, cancellation));
    }

    private sealed class TilesTask(WeightModelEntry entry, WeightDescentProblem problem, RunDirectory directory, string device,
        IProgress<TiledProgress>? progress, CancellationToken cancellation) : IWeightEngineTask<TiledRunStats>
    {
        public TiledRunStats Run<TModel>(TModel model, IWeightDescentEngine engine) where TModel : struct, IWeightModel
        {
            TileLayout layout = directory.Layout;
            int[] owned = MapPlan.TilesOf(layout, directory.Shard);
            int[] pending = MapPlan.Unfinished(owned, directory.IsDone);
            long total = owned.Sum(index => (long)layout[index].Count);
            long done = total - pending.Sum(index => (long)layout[index].Count);
            long resumed = done;
            var clock = Stopwatch.StartNew();
            var perDevice = new DeviceProgress(device, 0, 0, 0);
            progress?.Report(new TiledProgress(done, total, resumed, [perDevice]));
            int weights = problem.Count;
            var result = new WeightTileResult(layout.MaxTileStarts, weights);
            var buckets = new int[layout.MaxTileStarts];
            foreach (int index in pending)
            {
                cancellation.ThrowIfCancellationRequested();
                TileSpec tile = layout[index];
                long descentSteps;
                try
                {
                    var tileClock = Stopwatch.StartNew();
                    engine.Run(model, problem, tile, result);
                    int count = tile.Count;
                    var catalog = new WeightSpaceCatalog(entry.Function, GridOf(problem));
                    catalog.Add(result.Endpoints.AsSpan(0, count * weights), result.Outcomes.AsSpan(0, count), result.Steps.AsSpan(0, count), buckets.AsSpan(0, count));
                    descentSteps = result.Steps.AsSpan(0, count).ToArray().Sum(steps => (long)steps);
                    WriteTile(directory, index, tile, result, buckets, catalog.Export(), problem.Precision,
                        new TileRecord(tile, EmptyBuckets, descentSteps, tileClock.Elapsed.TotalSeconds, device));
                }
                catch (IOException io)
                {
                    throw new TileIOException($"{io.Message}; {Advice(directory, owned)}", io);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    throw new TileFailedException($"{error.GetType().Name}: {error.Message}; {Advice(directory, owned)}", error);
                }

                done += tile.Count;
                perDevice = perDevice with { Tiles = perDevice.Tiles + 1, Starts = perDevice.Starts + tile.Count, DescentSteps = perDevice.DescentSteps + descentSteps };
                progress?.Report(new TiledProgress(done, total, resumed, [perDevice]));
            }

            return new TiledRunStats(owned.Length, pending.Length, clock.Elapsed.TotalSeconds, [perDevice]);
        }
    }

    private static string Advice(RunDirectory directory, int[] owned) =>
        $"{owned.Count(directory.IsDone)} of {owned.Length} tiles are finished and kept; rerun with {{resume}} to compute the rest";

    // The record's 2-D table: a K-weight tile's buckets are in its weight bucket file.
    private static readonly BucketTable EmptyBuckets = new([], [], [], 0, 0, 0);

    private static WeightSpaceGrid GridOf(WeightDescentProblem problem) =>
        WeightSpaceGrid.For(problem.Count, problem.Grid.Box, problem.Grid.Width, problem.Grid.Height);

    private static void WriteTile(RunDirectory directory, int index, TileSpec tile, WeightTileResult result, int[] buckets, WeightBucketTable table,
        Precision precision, TileRecord record)
    {
        int count = tile.Count, weights = result.Count;
        AtomicFile.Write(directory.FileOf(index, RunDirectory.BucketsKind), stream => NpyWriter.Write<int>(stream, buckets.AsSpan(0, count), tile.Height, tile.Width));
        AtomicFile.Write(directory.FileOf(index, RunDirectory.StepsKind), stream => NpyWriter.Write<int>(stream, result.Steps.AsSpan(0, count), tile.Height, tile.Width));
        AtomicFile.Write(directory.FileOf(index, RunDirectory.EndpointsKind), stream =>
        {
            // The run's own precision, as the untiled endpoints.npy: float32 values are exactly the descents' endpoints.
            if (precision == Precision.F32)
            {
                NpyWriter.Write<float>(stream, result.Endpoints.AsSpan(0, count * weights).ToArray().Select(value => (float)value).ToArray(), tile.Height, tile.Width, weights);
            }
            else
            {
                NpyWriter.Write<double>(stream, result.Endpoints.AsSpan(0, count * weights), tile.Height, tile.Width, weights);
            }
        });
        AtomicFile.Write(directory.FileOf(index, RunDirectory.WeightBucketsKind), table.Write);
        directory.WriteRecord(index, record with
        {
            Files = directory.HashesOf(index, RunDirectory.BucketsKind, RunDirectory.StepsKind, RunDirectory.EndpointsKind, RunDirectory.WeightBucketsKind),
        });
    }

    /// <summary>
    /// The map of a run directory whose tiles are all done, exactly as an untiled run of <paramref name="problem"/>
    /// makes it: every tile is checked against its record's hashes, every tile's bucket table imported into one catalog
    /// (clustered with <paramref name="entry"/>'s float64 function), resolved once, and the tiles' arrays assembled.
    /// Reads the tiles and writes nothing, so it may run again on a finished directory. Holds the whole grid's arrays.
    /// </summary>
    /// <exception cref="RunConflictException">Some tiles are not done.</exception>
    /// <exception cref="DamagedRunException">A tile's file differs from its record.</exception>
    public static WeightBasinMap Finish(RunDirectory directory, WeightModelEntry entry, WeightDescentProblem problem)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(problem);
        TileLayout layout = directory.Layout;
        int[] missing = Enumerable.Range(0, layout.Count).Where(index => !directory.IsDone(index)).ToArray();
        if (missing.Length > 0)
        {
            throw new RunConflictException(
                $"{missing.Length} of {layout.Count} tiles are not done (first: {layout.StemOf(missing[0])}); " +
                "compute them (with {resume}, or the missing shards) before finishing the run");
        }

        directory.EnsureIntact();
        WeightMapRunner.EnsureFits(problem);
        GridSpec grid = problem.Grid;
        int weights = problem.Count;
        int count = checked((int)grid.Count);
        var ids = new int[count];
        var steps = new int[count];
        var endpoints = new double[(long)count * weights];
        var catalog = new WeightSpaceCatalog(entry.Function, GridOf(problem));
        var globalBucketsOfTile = new int[layout.Count][];
        long descentSteps = 0;
        double seconds = 0;
        var devices = new SortedSet<string>(StringComparer.Ordinal);
        for (int index = 0; index < layout.Count; index++)
        {
            TileRecord record = directory.ReadRecord(index);
            if (!record.Files.ContainsKey(RunDirectory.WeightBucketsKind))
            {
                throw new DamagedRunException($"tile record '{directory.FileOf(index, "json")}' lists no {RunDirectory.WeightBucketsKind}: it is not a tile of a map in all trained weights");
            }

            using (FileStream stream = File.OpenRead(directory.FileOf(index, RunDirectory.WeightBucketsKind)))
            {
                globalBucketsOfTile[index] = catalog.Import(WeightBucketTable.Read(stream));
            }

            descentSteps += record.DescentSteps;
            seconds += record.Seconds;
            devices.Add(record.Device);
        }

        // Every core: the resolve (a float64 Newton refinement per bucket) was most of a 512x512 XOR map's time, and
        // its result does not depend on the number of threads (tested in WeightSpaceCatalogTests).
        WeightSpaceResolution basins = catalog.Resolve(Environment.ProcessorCount);
        for (int index = 0; index < layout.Count; index++)
        {
            TileSpec tile = layout[index];
            int[] local = NpyReader.Read<int>(directory.FileOf(index, RunDirectory.BucketsKind)).Data;
            int[] tileSteps = NpyReader.Read<int>(directory.FileOf(index, RunDirectory.StepsKind)).Data;
            string endpointsFile = directory.FileOf(index, RunDirectory.EndpointsKind);
            double[] tileEndpoints = problem.Precision == Precision.F32
                ? Array.ConvertAll(NpyReader.Read<float>(endpointsFile).Data, value => (double)value)
                : NpyReader.Read<double>(endpointsFile).Data;
            if (local.Length != tile.Count || tileSteps.Length != tile.Count || tileEndpoints.LongLength != (long)tile.Count * weights)
            {
                throw new DamagedRunException($"tile '{directory.FileOf(index, "json")}' holds arrays of another size than its {tile.Width}x{tile.Height} starts in {weights} weights");
            }

            int[] globalOf = globalBucketsOfTile[index];
            for (int row = 0; row < tile.Height; row++)
            {
                for (int column = 0; column < tile.Width; column++)
                {
                    int i = row * tile.Width + column;
                    int start = (tile.Y + row) * grid.Width + tile.X + column;
                    int bucket = local[i];
                    if (bucket >= globalOf.Length)
                    {
                        throw new DamagedRunException($"tile file '{directory.FileOf(index, RunDirectory.BucketsKind)}' names bucket {bucket}, but its table has {globalOf.Length}");
                    }

                    ids[start] = bucket >= 0 ? globalOf[bucket] : bucket;
                    steps[start] = tileSteps[i];
                    Array.Copy(tileEndpoints, (long)i * weights, endpoints, (long)start * weights, weights);
                }
            }
        }

        var valleyPositions = new float[count];
        basins.MapToValleyPositions(ids, valleyPositions);
        basins.MapToIds(ids);
        return new WeightBasinMap(problem, entry.Trained, ids, steps, endpoints, basins)
        {
            ValleyPositions = valleyPositions,
            DescentSteps = descentSteps,
            Seconds = seconds,
            Device = string.Join(" + ", devices),
        };
    }
}
