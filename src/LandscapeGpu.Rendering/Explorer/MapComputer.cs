using System.Diagnostics;
using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Rendering.Gl;
using LandscapeGpu.Rendering.Scenes;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Rendering.Explorer;

/// <summary>A map computed for the view, at one level of refinement.</summary>
/// <param name="Generation">Which request it answers; a newer request supersedes it.</param>
/// <param name="Divisor">The request's grid was divided by this (1: full resolution).</param>
/// <param name="Map">The descents and basins.</param>
/// <param name="Layer">What the renderer draws.</param>
/// <param name="Seconds">Wall-clock time of this level: descents, clustering and the loss field.</param>
/// <param name="StableIds">The session-wide id of each of the map's attractor ids (see <see cref="AttractorRegistry"/>).</param>
/// <param name="Slots">The palette slot (colour) of each of the map's attractor ids: by location, as in the figure (see <see cref="AttractorRegistry"/>).</param>
public sealed record ComputedMap(long Generation, int Divisor, BasinMap Map, MapLayer Layer, double Seconds, IReadOnlyList<int> StableIds, IReadOnlyList<int> Slots)
{
    /// <summary>Whether this is the request's full resolution.</summary>
    public bool Final => Divisor == 1;

    /// <summary>Seconds from the request to this level being ready: what the user waits for it.</summary>
    public double SinceRequest { get; init; }
}

/// <summary>One level of the view's pyramid: the request's grid divided by <paramref name="Divisor"/> (1: the full grid).</summary>
/// <param name="Divisor">The divisor of each side.</param>
/// <param name="Grid">The level's grid.</param>
public readonly record struct ViewLevel(int Divisor, GridSpec Grid);

/// <summary>The time of one level of the view's pyramid, finished or abandoned; see <see cref="MapComputer.LevelFinished"/>.</summary>
/// <param name="Generation">The request it belongs to.</param>
/// <param name="Width">The level's grid width.</param>
/// <param name="Height">The level's grid height.</param>
/// <param name="Seconds">Wall-clock time of the level (for an abandoned level: until it stopped).</param>
/// <param name="MapSeconds">Of which descents and basin clustering (NaN for an abandoned level).</param>
/// <param name="SinceRequest">Seconds from the request to the level being ready (or abandoned).</param>
/// <param name="Cancelled">Whether the level was abandoned because a newer request came.</param>
public readonly record struct LevelTiming(long Generation, int Width, int Height, double Seconds, double MapSeconds, double SinceRequest, bool Cancelled)
{
    /// <summary>One line for stderr: <c>level 256x256: 0.05 s (descents and basins 0.04 s; 0.07 s after the request)</c>.</summary>
    public override string ToString() => Cancelled
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"level {Width}x{Height}: cancelled after {Seconds:0.000} s (the view moved on; {SinceRequest:0.000} s after the request)")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"level {Width}x{Height}: {Seconds:0.000} s (descents and basins {MapSeconds:0.000} s, loss field and colours {Seconds - MapSeconds:0.000} s; {SinceRequest:0.000} s after the request)");
}

/// <summary>
/// Computes the view's maps on a background thread, so the window never freezes: each request is run with
/// <see cref="MapRunner"/> as a pyramid of levels, coarse first (a 1024 x 1024 window: 16², 32², ... 1024²), each
/// handed over as soon as it is done. A newer request cancels the older one between bands of the engine's work
/// (bands of about <see cref="BandSeconds"/>), so a pan or zoom is answered after at most about one band. The first
/// level of a request is the finest one that the rate measured so far says is ready within
/// <see cref="LiveSeconds"/> (the coarsest before any rate is known): a fast problem skips levels it does not need,
/// a slow one still shows something at once. The engine is created and used on that thread only; GL stays on the
/// caller's thread, which collects results with <see cref="TakeLatest"/>.
/// </summary>
public sealed class MapComputer : IDisposable
{
    /// <summary>Grid divisors of the levels of refinement, coarse first.</summary>
    public static IReadOnlyList<int> Divisors { get; } = [64, 32, 16, 8, 4, 2, 1];

