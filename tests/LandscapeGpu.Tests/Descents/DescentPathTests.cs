using LandscapeGpu.Descents;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Tests.Devices;

namespace LandscapeGpu.Tests.Descents;

/// <summary>The view's recorded paths against the float64 kernel: same struct methods, same stopping rules, same endpoints.</summary>
[Collection(IlgpuCpuCollection.Name)]
public sealed class DescentPathTests(IlgpuCpuEngineFixture fixture)
{
    /// <summary>
    /// Host and kernel run the same float64 operations, but the JIT and ILGPU may fuse or reorder differently;
    /// endpoints within this (relative to the box) and step counts within one are the same descent.
    /// </summary>
    private const double EndpointTolerance = 1e-9;

    [Theory]
    [InlineData("himmelblau", OptimizerKind.GradientDescent, false)]
    [InlineData("himmelblau", OptimizerKind.Adam, false)]
    [InlineData("rosenbrock", OptimizerKind.Momentum, false)]
    [InlineData("quartic", OptimizerKind.Nesterov, false)]
    [InlineData("himmelblau", OptimizerKind.GradientDescent, true)]
    [InlineData("rosenbrock", OptimizerKind.Adam, true)]
    public void Record_EveryStartOfASmallGrid_EndsWhereTheKernelEnds(string landscape, OptimizerKind optimizer, bool fixedSteps)
    {
        DescentProblem problem = TestProblems.For(landscape, 5, optimizer: optimizer, precision: Precision.F64) with { FixedSteps = fixedSteps };
        var result = new TileResult((int)problem.Grid.Count);
        fixture.Engine.Run(problem, problem.Grid.Whole, result);

        for (int row = 0; row < problem.Grid.Height; row++)
        {
            for (int column = 0; column < problem.Grid.Width; column++)
            {
                int start = row * problem.Grid.Width + column;
                RecordedDescent path = DescentPath.Record(problem, problem.Grid.StartX(column), problem.Grid.StartY(row));

                Assert.Equal((problem.Grid.StartX(column), problem.Grid.StartY(row)), path.Points[0]);
                Assert.Equal(result.Outcomes[start], path.Outcome);
                Assert.InRange(path.Steps, result.Steps[start] - 1, result.Steps[start] + 1);
                if (path.Outcome != DescentOutcome.Diverged)
                {
                    double scale = Math.Max(1, problem.Grid.Box.Reach);
                    Assert.Equal(result.EndX[start], path.Points[^1].X, EndpointTolerance * scale);
                    Assert.Equal(result.EndY[start], path.Points[^1].Y, EndpointTolerance * scale);
                }
            }
        }
    }

    [Fact]
    public void Record_StartAtAMinimum_StopsAtOnceWithOnePoint()
    {
        DescentProblem problem = TestProblems.For("himmelblau", 4, precision: Precision.F64);

        RecordedDescent path = DescentPath.Record(problem, 3, 2);

        Assert.Equal(DescentOutcome.Converged, path.Outcome);
        Assert.Equal(0, path.Steps);
        Assert.Single(path.Points);
    }

    [Fact]
    public void Record_FixedStepsFromAMinimum_TakesTheWholeBudgetAndConverges()
    {
        DescentProblem problem = TestProblems.For("himmelblau", 4, precision: Precision.F64, steps: 37) with { FixedSteps = true };

        RecordedDescent path = DescentPath.Record(problem, 3, 2);

        Assert.Equal(DescentOutcome.Converged, path.Outcome);
        Assert.Equal(37, path.Steps);
    }
}
