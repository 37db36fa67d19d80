using System.Diagnostics;
using LandscapeGpu.Basins;
using LandscapeGpu.Basins.WeightSpace;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Runs;

/// <summary>
/// A K-weight map (issue 14): every start's endpoint in all trained weights, its steps, and its attractor in the full
/// weight space, as <see cref="BasinMap"/> is for a 2-D map.
/// </summary>
public sealed class WeightBasinMap
{
    /// <summary>A map from its parts; every array holds the grid's starts (endpoints K per start).</summary>
    public WeightBasinMap(WeightDescentProblem problem, IReadOnlyList<string> names, int[] ids, int[] steps, double[] endpoints, WeightSpaceResolution basins)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(basins);
        long count = problem.Grid.Count;
        if (names.Count != problem.Count || ids.Length != count || steps.Length != count || endpoints.LongLength != count * problem.Count)
        {
            throw new ArgumentException($"a map of {count} starts in {problem.Count} weights needs {problem.Count} names, {count} ids and steps and {count * problem.Count} endpoint values");
        }

        Problem = problem;
        Names = names;
        Ids = ids;
        Steps = steps;
        Endpoints = endpoints;
        Basins = basins;
    }

    /// <summary>The problem.</summary>
    public WeightDescentProblem Problem { get; }

    /// <summary>The trained weights' names, in the order of each endpoint's entries.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Each start's attractor id (or <see cref="WeightSpaceCatalog.DivergedId"/>, <see cref="WeightSpaceCatalog.UnconvergedId"/>), row-major.</summary>
    public int[] Ids { get; }

    /// <summary>Each start's steps, row-major.</summary>
    public int[] Steps { get; }

    /// <summary>Each start's endpoint: K values per start, row-major ([H, W, K]).</summary>
    public double[] Endpoints { get; }

    /// <summary>The attractors and the shares of diverged and unconverged starts.</summary>
    public WeightSpaceResolution Basins { get; }

    /// <summary>
    /// For each start whose attractor is a valley, where along the valley its endpoint lies (0 to 1, as
    /// <c>valleyPosition.npy</c> on the 2-D map); NaN for every other start. Null: not computed.
    /// </summary>
    public float[]? ValleyPositions { get; init; }

    /// <summary>The engine that ran the descents.</summary>
    public string Device { get; init; } = "";

    /// <summary>Wall-clock seconds of the descents and the clustering.</summary>
    public double Seconds { get; init; }

    /// <summary>Steps taken by all starts together.</summary>
    public long DescentSteps { get; init; }

    /// <summary>
    /// The map seen over its two free weights, as the 2-D <paramref name="slice"/> (the other trained weights held at
    /// their starts): each start's id and steps, its endpoint's free weights, each attractor at its free weights (the
    /// rest of its vector stays here); what the figure and the view draw.
    /// </summary>
    public BasinMap Projected(DescentProblem slice)
    {
        ArgumentNullException.ThrowIfNull(slice);
        int x = Problem.FreeX, y = Problem.FreeY, weights = Problem.Count, count = Ids.Length;
        var endX = new double[count];
        var endY = new double[count];
        for (int i = 0; i < count; i++)
        {
            endX[i] = Endpoints[(long)i * weights + x];
            endY[i] = Endpoints[(long)i * weights + y];
        }

        StationaryPoint[] points = Basins.Attractors.Select(attractor => new StationaryPoint(
            attractor.Id, attractor.Weights[x], attractor.Weights[y], attractor.Loss, attractor.Kind, attractor.Refined, attractor.Count, attractor.Fraction,
            attractor.MeanSteps, attractor.IsGlobal, attractor.Shape,
            new Box(attractor.ExtentLower[x], attractor.ExtentUpper[x], attractor.ExtentLower[y], attractor.ExtentUpper[y]),
            attractor.Members, attractor.HessianLower, attractor.HessianUpper)).ToArray();
        var basins = new BasinResolution(points, Basins.AttractorOfBucket, Basins.DivergedFraction, Basins.UnconvergedFraction);
        return new BasinMap(slice, Ids, Steps, endX, endY, basins)
        {
            KnownValleyPositions = ValleyPositions,
            DescentSteps = DescentSteps,
            Seconds = Seconds,
            Device = Device,
        };
    }
}

/// <summary>Runs a K-weight map band by band on one engine and clusters its endpoints in the full weight space.</summary>
public static class WeightMapRunner
{
    /// <summary>Throws when the result arrays of <paramref name="problem"/> would not fit in memory.</summary>
    /// <exception cref="GridTooLargeException">They would not.</exception>
    public static void EnsureFits(WeightDescentProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        GridSpec grid = problem.Grid;
        int weights = problem.Count;
        long needed = grid.Count * (weights * sizeof(double) + 3 * sizeof(int));
        if (grid.Count > Array.MaxLength / weights || needed > (long)(0.8 * GC.GetGCMemoryInfo().TotalAvailableMemoryBytes))
        {
            throw new GridTooLargeException($"{{grid}} {grid.Width}x{grid.Height} ({grid.Count:N0} starts in {weights} weights) needs about {needed / 1e9:0.#} GB for its result arrays");
        }
    }