    /// <summary>Coarse levels narrower than this many cells are left out: too blocky to be worth a frame.</summary>
    public const int SmallestLevelSide = 16;

    /// <summary>The first level of a request should be ready within this many seconds, so that panning feels live.</summary>
    public const double LiveSeconds = 0.2;

    /// <summary>The engine's work is sent in bands of about this many seconds; a newer request waits at most about one band.</summary>
    public const double BandSeconds = 0.1;

    /// <summary>Stationary points closer than this fraction of the first map's reach are one point (one id).</summary>
    public const double MatchFraction = 1e-6;

    private readonly Func<IDescentEngine> createEngine;
    private readonly ManyWeightsView? manyWeights;
    private AttractorRegistry? registry;
    private readonly Thread worker;
    private readonly object gate = new();
    private DescentProblem? pending;
    private long pendingSince;
    private CancellationTokenSource running = new();
    private long requested;
    private ComputedMap? latest;
    private bool taken = true;
    private bool stopping;
    private double startsPerSecond = double.NaN;

    /// <summary>
    /// Starts the worker; <paramref name="createEngine"/> runs on it once, before the first map. With
    /// <paramref name="manyWeights"/>, each level descends in all of its trained weights (see <see cref="ManyWeightsView.Compute"/>).
    /// </summary>
    public MapComputer(Func<IDescentEngine> createEngine, ManyWeightsView? manyWeights = null)
    {
        ArgumentNullException.ThrowIfNull(createEngine);
        this.createEngine = createEngine;
        this.manyWeights = manyWeights;
        worker = new Thread(Work) { IsBackground = true, Name = "landscape map computer" };
        worker.Start();
    }

    /// <summary>
    /// Raised on the worker thread when a level is done or abandoned, before it is offered to <see cref="TakeLatest"/>;
    /// a handler must be quick and must not touch GL.
    /// </summary>
    public event Action<LevelTiming>? LevelFinished;

    /// <summary>The engine's description, once it exists.</summary>
    public string? Device { get; private set; }

    /// <summary>The last error of the worker, or null; a failed request is not retried.</summary>
    public string? Error { get; private set; }

    /// <summary>The generation of the last request.</summary>
    public long Requested => Interlocked.Read(ref requested);

    /// <summary>Whether the full-resolution map of the last request has been computed (or failed).</summary>
    public bool Settled
    {
        get
        {
            lock (gate)
            {
                return pending is null && ((latest is { Final: true } && latest.Generation == requested) || Error is not null);
            }
        }
    }

    /// <summary>
    /// The levels of a request for <paramref name="full"/>, coarse first, when the engine finishes about
    /// <paramref name="startsPerSecond"/> starts a second (NaN: not known yet): the finest level predicted to be ready
    /// within <see cref="LiveSeconds"/> comes first (the coarsest when none is), then each finer one to the full grid.
    /// </summary>
    public static IReadOnlyList<ViewLevel> LevelsOf(GridSpec full, double startsPerSecond)
    {
        var levels = new List<ViewLevel>();
        foreach (int divisor in Divisors)
        {
            var grid = full with { Width = Math.Max(1, full.Width / divisor), Height = Math.Max(1, full.Height / divisor) };
            // A 1-D map is one row at every level: only its width counts.
            int side = full.Height == 1 ? grid.Width : Math.Min(grid.Width, grid.Height);
            if (divisor != 1 && (side < SmallestLevelSide || (levels.Count > 0 && levels[^1].Grid.Count == grid.Count)))
            {
                continue;
            }

            if (divisor == 1 && levels.Count > 0 && levels[^1].Grid.Count == grid.Count)
            {
                levels.RemoveAt(levels.Count - 1);
            }

            levels.Add(new ViewLevel(divisor, grid));
        }

        if (startsPerSecond > 0)
        {
            int first = levels.FindLastIndex(level => level.Grid.Count / startsPerSecond <= LiveSeconds);
            levels.RemoveRange(0, Math.Max(0, first));
        }

        return levels;
    }

