using LandscapeGpu.Descents;

namespace LandscapeGpu.Runs.Series;

/// <summary>
/// A bifurcation diagram: for each value of a hyperparameter, where descents from a few starts are after many steps.
/// </summary>
/// <param name="Problem">The problem every value is applied to (fixed steps: each start takes exactly <see cref="DescentProblem.MaxSteps"/>).</param>
/// <param name="Range">What varies, and its values.</param>
/// <param name="Starts">Where the descents start.</param>
/// <param name="Keep">The last iterates kept of each descent.</param>
/// <param name="Coordinate">The coordinate kept: 0 for x, 1 for y.</param>
/// <param name="Iterates">
/// [value, start, k] in C order: the coordinate after steps − Keep + 1 + k (k = Keep − 1 is the endpoint); NaN
/// where the iterate diverged (non-finite or not below the divergence radius) and was dropped.
/// </param>
/// <param name="Dropped">Per value: iterates dropped as diverged.</param>
/// <param name="DivergedStarts">Per value: starts whose descent ended diverged.</param>
/// <param name="StationaryPoints">The landscape's stationary points in the box (<see cref="StationaryScan"/>).</param>
public sealed record BifurcationDiagram(
    DescentProblem Problem,
    ParameterRange Range,
    IReadOnlyList<(double X, double Y)> Starts,
    int Keep,
    int Coordinate,
    double[] Iterates,
    long[] Dropped,
    int[] DivergedStarts,
    IReadOnlyList<StationaryLocation> StationaryPoints)
{
    /// <summary>The parameter's values, one per row of <see cref="Iterates"/>.</summary>
    public IReadOnlyList<double> Values { get; } = Range.Values;

    /// <summary>The name of the kept coordinate: the landscape's axis name.</summary>
    public string CoordinateName => Problem.Landscape.Info.Axes[Coordinate];

    /// <summary>The iterate kept of <paramref name="start"/> at value <paramref name="value"/>, <paramref name="k"/>-th of the last <see cref="Keep"/>.</summary>
    public double At(int value, int start, int k) => Iterates[((long)value * Starts.Count + start) * Keep + k];
}

/// <summary>
/// Computes bifurcation diagrams: each start's descent is recorded by <see cref="DescentPath"/> (the engine's one
/// descent path on the host, in float64, through the landscape's Gradient and the optimizer's Step) with the value
/// applied, and its last iterates kept. Values run in parallel; each writes only its own rows, so the result does not
/// depend on the thread count.
/// </summary>
public static class Bifurcation
{
    /// <summary>Most starts per value.</summary>
    public const int MaxStarts = 10_000;

    /// <summary>Most iterates kept per start.</summary>
    public const int MaxKeep = 100_000;

    /// <summary>Most iterates in one diagram (values × starts × keep): 2 GB of float64.</summary>
    public const long MaxIterates = 1L << 28;

    /// <summary>
    /// The starts: <paramref name="count"/> points spread evenly over <paramref name="box"/>, at cell centres as a
    /// grid's are; along x for a 1-D landscape, along the box's diagonal for a 2-D one.
    /// </summary>
    public static IReadOnlyList<(double X, double Y)> StartsOver(Landscapes.Box box, int count, int dimensions)
    {
        var starts = new (double X, double Y)[count];
        var grid = new GridSpec(box, count, count);
        for (int i = 0; i < count; i++)
        {
            starts[i] = (grid.StartX(i), dimensions == 1 ? 0 : grid.StartY(i));
        }

        return starts;
    }

