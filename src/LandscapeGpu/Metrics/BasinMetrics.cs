namespace LandscapeGpu.Metrics;

/// <summary>
/// How predictable a basin map's outcome is, after Daza et al. 2016 ("Basin entropy: a new tool to analyze
/// uncertainty in dynamical systems"). Labels are the attractor ids, with diverged and not converged starts as
/// labels of their own. Boxes tile the grid from row 0, column 0; boxes cut by the right or top edge are left out.
/// </summary>
/// <param name="BoxSide">Side of the entropy boxes, in cells.</param>
/// <param name="Boxes">Entropy boxes that fit the grid.</param>
/// <param name="BoundaryBoxes">Entropy boxes holding more than one label.</param>
/// <param name="BasinEntropy">Sb: the sum of the boxes' entropies (sum over labels of p ln(1/p)) over <paramref name="Boxes"/>.</param>
/// <param name="BoundaryBasinEntropy">Sbb: the same sum over <paramref name="BoundaryBoxes"/>; 0 when there is none.</param>
/// <param name="UncertaintyCurve">For box sides eps = 2, 4, 8, ... up to the grid's shorter side / 8: the share f of boxes holding more than one label.</param>
/// <param name="UncertaintyExponent">alpha: the least-squares slope of ln f against ln eps over the eps with f &gt; 0; null with fewer than two such eps.</param>
public sealed record BasinMetrics(
    int BoxSide,
    long Boxes,
    long BoundaryBoxes,
    double BasinEntropy,
    double BoundaryBasinEntropy,
    IReadOnlyList<UncertaintyPoint> UncertaintyCurve,
    double? UncertaintyExponent)
{
    /// <summary>The entropy box side of Attractors.jl's basin entropy, used when none is given.</summary>
    public const int DefaultBoxSide = 20;

    /// <summary>The smallest meaningful box side: a 1 x 1 box always holds one label.</summary>
    public const int MinimumBoxSide = 2;

    /// <summary>The dimension of the basin boundary, 2 - alpha; null where alpha is.</summary>
    public double? BoundaryDimension => 2 - UncertaintyExponent;

    /// <summary>
    /// Whether Sbb exceeds ln 2, Daza et al.'s sufficient (not necessary) criterion for a fractal boundary: false
    /// does not prove the boundary smooth.
    /// </summary>
    public bool FractalBoundary => BoundaryBasinEntropy > Math.Log(2);

    /// <summary>The criterion <see cref="FractalBoundary"/> applies, as written into summary.json.</summary>
    public const string FractalBoundaryCriterion = "Sbb above ln 2 (Daza et al. 2016): sufficient for a fractal boundary, not necessary";

    /// <summary>Whether a <paramref name="width"/> x <paramref name="height"/> grid holds at least one box of <paramref name="boxSide"/>.</summary>
    public static bool FitsIn(int width, int height, int boxSide) => boxSide >= MinimumBoxSide && boxSide <= Math.Min(width, height);

    /// <summary>
    /// The metrics of a whole <paramref name="width"/> x <paramref name="height"/> label array (row-major, row 0 first).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The box side does not fit the grid (see <see cref="FitsIn"/>).</exception>
    public static BasinMetrics Of(ReadOnlyMemory<int> labels, int width, int height, int boxSide = DefaultBoxSide)
    {
        var accumulator = new BasinMetricsAccumulator(width, height, boxSide);
        // Bands of about 4M cells: few enough to keep the threads busy between bands, small enough to bound the
        // accumulator's own buffers (about the band again) for any grid.
        int bandRows = Math.Max(1, (1 << 22) / width);
        for (int row = 0; row < height; row += bandRows)
        {
            int rows = Math.Min(bandRows, height - row);
            accumulator.AddRows(labels.Slice(row * width, rows * width));
        }

        return accumulator.Result();
    }
}

/// <summary>One point of the uncertainty curve.</summary>
/// <param name="Side">Box side eps, in cells.</param>
/// <param name="Boxes">Boxes of that side that fit the grid.</param>
/// <param name="BoundaryBoxes">Those holding more than one label.</param>
public readonly record struct UncertaintyPoint(int Side, long Boxes, long BoundaryBoxes)
{
    /// <summary>f(eps): the share of boxes holding more than one label.</summary>
    public double Fraction => Boxes > 0 ? (double)BoundaryBoxes / Boxes : 0;
}
