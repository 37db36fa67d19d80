using LandscapeGpu.Basins;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Runs.Series;

/// <summary>A stationary point of a landscape found by <see cref="StationaryScan"/>.</summary>
/// <param name="X">x, refined by Newton's method in float64.</param>
/// <param name="Y">y (0 for a 1-D landscape).</param>
/// <param name="Loss">f(x, y).</param>
/// <param name="Kind">Minimum, saddle or maximum, from the Hessian.</param>
public readonly record struct StationaryLocation(double X, double Y, double Loss, StationaryKind Kind);

/// <summary>
/// Every nondegenerate stationary point in a box, found without descents: Newton's method in float64
/// (<see cref="Refinement.Newton"/>) from a grid of seeds, each allowed to move a few seed spacings, the results inside
/// the box kept once each. Maxima are found too, which no descent reaches.
/// </summary>
public static class StationaryScan
{
    /// <summary>Seeds along a 1-D box.</summary>
    public const int SeedsAlongLine = 512;

    /// <summary>Seeds per side of a 2-D box.</summary>
    public const int SeedsPerSide = 64;

    /// <summary>How far Newton may wander from its seed, in seed spacings: far enough to reach the point of its cell, not so far that it lands outside the box.</summary>
    public const double ReachInSpacings = 4;

    /// <summary>Two points closer than this fraction of the box's largest side are one.</summary>
    public const double SameRelative = 1e-7;

    /// <summary>The stationary points of <paramref name="landscape"/> inside <paramref name="box"/>, by x then y.</summary>
    public static IReadOnlyList<StationaryLocation> Find(LandscapeEntry landscape, Box box)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        LandscapeProbe probe = LandscapeProbe.For(landscape);
        bool line = probe.Dimensions == 1;
        int columns = line ? SeedsAlongLine : SeedsPerSide, rows = line ? 1 : SeedsPerSide;
        double side = Math.Max(box.Width, line ? 0 : box.Height);
        double spacing = side / columns;
        double same = SameRelative * Math.Max(side, 1e-12);
        var found = new List<StationaryLocation>();
        for (int row = 0; row < rows; row++)
        {
            double seedY = line ? 0 : box.Y0 + (row + 0.5) * box.Height / rows;
            for (int column = 0; column < columns; column++)
            {
                double seedX = box.X0 + (column + 0.5) * box.Width / columns;
                if (Refinement.Newton(probe, seedX, seedY, ReachInSpacings * spacing) is not { } point
                    || point.X < box.X0 || point.X > box.X1 || (!line && (point.Y < box.Y0 || point.Y > box.Y1))
                    || found.Any(known => Math.Abs(known.X - point.X) <= same && Math.Abs(known.Y - point.Y) <= same))
                {
                    continue;
                }

                found.Add(new StationaryLocation(point.X, point.Y, probe.Loss(point.X, point.Y), Refinement.Classify(probe, point.X, point.Y)));
            }
        }

        return found.OrderBy(point => point.X).ThenBy(point => point.Y).ToList();
    }
}
