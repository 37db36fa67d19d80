namespace LandscapeGpu.Basins;

/// <summary>Newton's method in float64 to polish a cluster centre into the stationary point it approximates, and its classification.</summary>
public static class Refinement
{
    private const int MaxIterations = 100;

    /// <summary>
    /// Runs Newton's method from (x, y). Returns the stationary point when the iteration converged (the step
    /// fell below 1e-13 of the point's scale) within <paramref name="maxDistance"/> of the start; otherwise null,
    /// since then the start was not near a nondegenerate stationary point.
    /// </summary>
    public static (double X, double Y)? Newton(LandscapeProbe probe, double x, double y, double maxDistance)
    {
        ArgumentNullException.ThrowIfNull(probe);
        double startX = x, startY = y;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            PointDerivatives d = probe.Evaluate(x, y);
            double stepX, stepY;
            if (probe.Dimensions == 1)
            {
                stepX = d.GradientX / d.Hxx;
                stepY = 0;
            }
            else
            {
                double determinant = d.Hxx * d.Hyy - d.Hxy * d.Hxy;
                stepX = (d.Hyy * d.GradientX - d.Hxy * d.GradientY) / determinant;
                stepY = (d.Hxx * d.GradientY - d.Hxy * d.GradientX) / determinant;
            }

            if (!double.IsFinite(stepX) || !double.IsFinite(stepY))
            {
                return d.GradientX == 0 && d.GradientY == 0 ? (x, y) : null;
            }

            x -= stepX;
            y -= stepY;
            if (Math.Abs(x - startX) > maxDistance || Math.Abs(y - startY) > maxDistance)
            {
                return null;
            }

            if (Math.Abs(stepX) + Math.Abs(stepY) <= 1e-13 * (1 + Math.Abs(x) + Math.Abs(y)))
            {
                return (x, y);
            }
        }

        return null;
    }

    /// <summary>
    /// Eigenvalues below this fraction of the stiffest one are left out of a projection's Newton step: near a valley
    /// the soft eigenvalue is small but not zero, and dividing by it would throw the point along the valley.
    /// </summary>
    public const double ProjectionSoftRelative = 1e-3;

    /// <summary>
    /// Moves (x, y) onto the nearest stationary set with Newton steps taken only along the Hessian's stiff
    /// directions (a pseudo-inverse Newton step): it converges onto a valley or stays put on a plateau, where plain
    /// Newton divides by a zero eigenvalue. Returns null when the step did not settle within <paramref name="maxDistance"/>;
    /// the caller checks that the gradient vanishes there, since a flat direction may still slope.
    /// </summary>
    public static (double X, double Y)? Project(LandscapeProbe probe, double x, double y, double maxDistance, double reach)
    {
        ArgumentNullException.ThrowIfNull(probe);
        double startX = x, startY = y;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            PointDerivatives d = probe.Evaluate(x, y);
            Curvature curvature = Curvature.Of(d, probe.Dimensions);
            double stiff = Math.Abs(curvature.Stiff);
            double skip = Math.Max(ProjectionSoftRelative * stiff, Curvature.FlatThreshold(stiff, d.Loss, reach));
            double stepX = 0, stepY = 0;
            if (Math.Abs(curvature.Lower) > skip)
            {
                double along = (curvature.LowerX * d.GradientX + curvature.LowerY * d.GradientY) / curvature.Lower;
                stepX += along * curvature.LowerX;
                stepY += along * curvature.LowerY;
            }

            if (probe.Dimensions == 2 && Math.Abs(curvature.Upper) > skip)
            {
                // The upper eigenvector is the lower one turned a quarter.
                double along = (-curvature.LowerY * d.GradientX + curvature.LowerX * d.GradientY) / curvature.Upper;
                stepX -= along * curvature.LowerY;
                stepY += along * curvature.LowerX;
            }

            if (!double.IsFinite(stepX) || !double.IsFinite(stepY))
            {
                return null;
            }

            x -= stepX;
            y -= stepY;
            if (Math.Abs(x - startX) > maxDistance || Math.Abs(y - startY) > maxDistance)
            {
                return null;
            }

            if (Math.Abs(stepX) + Math.Abs(stepY) <= 1e-13 * (1 + Math.Abs(x) + Math.Abs(y)))
            {
                return (x, y);
            }
        }

        return null;
    }

    /// <summary>Classifies the point from the eigenvalues of its Hessian (only ∂²f/∂x² for a 1-D landscape).</summary>
    public static StationaryKind Classify(LandscapeProbe probe, double x, double y)
    {
        ArgumentNullException.ThrowIfNull(probe);
        PointDerivatives d = probe.Evaluate(x, y);
        double lower, upper;
        if (probe.Dimensions == 1)
        {
            lower = upper = d.Hxx;
        }
        else
        {
            double mean = 0.5 * (d.Hxx + d.Hyy);
            double radius = Math.Sqrt(0.25 * (d.Hxx - d.Hyy) * (d.Hxx - d.Hyy) + d.Hxy * d.Hxy);
            lower = mean - radius;
            upper = mean + radius;
        }

        // Curvature within 1e-9 of the largest counts as flat: degenerate minima stay minima.
        double flat = 1e-9 * Math.Max(Math.Abs(lower), Math.Abs(upper));
        if (lower >= -flat)
        {
            return StationaryKind.Minimum;
        }

        return upper <= flat ? StationaryKind.Maximum : StationaryKind.Saddle;
    }
}
