using LandscapeGpu.Descents;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Rendering.Figures;

/// <summary>
/// Shrinks a map to at most the figure's pixels before it is drawn: blocks of starts vote by majority, as the tiled
/// overview does (<see cref="MajorityDownsampler"/>), so drawing a 16384^2 map costs what drawing its 2048^2
/// reduction does, and a grid of any shape (100000 x 1) becomes an image of sensible size.
/// </summary>
public static class MapReduction
{
    /// <summary>
    /// <paramref name="map"/>'s ids and steps on a grid of at most <paramref name="maxSide"/> cells a side over the
    /// same box: the map's own arrays when they fit, else each cell holding the id most starts of its block reached
    /// (ties to the smaller id) and their mean steps.
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

        var downsampler = new MajorityDownsampler(grid, maxSide);
        downsampler.Add(new TileSpec(0, 0, grid.Width, grid.Height), map.Ids, map.Steps);
        (int[] ids, int[] steps) = downsampler.Result();
        return (downsampler.Coarse, ids, steps);
    }
}
