using LandscapeGpu.Cli;
using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Runs.Series;

namespace LandscapeGpu.Tests.Runs.Series;

/// <summary>Bifurcation diagrams of gradient descent against float64 reference loops written here, on x²/2 and the quartic.</summary>
public sealed class BifurcationTests
{
    /// <summary>
    /// The engine's path and the loops here take the same float64 operations in the same order; the JIT may fuse a
    /// multiply-add, which on a contracting orbit leaves differences of a few ulp of the box.
    /// </summary>
    private const double ReferenceTolerance = 1e-9;

    /// <summary>Two kept iterates closer than this are one point of an orbit: far above the rounding of a settled orbit, far below a 2-cycle's width near lr*.</summary>
    private const double SamePointTolerance = 1e-6;

    [Fact]
    public void Compute_HalfSquareWithLrBelowTwo_EveryKeptPointIsZeroAsTheReferenceLoop()
    {
        DescentProblem problem = Problem(FormulaLandscapes.Parse("x^2/2"), steps: 3000);
        var range = new ParameterRange(SeriesParameter.LearningRate, 0.05, 1.99, 12);

        BifurcationDiagram diagram = Bifurcation.Compute(problem, range, starts: 5, keep: 8, coordinate: 0);

        Assert.All(diagram.Dropped, dropped => Assert.Equal(0, dropped));
        for (int value = 0; value < diagram.Values.Count; value++)
        {
            double lr = diagram.Values[value];
            for (int start = 0; start < diagram.Starts.Count; start++)
            {
                double[] reference = ReferenceTail(diagram.Starts[start].X, problem.MaxSteps, diagram.Keep, x => x - lr * x);
                for (int k = 0; k < diagram.Keep; k++)
                {
                    Assert.Equal(0, diagram.At(value, start, k), ReferenceTolerance);
                    Assert.Equal(reference[k], diagram.At(value, start, k), ReferenceTolerance);
                }
            }
        }
    }

    [Fact]
    public void Compute_HalfSquareAtAndAboveLrTwo_OscillatesAtTwoAndDivergesJustAbove()
    {
        // |1 - lr| = 1 at lr = 2: every start flips sign forever, at its own distance; 1.002 per step grows past
        // the divergence radius (1000 box reaches) within the budget.
        DescentProblem problem = Problem(FormulaLandscapes.Parse("x^2/2"), steps: 10_000);
        var range = new ParameterRange(SeriesParameter.LearningRate, 2, 2.002, 2);

        BifurcationDiagram diagram = Bifurcation.Compute(problem, range, starts: 4, keep: 6, coordinate: 0);

        Assert.Equal(0, diagram.Dropped[0]);
        for (int start = 0; start < diagram.Starts.Count; start++)
        {
            for (int k = 0; k < diagram.Keep; k++)
            {
                Assert.Equal(Math.Abs(diagram.Starts[start].X), Math.Abs(diagram.At(0, start, k)), ReferenceTolerance);
            }
        }

        Assert.Equal(diagram.Starts.Count * diagram.Keep, diagram.Dropped[1]);
        Assert.Equal(diagram.Starts.Count, diagram.DivergedStarts[1]);
        Assert.All(Enumerable.Range(0, diagram.Starts.Count * diagram.Keep), i => Assert.True(double.IsNaN(diagram.Iterates[diagram.Starts.Count * diagram.Keep + i])));
    }

    [Fact]
    public void Compute_QuarticAcrossTheFirstPeriodDoubling_OnePointJustBelowTwoJustAbove()
    {
        // The update map g(x) = x - lr f'(x) loses its fixed point x* where g'(x*) = 1 - lr f''(x*) = -1: lr* = 2 / f''(x*).
        static double Slope(double x) => 4 * x * x * x - 6 * x + 1;
        double minimum = -1.3;
        for (int i = 0; i < 50; i++)
        {
            minimum -= Slope(minimum) / (12 * minimum * minimum - 6);
        }

        double critical = 2 / (12 * minimum * minimum - 6);
        DescentProblem problem = Problem(BuiltInLandscapes.Find("quartic")!, steps: 4000, box: new Box(-1.5, -1.1, 0, 0));
        var range = new ParameterRange(SeriesParameter.LearningRate, 0.95 * critical, 1.05 * critical, 2);

        BifurcationDiagram diagram = Bifurcation.Compute(problem, range, starts: 4, keep: 16, coordinate: 0);

        IReadOnlyList<double> below = DistinctPoints(diagram, 0), above = DistinctPoints(diagram, 1);
        Assert.Equal(minimum, Assert.Single(below), SamePointTolerance);
        Assert.Equal(2, above.Count);
        Assert.True(above[0] < minimum && minimum < above[1], $"the 2-cycle {above[0]}, {above[1]} straddles x* = {minimum}");
        for (int value = 0; value < 2; value++)
        {
            double lr = diagram.Values[value];
            for (int start = 0; start < diagram.Starts.Count; start++)
            {
                double[] reference = ReferenceTail(diagram.Starts[start].X, problem.MaxSteps, diagram.Keep, x => x - lr * Slope(x));
                for (int k = 0; k < diagram.Keep; k++)
                {
                    Assert.Equal(reference[k], diagram.At(value, start, k), ReferenceTolerance);
                }
            }
        }
    }

