using LandscapeGpu.Descents;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Rendering.Figures;

/// <summary>
/// Shrinks a map to at most the figure's pixels before it is drawn: square blocks of starts vote by majority
/// (<see cref="MajorityVote"/>, as the tiled overview's <see cref="MajorityDownsampler"/>), so a grid of any shape (100000 x 1) becomes an image of sensible size and drawing costs the
/// same whatever the grid. The map is in memory here, so blocks are decided in parallel rows with no open-block
/// bookkeeping: on a 4096^2 map about ten times faster than feeding the downsampler one tile.
/// </summary>
public static class MapReduction
{
    /// <summary>
    /// <paramref name="map"/>'s ids and steps on a grid of at most <paramref name="maxSide"/> cells a side over the
    /// same box: the map's own arrays when they fit, else each cell holding the id most starts of its block reached
    /// and the mean steps of those starts.
    /// </summary>
    public static (GridSpec Grid, int[] Ids, int[] Steps) Reduce(BasinMap map, int maxSide)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        GridSpec grid = map.Grid;
        if (grid.Width <= maxSide && grid.Height <= maxSide)
        {
            return (grid, map.Ids, map.Steps);
        }

        int block = MajorityVote.BlockSide(grid, maxSide);
        GridSpec coarse = MajorityVote.CoarseGrid(grid, block);
        var ids = new int[coarse.Count];
        var steps = new int[coarse.Count];
        int[] fineIds = map.Ids, fineSteps = map.Steps;
        Parallel.For(0, coarse.Height, () => new MajorityVote(), (row, _, votes) =>
        {
            int y0 = row * block, y1 = Math.Min(grid.Height, y0 + block);
            for (int column = 0; column < coarse.Width; column++)
            {
                int x0 = column * block, x1 = Math.Min(grid.Width, x0 + block);
                votes.Clear();
                for (int y = y0; y < y1; y++)
                {
                    int rowStart = y * grid.Width;
                    for (int x = x0; x < x1; x++)
                    {
                        votes.Add(fineIds[rowStart + x], fineSteps[rowStart + x]);
                    }
                }

                (ids[row * coarse.Width + column], steps[row * coarse.Width + column]) = votes.Winner();
            }

            return votes;
        }, _ => { });
        return (coarse, ids, steps);
    }

    /// <summary>
    /// <paramref name="values"/> (one per start of <paramref name="map"/>) on the grid that <see cref="Reduce"/> gives
    /// for the same <paramref name="maxSide"/>, whose ids are <paramref name="reducedIds"/>: per cell the mean value of
    /// the starts of its block that reached the cell's id, NaN values left out (NaN when none is left), summed in row
    /// order so that the result does not depend on threads. The values themselves when the map fits.
    /// </summary>
    public static float[] MeanOfWinners(BasinMap map, int maxSide, int[] reducedIds, float[] values)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(reducedIds);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        GridSpec grid = map.Grid;
        if (values.Length != grid.Count)
        {
            throw new ArgumentException($"a {grid.Width}x{grid.Height} map needs {grid.Count} values, not {values.Length}", nameof(values));
        }

        if (grid.Width <= maxSide && grid.Height <= maxSide)
        {
            return values;
        }

        int block = (Math.Max(grid.Width, grid.Height) + maxSide - 1) / maxSide;
        int coarseWidth = (grid.Width + block - 1) / block, coarseHeight = (grid.Height + block - 1) / block;
        if (reducedIds.Length != (long)coarseWidth * coarseHeight)
        {
            throw new ArgumentException($"the reduced {coarseWidth}x{coarseHeight} grid has {coarseWidth * coarseHeight} cells, not {reducedIds.Length}", nameof(reducedIds));
        }

        var means = new float[reducedIds.Length];
        int[] fineIds = map.Ids;
        Parallel.For(0, coarseHeight, row =>
        {
            int y0 = row * block, y1 = Math.Min(grid.Height, y0 + block);
            for (int column = 0; column < coarseWidth; column++)
            {
                int x0 = column * block, x1 = Math.Min(grid.Width, x0 + block);
                int winner = reducedIds[row * coarseWidth + column];
                double sum = 0;
                int count = 0;
                for (int y = y0; y < y1; y++)
                {
                    for (int x = x0; x < x1; x++)
                    {
                        int start = y * grid.Width + x;
                        if (fineIds[start] == winner && !float.IsNaN(values[start]))
                        {
                            sum += values[start];
                            count++;
                        }
                    }
                }

                means[row * coarseWidth + column] = count == 0 ? float.NaN : (float)(sum / count);
            }
        });
        return means;
    }
}