    /// <summary>Asks for <paramref name="problem"/>'s map (its grid at full resolution), cancelling the request before; returns the request's generation.</summary>
    public long Request(DescentProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        lock (gate)
        {
            pending = problem;
            pendingSince = Stopwatch.GetTimestamp();
            Error = null;
            requested++;
            running.Cancel();
            Monitor.PulseAll(gate);
            return requested;
        }
    }

    /// <summary>The newest computed map if it was not taken before, else null.</summary>
    public ComputedMap? TakeLatest()
    {
        lock (gate)
        {
            if (taken)
            {
                return null;
            }

            taken = true;
            return latest;
        }
    }

    private void Work()
    {
        IDescentEngine? engine = null;
        try
        {
            while (true)
            {
                DescentProblem problem;
                long generation;
                long since;
                CancellationToken cancellation;
                lock (gate)
                {
                    while (pending is null && !stopping)
                    {
                        Monitor.Wait(gate);
                    }

                    if (stopping)
                    {
                        return;
                    }

                    problem = pending!;
                    pending = null;
                    generation = requested;
                    since = pendingSince;
                    running.Dispose();
                    running = new CancellationTokenSource();
                    cancellation = running.Token;
                }

                try
                {
                    engine ??= createEngine();
                    Device = engine.Description;
                    ComputeLevels(engine, problem, generation, since, cancellation);
                }
                catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                {
                    // A newer request (or Dispose) took over: ComputeLevels reported the abandoned level.
                }
                catch (Exception error) when (error is not OutOfMemoryException)
                {
                    lock (gate)
                    {
                        Error = error.Message;
                    }
                }
            }
        }
        finally
        {
            engine?.Dispose();
        }
    }

    private void ComputeLevels(IDescentEngine engine, DescentProblem problem, long generation, long since, CancellationToken cancellation)
    {
        var probe = LandscapeProbe.For(problem.Landscape);
        GridSpec full = problem.Grid;
        foreach ((int divisor, GridSpec grid) in LevelsOf(full, startsPerSecond))
        {
            var stopwatch = Stopwatch.StartNew();
            BasinMap map;
            try
            {
                // The rate of the levels before sizes this level's first band too, so a slow model is cancelled as promptly as a fast one.
                map = manyWeights is null
                    ? MapRunner.Run(problem with { Grid = grid }, engine, null, BandSeconds, cancellation, startsPerSecond)
                    : manyWeights.Compute(problem with { Grid = grid }, engine, cancellation);
            }
            catch (OperationCanceledException)
            {
                LevelFinished?.Invoke(new LevelTiming(generation, grid.Width, grid.Height, stopwatch.Elapsed.TotalSeconds, double.NaN, Stopwatch.GetElapsedTime(since).TotalSeconds, Cancelled: true));
                throw;
            }

            // Attractors live in the landscape's x,y space even when the map's axes are hyperparameters.
            registry ??= new AttractorRegistry(MatchFraction * Math.Max(1, (problem.Axes?.LandscapeBox ?? grid.Box).Reach), problem.Landscape.Info.Box);
            AttractorLabels labels = registry.Label(map.Attractors, final: divisor == 1);
            MapLayer layer = BasinScene.LayerOf(map, probe, labels.Slots);
            double seconds = stopwatch.Elapsed.TotalSeconds;
            startsPerSecond = grid.Count / Math.Max(seconds, 1e-6);
            var result = new ComputedMap(generation, divisor, map, layer, seconds, labels.Ids, labels.Slots) { SinceRequest = Stopwatch.GetElapsedTime(since).TotalSeconds };
            LevelFinished?.Invoke(new LevelTiming(generation, grid.Width, grid.Height, seconds, map.Seconds, result.SinceRequest, Cancelled: false));
            lock (gate)
            {
                if (generation != requested)
                {
                    return;
                }

                latest = result;
                taken = false;
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (gate)
        {
            stopping = true;
            running.Cancel();
            Monitor.PulseAll(gate);
        }

        // The level in progress stops at its next band; wait for it so the engine is released.
        worker.Join();
        running.Dispose();
    }
}