    [Fact]
    public void Compute_SameProblemTwice_SameBits()
    {
        DescentProblem problem = Problem(BuiltInLandscapes.Find("quartic")!, steps: 500);
        var range = new ParameterRange(SeriesParameter.LearningRate, 0.1, 0.3, 40);

        BifurcationDiagram first = Bifurcation.Compute(problem, range, 8, 10, 0), second = Bifurcation.Compute(problem, range, 8, 10, 0);

        Assert.Equal(first.Iterates, second.Iterates);
        Assert.Equal(first.Dropped, second.Dropped);
    }

    [Fact]
    public void Compute_Quartic_FindsItsTwoMinimaAndItsMaximum()
    {
        DescentProblem problem = Problem(BuiltInLandscapes.Find("quartic")!, steps: 10);
        var range = new ParameterRange(SeriesParameter.LearningRate, 0.01, 0.02, 2);

        BifurcationDiagram diagram = Bifurcation.Compute(problem, range, 2, 2, 0);

        Assert.Equal([StationaryKind.Minimum, StationaryKind.Maximum, StationaryKind.Minimum], diagram.StationaryPoints.Select(point => point.Kind));
        Assert.Equal(-1.30083956594, diagram.StationaryPoints[0].X, 1e-10);
        Assert.Equal(1.13090112263, diagram.StationaryPoints[2].X, 1e-10);
        Assert.Equal(0, 4 * Math.Pow(diagram.StationaryPoints[1].X, 3) - 6 * diagram.StationaryPoints[1].X + 1, 1e-12);
    }

    [Theory]
    [InlineData(0, 4, 0, "--starts 0")]
    [InlineData(4, 0, 0, "--keep 0")]
    [InlineData(4, 12, 0, "--keep 12")]
    [InlineData(4, 4, 1, "coordinate 1")]
    public void Check_CountOutOfRange_ThrowsNamingIt(int starts, int keep, int coordinate, string named)
    {
        DescentProblem problem = Problem(BuiltInLandscapes.Find("quartic")!, steps: 10);
        var range = new ParameterRange(SeriesParameter.LearningRate, 0.01, 0.02, 2);

        var error = Assert.ThrowsAny<ArgumentException>(() => Bifurcation.Check(problem, range, starts, keep, coordinate));

        Assert.StartsWith(named, UsageException.From(error).Message);
    }

    private static DescentProblem Problem(LandscapeEntry landscape, int steps, Box? box = null) =>
        new DescentProblem(landscape, new OptimizerSettings(OptimizerKind.GradientDescent, 0.1), new GridSpec(box ?? landscape.Info.Box, 1, 1),
            steps, 1e-9, Precision.F64, FixedSteps: true).Validated();

    /// <summary>The last <paramref name="keep"/> of x_0 = <paramref name="start"/>, ..., x_steps under <paramref name="update"/>, in float64.</summary>
    private static double[] ReferenceTail(double start, int steps, int keep, Func<double, double> update)
    {
        var tail = new double[keep];
        double x = start;
        for (int step = 0; step <= steps; step++)
        {
            int slot = step - (steps + 1 - keep);
            if (slot >= 0)
            {
                tail[slot] = x;
            }

            x = update(x);
        }

        return tail;
    }

    private static List<double> DistinctPoints(BifurcationDiagram diagram, int value)
    {
        var points = new List<double>();
        for (int start = 0; start < diagram.Starts.Count; start++)
        {
            for (int k = 0; k < diagram.Keep; k++)
            {
                double x = diagram.At(value, start, k);
                if (!points.Any(known => Math.Abs(known - x) <= SamePointTolerance))
                {
                    points.Add(x);
                }
            }
        }

        points.Sort();
        return points;
    }
}
