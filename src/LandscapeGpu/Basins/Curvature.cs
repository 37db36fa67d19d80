namespace LandscapeGpu.Basins;

/// <summary>
/// The eigen-decomposition of a point's Hessian, and whether its curvature is degenerate: what tells a valley
/// (one eigenvalue zero: a curve of stationary points) and a plateau (both zero: a region) from an isolated point.
/// </summary>
/// <param name="Lower">The smaller eigenvalue.</param>
/// <param name="Upper">The larger eigenvalue.</param>
/// <param name="LowerX">x of the unit eigenvector of <paramref name="Lower"/>.</param>
/// <param name="LowerY">y of the unit eigenvector of <paramref name="Lower"/>.</param>
public readonly record struct Curvature(double Lower, double Upper, double LowerX, double LowerY)
{
    /// <summary>
    /// An eigenvalue smaller than this fraction of the other's magnitude counts as zero. On a valley refined to
    /// float64 the small eigenvalue is about 1e-13 of the large one (it grows with the distance from the curve);
    /// the condition number of the built-ins' isolated minima stays under 1e4 (Rosenbrock's: 2.5e3).
    /// </summary>
    public const double FlatRelative = 1e-6;

    /// <summary>
    /// An eigenvalue below FlatAbsolute · (1 + |f|) / s², with s the box's reach (at least 1), counts as zero:
    /// such a curvature changes the loss by less than 1e-12 of its size across the whole box.
    /// </summary>
    public const double FlatAbsolute = 1e-12;

    /// <summary>The curvature of <paramref name="d"/>; a 1-D landscape's only curvature is ∂²f/∂x², along x.</summary>
    public static Curvature Of(in PointDerivatives d, int dimensions)
    {
        if (dimensions == 1)
        {
            return new Curvature(d.Hxx, d.Hxx, 1, 0);
        }

        double mean = 0.5 * (d.Hxx + d.Hyy);
        double half = 0.5 * (d.Hxx - d.Hyy);
        double radius = Math.Sqrt(half * half + d.Hxy * d.Hxy);
        double lower = mean - radius, upper = mean + radius;
        // (Hxy, lower - Hxx) and (lower - Hyy, Hxy) both solve (H - lower) v = 0; the longer one is the accurate one.
        double ax = d.Hxy, ay = lower - d.Hxx, bx = lower - d.Hyy, by = d.Hxy;
        (double vx, double vy) = ax * ax + ay * ay >= bx * bx + by * by ? (ax, ay) : (bx, by);
        double length = Math.Sqrt(vx * vx + vy * vy);
        return length > 0 ? new Curvature(lower, upper, vx / length, vy / length) : new Curvature(lower, upper, 1, 0);
    }

    /// <summary>The eigenvalue of larger magnitude.</summary>
    public double Stiff => Math.Abs(Upper) >= Math.Abs(Lower) ? Upper : Lower;

    /// <summary>The eigenvalue of smaller magnitude.</summary>
    public double Soft => Math.Abs(Upper) >= Math.Abs(Lower) ? Lower : Upper;

    /// <summary>The threshold below which an eigenvalue counts as zero at a point of loss <paramref name="loss"/>.</summary>
    public static double FlatThreshold(double stiff, double loss, double reach) =>
        FlatRelative * Math.Abs(stiff) + FlatAbsolute * (1 + Math.Abs(loss)) / (Math.Max(1, reach) * Math.Max(1, reach));

    /// <summary>How many eigenvalues count as zero (0, 1 or 2) at a point of loss <paramref name="loss"/> in a box of <paramref name="reach"/>.</summary>
    public int FlatDirections(double loss, double reach)
    {
        double absolute = FlatAbsolute * (1 + Math.Abs(loss)) / (Math.Max(1, reach) * Math.Max(1, reach));
        if (Math.Abs(Stiff) <= absolute)
        {
            return 2;
        }

        return Math.Abs(Soft) <= FlatThreshold(Stiff, loss, reach) ? 1 : 0;
    }
}
