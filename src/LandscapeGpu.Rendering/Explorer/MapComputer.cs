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
}

/// <summary>
/// Computes the view's maps on a background thread, so the window never freezes: each request is run with
/// <see cref="MapRunner"/> first on a coarse grid, then finer, and a newer request abandons the older one
/// between levels. The engine is created and used on that thread only; GL stays on the caller's thread, which
/// collects results with <see cref="TakeLatest"/>.
/// </summary>
public sealed class MapComputer : IDisposable
{
    /// <summary>Grid divisors of the levels of refinement, coarse first.</summary>
    public static IReadOnlyList<int> Divisors { get; } = [8, 2, 1];

    /// <summary>Stationary points closer than this fraction of the first map's reach are one point (one id).</summary>
    public const double MatchFraction = 1e-6;

    private readonly Func<IDescentEngine> createEngine;
    private AttractorRegistry? registry;
    private readonly Thread worker;
    private readonly object gate = new();
    private DescentProblem? pending;
    private long requested;
    private ComputedMap? latest;
    private bool taken = true;
    private bool stopping;

    /// <summary>Starts the worker; <paramref name="createEngine"/> runs on it once, before the first map.</summary>
    public MapComputer(Func<IDescentEngine> createEngine)
    {
        ArgumentNullException.ThrowIfNull(createEngine);
        this.createEngine = createEngine;
        worker = new Thread(Work) { IsBackground = true, Name = "landscape map computer" };
        worker.Start();
    }

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

    /// <summary>Asks for <paramref name="problem"/>'s map (its grid at full resolution); returns the request's generation.</summary>
    public long Request(DescentProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        lock (gate)
        {
            pending = problem;
            Error = null;
            requested++;
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
                }

                try
                {
                    engine ??= createEngine();
                    Device = engine.Description;
                    ComputeLevels(engine, problem, generation);
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

    private void ComputeLevels(IDescentEngine engine, DescentProblem problem, long generation)
    {
        var probe = LandscapeProbe.For(problem.Landscape);
        int previousWidth = 0;
        foreach (int divisor in Divisors)
        {
            GridSpec full = problem.Grid;
            var grid = full with { Width = Math.Max(1, full.Width / divisor), Height = Math.Max(1, full.Height / divisor) };
            if (grid.Width == previousWidth && divisor != 1)
            {
                continue;
            }

            previousWidth = grid.Width;
            var stopwatch = Stopwatch.StartNew();
            BasinMap map = MapRunner.Run(problem with { Grid = grid }, engine);
            // Attractors live in the landscape's x,y space even when the map's axes are hyperparameters.
            registry ??= new AttractorRegistry(MatchFraction * Math.Max(1, (problem.Axes?.LandscapeBox ?? grid.Box).Reach), problem.Landscape.Info.Box);
            AttractorLabels labels = registry.Label(map.Attractors, final: divisor == 1);
            MapLayer layer = BasinScene.LayerOf(map, probe, labels.Slots);
            var result = new ComputedMap(generation, divisor, map, layer, stopwatch.Elapsed.TotalSeconds, labels.Ids, labels.Slots);
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
            Monitor.PulseAll(gate);
        }

        // A level in progress cannot be interrupted; wait for it so the engine is released.
        worker.Join();
    }
}
