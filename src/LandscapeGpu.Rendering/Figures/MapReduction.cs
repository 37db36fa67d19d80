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
}
