using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Metrics.Comparison;

/// <summary>One optimizer's map in a comparison, with its basin metrics (null when the grid holds no entropy box).</summary>
/// <param name="Map">The map, as <c>landscape map</c> computes it.</param>
/// <param name="Metrics">Its basin metrics.</param>
public sealed record ComparedMap(BasinMap Map, BasinMetrics? Metrics)
{
    /// <summary>The optimizer's name, which names the run.</summary>
    public string Name => Map.Problem.Optimizer.Name;
}

/// <summary>
/// Maps of one landscape and grid by several optimizers, side by side: their attractors matched by location
/// (<see cref="AttractorMatching"/>) and, per start, how many distinct outcomes they reach (<see cref="Disagreement"/>).
/// </summary>
public sealed class OptimizerComparison
{
    private OptimizerComparison(IReadOnlyList<ComparedMap> maps, AttractorMatching matching, byte[] disagreement)
    {
        Maps = maps;
        Matching = matching;
        DisagreementCounts = disagreement;
        DisagreementShares = Disagreement.Shares(disagreement, maps.Count);
    }

    /// <summary>The maps, in the order given.</summary>
    public IReadOnlyList<ComparedMap> Maps { get; }

    /// <summary>The attractors matched across the maps.</summary>
    public AttractorMatching Matching { get; }

    /// <summary>The landscape and grid every map shares (the first map's problem).</summary>
    public DescentProblem Problem => Maps[0].Map.Problem;

    /// <summary>Distinct outcomes per start, row-major like the maps (row 0 at the box's bottom).</summary>
    public byte[] DisagreementCounts { get; }

    /// <summary>Element k: the share of starts where the optimizers reach k + 1 distinct outcomes.</summary>
    public IReadOnlyList<double> DisagreementShares { get; }

    /// <summary>Compares <paramref name="maps"/>: one per optimizer, all over the same landscape and grid.</summary>
    /// <exception cref="ArgumentException">There are fewer than two maps, two by one optimizer, or their grids differ.</exception>
    public static OptimizerComparison Of(IReadOnlyList<ComparedMap> maps)
    {
        ArgumentNullException.ThrowIfNull(maps);
        if (maps.Count < 2)
        {
            throw new ArgumentException($"a comparison needs at least 2 maps, not {maps.Count}", nameof(maps));
        }

        GridSpec grid = maps[0].Map.Grid;
        if (maps.FirstOrDefault(map => map.Map.Grid != grid) is { } other)
        {
            throw new ArgumentException($"every map must share one grid: {other.Name}'s differs from {maps[0].Name}'s", nameof(maps));
        }

        AttractorMatching matching = AttractorMatching.Of(maps.Select(map => new ComparedRun(map.Name, map.Map.Attractors)).ToArray(), grid.Box);
        int[][] outcomes = maps.Select(map => matching.OutcomesOf(map.Name, map.Map.Ids)).ToArray();
        return new OptimizerComparison(maps, matching, Disagreement.Count(outcomes));
    }

    /// <summary>The matched row of each of <paramref name="map"/>'s attractors, indexed by id.</summary>
    public int[] RowsOf(ComparedMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var rows = new int[map.Map.Attractors.Count == 0 ? 0 : map.Map.Attractors.Max(point => point.Id) + 1];
        foreach (StationaryPoint point in map.Map.Attractors)
        {
            rows[point.Id] = Matching.RowOf(map.Name, point.Id);
        }

        return rows;
    }
}