    /// <summary>
    /// Descends every start of <paramref name="problem"/> on the generated model <paramref name="entry"/> with
    /// <paramref name="engine"/> (its data bound to the engine's accelerator for the run) and clusters the endpoints
    /// with the entry's float64 function.
    /// </summary>
    public static WeightBasinMap Run(WeightModelEntry entry, WeightDescentProblem problem, IDescentEngine engine, IProgress<RunProgress>? progress = null) =>
        Run(entry, problem, engine, progress, MapRunner.BandStarts, CancellationToken.None);

    /// <summary>
    /// <see cref="Run(WeightModelEntry, WeightDescentProblem, IDescentEngine, IProgress{RunProgress}?)"/> in bands of
    /// about <paramref name="bandStarts"/> starts, stopping between bands once <paramref name="cancellation"/> is
    /// cancelled (the view's refinement levels: a pan or zoom abandons the level in progress).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static WeightBasinMap Run(WeightModelEntry entry, WeightDescentProblem problem, IDescentEngine engine, IProgress<RunProgress>? progress,
        int bandStarts, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfLessThan(bandStarts, 1);
        return WeightEngines.Dispatch(entry, engine, new MapTask(entry, problem, engine.Description, progress, bandStarts, cancellation));
    }

    private sealed class MapTask(WeightModelEntry entry, WeightDescentProblem problem, string device, IProgress<RunProgress>? progress, int bandStarts,
        CancellationToken cancellation) : IWeightEngineTask<WeightBasinMap>
    {
        public WeightBasinMap Run<TModel>(TModel model, IWeightDescentEngine engine) where TModel : struct, IWeightModel =>
            WeightMapRunner.Run(model, entry.Function, entry.Trained, problem, engine, device, progress, bandStarts, cancellation);
    }

    /// <summary>
    /// Descends every start of <paramref name="problem"/> on <paramref name="model"/> with <paramref name="engine"/> (whose
    /// description is <paramref name="device"/>) and clusters the endpoints with <paramref name="function"/>, the same
    /// loss in float64 on the host.
    /// </summary>
    /// <remarks>The descents go in bands of about <paramref name="bandStarts"/> starts; <paramref name="cancellation"/> is checked between them.</remarks>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static WeightBasinMap Run<TModel>(in TModel model, IWeightSpaceFunction function, IReadOnlyList<string> names, WeightDescentProblem problem,
        IWeightDescentEngine engine, string device, IProgress<RunProgress>? progress = null, int bandStarts = MapRunner.BandStarts,
        CancellationToken cancellation = default)
        where TModel : struct, IWeightModel
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(engine);
        EnsureFits(problem);
        GridSpec grid = problem.Grid;
        int weights = problem.Count;
        var stopwatch = Stopwatch.StartNew();
        int count = checked((int)grid.Count);
        var ids = new int[count];
        var steps = new int[count];
        var endpoints = new double[(long)count * weights];
        var catalog = new WeightSpaceCatalog(function, WeightSpaceGrid.For(weights, grid.Box, grid.Width, grid.Height));
        int bandRows = Math.Max(1, Math.Max(1, bandStarts) / weights / grid.Width);
        var band = new WeightTileResult(Math.Min(count, bandRows * grid.Width), weights);
        long descentSteps = 0;
        for (int row = 0; row < grid.Height; row += bandRows)
        {
            cancellation.ThrowIfCancellationRequested();
            var tile = new TileSpec(0, row, grid.Width, Math.Min(bandRows, grid.Height - row));
            engine.Run(model, problem, tile, band);
            int offset = row * grid.Width;
            int length = tile.Count;
            band.Steps.AsSpan(0, length).CopyTo(steps.AsSpan(offset));
            band.Endpoints.AsSpan(0, length * weights).CopyTo(endpoints.AsSpan(offset * weights));
            catalog.Add(band.Endpoints.AsSpan(0, length * weights), band.Outcomes.AsSpan(0, length), band.Steps.AsSpan(0, length), ids.AsSpan(offset, length));
            for (int i = 0; i < length; i++)
            {
                descentSteps += band.Steps[i];
            }

            progress?.Report(new RunProgress(offset + length, count, descentSteps));
        }

        // Every core: the resolve (a float64 Newton refinement per bucket) was most of a 512x512 XOR map's time, and
        // its result does not depend on the number of threads (tested in WeightSpaceCatalogTests).
        WeightSpaceResolution basins = catalog.Resolve(Environment.ProcessorCount);
        var valleyPositions = new float[count];
        basins.MapToValleyPositions(ids, valleyPositions);
        basins.MapToIds(ids);
        return new WeightBasinMap(problem, names, ids, steps, endpoints, basins)
        {
            ValleyPositions = valleyPositions,
            DescentSteps = descentSteps,
            Seconds = stopwatch.Elapsed.TotalSeconds,
            Device = device,
        };
    }
}
