using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Rendering.Scenes;

/// <summary>
/// The loss at every start of a grid, as a layer's field (contour lines, a 1-D scene's curve): the landscape's own
/// Loss method in float64 on four starts at a time (<see cref="Lanes4F64"/>), rows spread over the cores. For a model
/// with many data rows this was a fifth of a view level's time when it went one start at a time through the probe.
/// </summary>
public static class LossField
{
    /// <summary>
    /// The loss at each start of <paramref name="grid"/> on <paramref name="landscape"/>, rounded to float32, row by row;
    /// the columns left over after the groups of four go through <paramref name="probe"/>.
    /// </summary>
    public static float[] Of(LandscapeEntry landscape, GridSpec grid, LandscapeProbe probe)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        ArgumentNullException.ThrowIfNull(probe);
        return landscape.Accept(new Visitor(grid, probe));
    }

    private sealed class Visitor(GridSpec grid, LandscapeProbe probe) : ILandscapeVisitor<float[]>
    {
        public float[] Visit<TLandscape>(TLandscape landscape) where TLandscape : struct, ILandscape
        {
            var field = new float[grid.Count];
            Parallel.For(0, grid.Height, row => Row(landscape, grid, probe, row, field));
            return field;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static void Row<TLandscape>(TLandscape landscape, GridSpec grid, LandscapeProbe probe, int row, float[] field)
        where TLandscape : struct, ILandscape
    {
        int lanes = Lanes4F64.LaneCount;
        Span<double> xs = stackalloc double[lanes];
        Span<double> losses = stackalloc double[lanes];
        double y = grid.StartY(row);
        var ys = Lanes4F64.Of(y);
        int offset = row * grid.Width;
        int column = 0;
        for (; column + lanes <= grid.Width; column += lanes)
        {
            for (int lane = 0; lane < lanes; lane++)
            {
                xs[lane] = grid.StartX(column + lane);
            }

            Lanes4F64.ToLanes(landscape.Loss(Lanes4F64.FromLanes(xs), ys), losses);
            for (int lane = 0; lane < lanes; lane++)
            {
                field[offset + column + lane] = (float)losses[lane];
            }
        }

        for (; column < grid.Width; column++)
        {
            field[offset + column] = (float)probe.Loss(grid.StartX(column), y);
        }
    }
}
