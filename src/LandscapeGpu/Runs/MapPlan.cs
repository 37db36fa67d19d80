using LandscapeGpu.Descents;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Runs;

/// <summary>
/// How a map is computed, decided before any work: whole (one set of arrays in memory) or in tiles, and for a tiled
/// run the tiles this shard owns, those still to compute, and whether the room they need is there.
/// </summary>
/// <param name="Problem">The map's problem.</param>
/// <param name="Layout">The tiles of a tiled run; null for a whole one.</param>
/// <param name="Shard">The shard this run computes (<see cref="ShardSpec.Whole"/> unless sharded).</param>
/// <param name="ShardTiles">The tiles the shard owns (empty for a whole run).</param>
/// <param name="PendingTiles">The owned tiles not finished on disk yet (all of them unless resumed).</param>
public sealed record MapPlan(DescentProblem Problem, TileLayout? Layout, ShardSpec Shard, IReadOnlyList<int> ShardTiles, IReadOnlyList<int> PendingTiles)
{
    /// <summary>Whether the map is computed in tiles.</summary>
    public bool Tiled => Layout is not null;

    /// <summary>
    /// The plan for <paramref name="problem"/>: tiled when a tile side, a resume or a shard is asked for, when
    /// several devices share the work, or when the grid is too large to be written as single files
    /// (<see cref="TiledMaps.IsSmall"/>); else whole. A resumed run's pending tiles are those not finished in
    /// <paramref name="directory"/>.
    /// </summary>
    public static MapPlan For(DescentProblem problem, string directory, int? tileSide, bool resume, ShardSpec? shard, bool severalDevices)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(directory);
        bool tiled = tileSide is not null || resume || shard is not null || severalDevices || !TiledMaps.IsSmall(problem.Grid);
        if (!tiled)
        {
            return new MapPlan(problem, null, ShardSpec.Whole, [], []);
        }

        var layout = new TileLayout(problem.Grid, tileSide ?? TileLayout.DefaultTileSide);
        ShardSpec owner = shard ?? ShardSpec.Whole;
        int[] owned = TilesOf(layout, owner);
        return new MapPlan(problem, layout, owner, owned, resume ? Unfinished(owned, index => RunDirectory.IsDoneAt(directory, layout, index)) : owned);
    }

    /// <summary>The tiles of <paramref name="layout"/> that <paramref name="shard"/> computes.</summary>
    public static int[] TilesOf(TileLayout layout, ShardSpec shard)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return [.. Enumerable.Range(0, layout.Count).Where(shard.Owns)];
    }

    /// <summary>The tiles of <paramref name="owned"/> that <paramref name="isDone"/> does not find finished.</summary>
    public static int[] Unfinished(IEnumerable<int> owned, Func<int, bool> isDone)
    {
        ArgumentNullException.ThrowIfNull(owned);
        ArgumentNullException.ThrowIfNull(isDone);
        return [.. owned.Where(index => !isDone(index))];
    }

    /// <summary>
    /// Checks that the run fits before it starts: a whole map's arrays in <paramref name="availableMemoryBytes"/> and
    /// its files on the disk of <paramref name="directory"/>; a tiled run's pending tiles (and, for a small grid finished as single files, those files) on the disk of
    /// <paramref name="directory"/>. Only the tiles still to compute need room: a resumed run on a nearly full disk
    /// must still be able to finish.
    /// </summary>
    /// <exception cref="GridTooLargeException">The run does not fit.</exception>
    public void EnsureFits(string directory, long availableMemoryBytes)
    {
        if (Layout is null)
        {
            MapRunner.EnsureFits(Problem.Grid, availableMemoryBytes);
            DiskBudget.EnsureFits(Problem.Grid, Problem.Grid.Count, 0, Problem.Precision, directory);
            return;
        }

        long pendingStarts = PendingTiles.Sum(index => (long)Layout[index].Count);
        bool singleFiles = Shard.IsWhole && TiledMaps.IsSmall(Problem.Grid);
        DiskBudget.EnsureFits(Problem.Grid, pendingStarts + (singleFiles ? Problem.Grid.Count : 0), PendingTiles.Count, Problem.Precision, directory);
    }
}
