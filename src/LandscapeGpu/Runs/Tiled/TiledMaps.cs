using LandscapeGpu.Descents;

namespace LandscapeGpu.Runs.Tiled;

/// <summary>
/// Reads a finalized run's tiles back as <see cref="BasinMap"/>s: the whole grid for small runs (so they write the
/// same single files an untiled run does), or an overview downsampled by majority vote for grids too large to hold.
/// </summary>
public static class TiledMaps
{
    /// <summary>
    /// Grids up to this many starts (4096 x 4096) are small: their result (24 bytes a start, 400 MB at most) is
    /// assembled in memory and written as single files. Larger grids keep their tiles as the output.
    /// </summary>
    public const long SingleFileLimit = 4096L * 4096;

    /// <summary>Longest side of the overview map of a large grid.</summary>
    public const int OverviewSide = 2048;

    /// <summary>Whether <paramref name="grid"/> is written as single files.</summary>
    public static bool IsSmall(GridSpec grid) => grid.Count <= SingleFileLimit;

    /// <summary>The whole grid's arrays, assembled from the finalized tiles.</summary>
    public static BasinMap Whole(RunDirectory directory, FinishedRun run)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(run);
        GridSpec grid = run.Problem.Grid;
        int count = SmallCount(grid);
        var ids = new int[count];
        var steps = new int[count];
        var endX = new double[count];
        var endY = new double[count];
        TileLayout layout = directory.Layout;
        for (int index = 0; index < layout.Count; index++)
        {
            TileSpec tile = layout[index];
            (double[] x, double[] y) = EndpointFile.Read(directory.FileOf(index, RunDirectory.EndpointsKind), run.Problem.Precision);
            CopyTile(tile, grid, NpyReader.Read<int>(directory.FileOf(index, RunDirectory.BasinsKind)).Data, ids);
            CopyTile(tile, grid, NpyReader.Read<int>(directory.FileOf(index, RunDirectory.StepsKind)).Data, steps);
            CopyTile(tile, grid, x, endX);
            CopyTile(tile, grid, y, endY);
        }

        return new BasinMap(run.Problem, ids, steps, endX, endY, run.Basins)
        {
            DescentSteps = run.DescentSteps,
            Seconds = run.Seconds,
            Device = run.Device,
        };
    }

    /// <summary>
    /// What the figure of a small grid draws: the whole grid's ids, steps and positions along valleys, read one tile at
    /// a time (12 bytes a start, half of <see cref="Whole"/>). Endpoints are not kept (zero); the figure does not draw them.
    /// </summary>
    public static BasinMap Picture(RunDirectory directory, FinishedRun run)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(run);
        GridSpec grid = run.Problem.Grid;
        int count = SmallCount(grid);
        var ids = new int[count];
        var steps = new int[count];
        var positions = new float[count];
        Func<int, float[]> positionsOf = TiledArrays.PositionsOf(directory, run);
        TileLayout layout = directory.Layout;
        for (int index = 0; index < layout.Count; index++)
        {
            TileSpec tile = layout[index];
            CopyTile(tile, grid, NpyReader.Read<int>(directory.FileOf(index, RunDirectory.BasinsKind)).Data, ids);
            CopyTile(tile, grid, NpyReader.Read<int>(directory.FileOf(index, RunDirectory.StepsKind)).Data, steps);
            CopyTile(tile, grid, positionsOf(index), positions);
        }

        return new BasinMap(run.Problem, ids, steps, new double[count], new double[count], run.Basins)
        {
            HasEndpoints = false,
            KnownValleyPositions = positions,
            DescentSteps = run.DescentSteps,
            Seconds = run.Seconds,
            Device = run.Device,
        };
    }

    /// <summary>
    /// A map of at most <see cref="OverviewSide"/> starts a side over the same box: each cell holds the id most
    /// starts of its block reached (ties to the smaller id), their mean steps and, where the tiles hold positions along
    /// valleys, their mean position. Endpoints are not kept (zero).
    /// </summary>
    public static BasinMap Overview(RunDirectory directory, FinishedRun run)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(run);
        TileLayout layout = directory.Layout;
        bool withPositions = TiledFinalizer.HasValleys(run.Basins)
            && Enumerable.Range(0, layout.Count).All(index => File.Exists(directory.FileOf(index, RunDirectory.ValleyPositionKind)));
        var downsampler = new MajorityDownsampler(run.Problem.Grid, OverviewSide, withPositions);
        for (int index = 0; index < layout.Count; index++)
        {
            TileSpec tile = layout[index];
            downsampler.Add(tile,
                NpyReader.Read<int>(directory.FileOf(index, RunDirectory.BasinsKind)).Data,
                NpyReader.Read<int>(directory.FileOf(index, RunDirectory.StepsKind)).Data,
                withPositions ? NpyReader.Read<float>(directory.FileOf(index, RunDirectory.ValleyPositionKind)).Data : []);
        }

        (int[] ids, int[] steps) = downsampler.Result();
        GridSpec coarse = downsampler.Coarse;
        return new BasinMap(run.Problem with { Grid = coarse }, ids, steps, new double[coarse.Count], new double[coarse.Count], run.Basins)
        {
            HasEndpoints = false,
            KnownValleyPositions = downsampler.Positions,
            DescentSteps = run.DescentSteps,
            Seconds = run.Seconds,
            Device = run.Device,
        };
    }

    // The starts of a grid small enough to be assembled in memory.
    private static int SmallCount(GridSpec grid)
    {
        if (!IsSmall(grid))
        {
            throw new ArgumentException($"a {grid.Width}x{grid.Height} grid is over the {SingleFileLimit} starts that are assembled in memory", "run");
        }

        return checked((int)grid.Count);
    }

    private static void CopyTile<T>(TileSpec tile, GridSpec grid, T[] tileValues, T[] whole)
    {
        if (tileValues.Length != tile.Count)
        {
            throw new InvalidDataException($"a tile at ({tile.X}, {tile.Y}) brings {tileValues.Length} values for its {tile.Count} starts");
        }

        for (int row = 0; row < tile.Height; row++)
        {
            tileValues.AsSpan(row * tile.Width, tile.Width).CopyTo(whole.AsSpan((tile.Y + row) * grid.Width + tile.X));
        }
    }
}
