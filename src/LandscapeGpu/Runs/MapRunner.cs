using System.Diagnostics;
using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;

namespace LandscapeGpu.Runs;

/// <summary>Starts done so far out of all starts of a run.</summary>
/// <param name="Done">Starts finished.</param>
/// <param name="Total">Starts in the run.</param>
/// <param name="DescentSteps">Descent steps taken so far.</param>
public readonly record struct RunProgress(long Done, long Total, long DescentSteps);

/// <summary>
/// Runs a whole grid in memory: descents band by band of rows on one engine, clustering as bands finish, ids
/// at the end. Device and band memory stay bounded by <see cref="BandStarts"/>; the full-grid arrays are the
/// result itself, and a grid whose result would not fit in memory is refused before anything is allocated.
/// </summary>
/// <remarks>
/// Bands are sized by time: the first is small, each later one as many rows as the rate so far finishes in about
/// <see cref="BandSeconds"/>, so progress is reported at least that often on a slow problem, while a fast engine
/// still gets bands of up to <see cref="BandStarts"/>. Results do not depend on where bands end (each start's
/// descent is its own, and bands are clustered in row order).
/// </remarks>
public static class MapRunner
{
    /// <summary>Starts per band sent to the engine at once: about 1M, a few tens of MB of device memory.</summary>
    public const int BandStarts = 1 << 20;

    /// <summary>The time a band should take, once the rate is known.</summary>
    public const double BandSeconds = 0.5;

    // The first band, before any rate is known: small enough to finish within a second on slow problems.
    private const int FirstBandStarts = 1 << 14;

    /// <summary>Bytes the in-memory result takes per start: endpoint x and y, steps, id.</summary>
    public const int BytesPerStart = 8 + 8 + 4 + 4;

    /// <summary>Throws when the result of <paramref name="grid"/> would not fit in <paramref name="availableBytes"/>.</summary>
    /// <exception cref="GridTooLargeException">The grid is too large.</exception>
    public static void EnsureFits(GridSpec grid, long availableBytes)
    {
        long needed = grid.Count * BytesPerStart + (long)BandStarts * 32;
        if (grid.Count > Array.MaxLength || needed > availableBytes)
        {
            throw new GridTooLargeException(
                $"{{grid}} {grid.Width}x{grid.Height} ({grid.Count:N0} starts) needs about {needed / 1e9:0.#} GB for its result arrays, " +
                $"more than the {availableBytes / 1e9:0.#} GB available; use a smaller {{grid}}");
        }
    }

    /// <summary>
    /// Runs <paramref name="problem"/> on <paramref name="engine"/>. <paramref name="bandDone"/>, when given, sees each
    /// band as soon as it is computed and clustered, in row order, so outputs known per start can be written during
    /// the run; its time is left out of <see cref="BasinMap.Seconds"/>.
    /// </summary>
    public static BasinMap Run(DescentProblem problem, IDescentEngine engine, IProgress<RunProgress>? progress = null, Action<FinishedBand>? bandDone = null) =>
        Run(problem, engine, progress, BandSeconds, CancellationToken.None, bandDone: bandDone);

