using LandscapeGpu.Basins;
using LandscapeGpu.Descents;

namespace LandscapeGpu.Runs;

/// <summary>
/// The answer of a map run: for every start of the grid, the attractor it reached, the steps it took and where
/// it ended; and the attractors themselves. Arrays are row-major with row j at y_j (row 0 at the box's bottom).
/// </summary>
public sealed class BasinMap
{
    private float[]? valleyPositions;

    /// <summary>Creates a map; the arrays must hold Grid.Count entries each.</summary>
    public BasinMap(DescentProblem problem, int[] ids, int[] steps, double[] endX, double[] endY, BasinResolution basins)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(basins);
        long count = problem.Grid.Count;
        if (ids.Length != count || steps.Length != count || endX.Length != count || endY.Length != count)
        {
            throw new ArgumentException($"every array must hold the grid's {count} starts");
        }

        Problem = problem;
        Ids = ids;
        Steps = steps;
        EndX = endX;
        EndY = endY;
        Basins = basins;
    }

    /// <summary>What was run.</summary>
    public DescentProblem Problem { get; }

    /// <summary>The grid.</summary>
    public GridSpec Grid => Problem.Grid;

    /// <summary>Attractor id per start; <see cref="BasinCatalog.DivergedId"/> or <see cref="BasinCatalog.UnconvergedId"/> otherwise.</summary>
    public int[] Ids { get; }

    /// <summary>Steps per start.</summary>
    public int[] Steps { get; }

    /// <summary>Endpoint x per start.</summary>
    public double[] EndX { get; }

    /// <summary>Endpoint y per start.</summary>
    public double[] EndY { get; }

    /// <summary>Attractors and fractions.</summary>
    public BasinResolution Basins { get; }

    /// <summary>
    /// Per start whose attractor is a valley, its endpoint's arc-length position along the valley in [0, 1]; NaN
    /// elsewhere. Computed on first use from the endpoints, or <see cref="KnownValleyPositions"/> when given (an
    /// overview, which keeps no endpoints: NaN everywhere without them).
    /// </summary>
    /// <remarks>Safe to read from several threads at once (a run's files and its figure are written side by side).</remarks>
    public float[] ValleyPositions
    {
        get
        {
            if (Volatile.Read(ref valleyPositions) is { } known)
            {
                return known;
            }

            float[] computed = KnownValleyPositions
                ?? (HasValleyPositions ? LandscapeGpu.Basins.ValleyPositions.Map(Basins, Ids, EndX, EndY) : AllNaN(Ids.Length));
            return Interlocked.CompareExchange(ref valleyPositions, computed, null) ?? computed;
        }
    }

    /// <summary>
    /// False when every start's <see cref="ValleyPositions"/> is NaN, known without computing them: no positions were
    /// given and the map has no valley attractor or no endpoints. A writer then need not build the array.
    /// </summary>
    public bool HasValleyPositions => KnownValleyPositions is not null
        || (HasEndpoints && Basins.ValleyPositions is not null && Basins.Attractors.Any(a => a.Shape == StationaryShape.Valley));

    /// <summary>
    /// Positions along valleys known without endpoints (an overview's, averaged over each cell's block); null: computed
    /// from the endpoints.
    /// </summary>
    /// <exception cref="ArgumentException">The array does not hold one value per start.</exception>
    public float[]? KnownValleyPositions
    {
        get;
        init
        {
            if (value is not null && value.Length != Ids.Length)
            {
                throw new ArgumentException($"a map of {Ids.Length} starts needs as many valley positions, not {value.Length}", nameof(KnownValleyPositions));
            }

            field = value;
        }
    }

    private static float[] AllNaN(int count)
    {
        float[] values = GC.AllocateUninitializedArray<float>(count);
        Array.Fill(values, float.NaN);
        return values;
    }

    /// <summary>The attractors, by id.</summary>
    public IReadOnlyList<StationaryPoint> Attractors => Basins.Attractors;

    /// <summary>False for a map whose endpoints were not kept (an overview): then no start has a valley position.</summary>
    public bool HasEndpoints { get; init; } = true;

    /// <summary>Descent steps taken over all starts.</summary>
    public long DescentSteps { get; init; }

    /// <summary>Wall-clock seconds of the descents and clustering.</summary>
    public double Seconds { get; init; }

    /// <summary>The engine that ran it.</summary>
    public string Device { get; init; } = "";
}