    /// <summary>Runs every start for every value of <paramref name="range"/> and keeps the last <paramref name="keep"/> iterates' <paramref name="coordinate"/>.</summary>
    /// <param name="problem">The problem; its grid's box gives the starts (<see cref="StartsOver"/>) and the divergence radius.</param>
    /// <param name="range">What varies.</param>
    /// <param name="starts">Starts per value.</param>
    /// <param name="keep">Iterates kept per start, at most the steps + 1.</param>
    /// <param name="coordinate">0 keeps x, 1 keeps y (2-D landscapes only).</param>
    /// <exception cref="ArgumentException">A count is out of range, or a value gives an invalid problem.</exception>
    public static BifurcationDiagram Compute(DescentProblem problem, ParameterRange range, int starts, int keep, int coordinate)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(range);
        Check(problem, range, starts, keep, coordinate);
        problem = problem with { FixedSteps = true };
        IReadOnlyList<(double X, double Y)> startPoints = StartsOver(problem.Grid.Box, starts, problem.Landscape.Info.Dimensions);
        IReadOnlyList<double> values = range.Values;
        var iterates = new double[(long)values.Count * starts * keep];
        var dropped = new long[values.Count];
        var divergedStarts = new int[values.Count];
        double radius2 = problem.DivergenceRadius * problem.DivergenceRadius;
        Parallel.For(0, values.Count, value =>
        {
            DescentProblem varied = range.Apply(problem, values[value]);
            for (int start = 0; start < starts; start++)
            {
                RecordedDescent path = DescentPath.Record(varied, startPoints[start].X, startPoints[start].Y, keep);
                divergedStarts[value] += path.Outcome == DescentOutcome.Diverged ? 1 : 0;
                long row = ((long)value * starts + start) * keep;
                // A path cut short by a non-finite iterate holds fewer than keep points: the missing ones are dropped too.
                int missing = keep - path.Points.Count;
                for (int k = 0; k < keep; k++)
                {
                    double kept = double.NaN;
                    if (k >= missing)
                    {
                        (double x, double y) = path.Points[k - missing];
                        if (double.IsFinite(x) && double.IsFinite(y) && x * x + y * y < radius2)
                        {
                            kept = coordinate == 0 ? x : y;
                        }
                    }

                    iterates[row + k] = kept;
                    dropped[value] += double.IsNaN(kept) ? 1 : 0;
                }
            }
        });

        return new BifurcationDiagram(problem, range, startPoints, keep, coordinate, iterates, dropped, divergedStarts,
            StationaryScan.Find(problem.Landscape, problem.Grid.Box));
    }

    /// <summary>Checks the counts and every value before any work, and names the first bad one.</summary>
    /// <exception cref="ArgumentException">A count is out of range, or a value gives an invalid problem.</exception>
    public static void Check(DescentProblem problem, ParameterRange range, int starts, int keep, int coordinate)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(range);
        if (range.Parameter == SeriesParameter.Steps)
        {
            throw new InvalidParameterException("vary", "", "{vary} steps is not a bifurcation parameter: every descent runs {steps} steps; vary lr, momentum, beta1 or beta2");
        }

        if (starts < 1 || starts > MaxStarts)
        {
            throw new InvalidParameterException("starts", "", $"{{starts}} {starts} is invalid: it must be between 1 and {MaxStarts}");
        }

        if (keep < 1 || keep > MaxKeep || keep > problem.MaxSteps + 1L)
        {
            throw new InvalidParameterException("keep", "", $"{{keep}} {keep} is invalid: it must be between 1 and {Math.Min(MaxKeep, problem.MaxSteps + 1L)} (at most {{steps}} + 1, the points of a descent)");
        }

        if (coordinate != 0 && !(coordinate == 1 && problem.Landscape.Info.Dimensions == 2))
        {
            throw new ArgumentException($"coordinate {coordinate} is invalid: a {problem.Landscape.Info.Dimensions}-D landscape has {string.Join(", ", problem.Landscape.Info.Axes)}");
        }

        long total = (long)range.Count * starts * keep;
        if (total > MaxIterates)
        {
            throw new InvalidParameterException("vary", "", $"{{vary}}, {{starts}} and {{keep}} ask for {total:N0} iterates ({range.Count} x {starts} x {keep}); at most {MaxIterates:N0} fit one diagram");
        }

        range.Check(problem);
    }
}