    /// <summary>
    /// Runs <paramref name="problem"/> on <paramref name="engine"/> in bands of about <paramref name="bandSeconds"/>
    /// each, stopping between bands once <paramref name="cancellation"/> is cancelled: an interactive caller that no
    /// longer wants the map waits at most about one band. The first band, before this run has measured a rate, is
    /// <paramref name="startsPerSecond"/> x <paramref name="bandSeconds"/> starts when the caller knows the engine's
    /// rate on such problems (at least one row), else the usual first band shrunk by <paramref name="bandSeconds"/> / <see cref="BandSeconds"/>.
    /// <paramref name="bandDone"/> sees each band as the other overload says.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled before the map was complete.</exception>
    public static BasinMap Run(
        DescentProblem problem, IDescentEngine engine, IProgress<RunProgress>? progress, double bandSeconds, CancellationToken cancellation,
        double startsPerSecond = double.NaN, Action<FinishedBand>? bandDone = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(engine);
        if (!(bandSeconds > 0) || !double.IsFinite(bandSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(bandSeconds), bandSeconds, "the band time must be a positive number of seconds");
        }

        cancellation.ThrowIfCancellationRequested();
        GridSpec grid = problem.Grid;
        EnsureFits(grid, (long)(0.8 * GC.GetGCMemoryInfo().TotalAvailableMemoryBytes));

        var stopwatch = Stopwatch.StartNew();
        // Time spent in bandDone (writing files) is not the descents': left out of the rate and of Seconds.
        TimeSpan outside = TimeSpan.Zero;
        int count = checked((int)grid.Count);
        var ids = new int[count];
        var steps = new int[count];
        var endX = new double[count];
        var endY = new double[count];
        // Endpoints live in the landscape's x,y space whatever the axes: an axes map clusters them on its landscape's box.
        var catalog = new BasinCatalog(LandscapeProbe.For(problem.Landscape), problem.Axes?.ClusteringGrid(grid) ?? grid);

        int largestBandRows = Math.Max(1, BandStarts / grid.Width);
        double firstBand = startsPerSecond > 0 ? startsPerSecond * bandSeconds : FirstBandStarts * bandSeconds / BandSeconds;
        int firstBandStarts = (int)Math.Clamp(firstBand, 1, FirstBandStarts);
        int bandRows = Math.Clamp(firstBandStarts / grid.Width, 1, largestBandRows);
        var band = new TileResult(Math.Min(count, largestBandRows * grid.Width));
        long descentSteps = 0;
        for (int row = 0; row < grid.Height; row += bandRows)
        {
            cancellation.ThrowIfCancellationRequested();
            bandRows = NextBandRows(bandRows, row, (stopwatch.Elapsed - outside).TotalSeconds, largestBandRows, bandSeconds);
            var tile = new TileSpec(0, row, grid.Width, Math.Min(bandRows, grid.Height - row));
            engine.Run(problem, tile, band);
            int offset = row * grid.Width;
            int length = tile.Count;
            band.Steps.AsSpan(0, length).CopyTo(steps.AsSpan(offset));
            band.EndX.AsSpan(0, length).CopyTo(endX.AsSpan(offset));
            band.EndY.AsSpan(0, length).CopyTo(endY.AsSpan(offset));
            catalog.Add(band, length, ids.AsSpan(offset, length));
            if (bandDone is not null)
            {
                TimeSpan before = stopwatch.Elapsed;
                bandDone(new FinishedBand(offset, steps.AsMemory(offset, length), endX.AsMemory(offset, length), endY.AsMemory(offset, length)));
                outside += stopwatch.Elapsed - before;
            }

            for (int i = 0; i < length; i++)
            {
                descentSteps += band.Steps[i];
            }

            progress?.Report(new RunProgress(offset + length, count, descentSteps));
        }

        BasinResolution basins = catalog.Resolve();
        basins.MapToIds(ids);
        return new BasinMap(problem, ids, steps, endX, endY, basins)
        {
            DescentSteps = descentSteps,
            Seconds = (stopwatch.Elapsed - outside).TotalSeconds,
            Device = engine.Description,
        };
    }

    // Rows the next band may take to finish in about bandSeconds at the rate so far (rows done / seconds spent).
    private static int NextBandRows(int bandRows, int rowsDone, double seconds, int largestBandRows, double bandSeconds) =>
        rowsDone == 0 || seconds <= 0 ? bandRows : (int)Math.Clamp(bandSeconds * rowsDone / seconds, 1, largestBandRows);
}

/// <summary>
/// A band of a run's starts as soon as it is computed: slices of the run's own per-start arrays, which keep these
/// values (no later band overwrites them), so a writer may read them after the callback has returned.
/// </summary>
/// <param name="Offset">The index of the band's first start in the grid.</param>
/// <param name="Steps">Steps per start of the band.</param>
/// <param name="EndX">Endpoint x per start (the descent's float32 or float64 value, widened).</param>
/// <param name="EndY">Endpoint y per start.</param>
public readonly record struct FinishedBand(int Offset, ReadOnlyMemory<int> Steps, ReadOnlyMemory<double> EndX, ReadOnlyMemory<double> EndY)
{
    /// <summary>Starts in the band.</summary>
    public int Length => Steps.Length;
}

/// <summary>A grid whose result would not fit in memory.</summary>

/// <param name="template">The grid, the memory it needs, and what is available; parameters as <c>{name}</c> (see <see cref="INamesParameters"/>).</param>
public sealed class GridTooLargeException(string template) : Exception(ParameterTemplate.Plain(template)), INamesParameters
{
    /// <inheritdoc/>
    public string Describe(Func<string, string> nameOf) => ParameterTemplate.Describe(template, nameOf);
}
