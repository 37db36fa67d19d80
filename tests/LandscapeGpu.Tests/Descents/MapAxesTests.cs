using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Runs;
using LandscapeGpu.Tests.Devices;

namespace LandscapeGpu.Tests.Descents;

/// <summary>
/// Maps over other axes than start x and y (<see cref="MapAxes"/>): every cell is the descent of its own start with
/// its own hyperparameters, on the SIMD engine and the ILGPU kernel alike.
/// </summary>
[Collection(IlgpuCpuCollection.Name)]
public sealed class MapAxesTests(IlgpuCpuEngineFixture fixture)
{
    // The hand-written float64 loop below rounds every product and sum on its own; the engines fuse multiply-adds
    // in the gradient and the norms. On contracting (converging) descents those differences of an ulp or so per
    // step stay near 1e-13; 1e-9 still catches a wrong hyperparameter in any cell (lr or mu off by one cell moves
    // the endpoint or the step count at once).
    private const double EndpointTolerance = 1e-9;

    // Geometric centres computed by exp/log against √(edge·edge): a few ulp.
    private const double RelativeCentreTolerance = 1e-13;

    private static readonly LandscapeEntry Himmelblau = BuiltInLandscapes.Find("himmelblau")!;

    [Theory]
    [InlineData(Precision.F32, false)]
    [InlineData(Precision.F64, false)]
    [InlineData(Precision.F32, true)]
    public void Run_LearningRateByMomentum_EveryCellIsItsOwnSingleStartDescentOnBothEngines(Precision precision, bool fixedSteps)
    {
        DescentProblem problem = LearningRateByMomentum(precision, width: 11, height: 9) with { FixedSteps = fixedSteps, MaxSteps = fixedSteps ? 300 : 2000 };
        using var simd = new SimdDescentEngine();
        foreach ((string name, IDescentEngine engine) in new[] { ("SIMD engine", (IDescentEngine)simd), ("ILGPU kernel", fixture.Engine) })
        {
            var result = new TileResult(problem.Grid.Whole.Count);
            engine.Run(problem, problem.Grid.Whole, result);
            for (int row = 0; row < problem.Grid.Height; row++)
            {
                for (int column = 0; column < problem.Grid.Width; column++)
                {
                    (double x, double y, int steps, DescentOutcome outcome) = Alone(problem, column, row);
                    int i = row * problem.Grid.Width + column;
                    string cell = $"{name} {precision}, cell ({column}, {row})";
                    Assert.True(x == result.EndX[i] && y == result.EndY[i], $"{cell}: endpoint ({result.EndX[i]:R}, {result.EndY[i]:R}), alone ({x:R}, {y:R})");
                    Assert.True(steps == result.Steps[i], $"{cell}: {result.Steps[i]} steps, alone {steps}");
                    Assert.Equal(outcome, result.Outcomes[i]);
                }
            }
        }
    }

    [Fact]
    public void Run_LearningRateByMomentum_MatchesAFloat64MomentumLoopInEveryCell()
    {
        DescentProblem problem = LearningRateByMomentum(Precision.F64, width: 10, height: 8);
        using var simd = new SimdDescentEngine();
        BasinMap map = MapRunner.Run(problem, simd);
        double radius2 = problem.DivergenceRadius * problem.DivergenceRadius, tolerance2 = problem.Tolerance * problem.Tolerance;
        int converged = 0;
        for (int row = 0; row < problem.Grid.Height; row++)
        {
            for (int column = 0; column < problem.Grid.Width; column++)
            {
                double learningRate = problem.Grid.StartX(column), momentum = problem.Grid.StartY(row);
                double x = 0, y = 0, velocityX = 0, velocityY = 0;
                int step = 0;
                for (; ; step++)
                {
                    double inner1 = x * x + y - 11, inner2 = x + y * y - 7;
                    double gradientX = 4 * x * inner1 + 2 * inner2, gradientY = 2 * inner1 + 4 * y * inner2;
                    if (!(x * x + y * y < radius2) || gradientX * gradientX + gradientY * gradientY < tolerance2 || step == problem.MaxSteps)
                    {
                        converged += gradientX * gradientX + gradientY * gradientY < tolerance2 ? 1 : 0;
                        break;
                    }

                    velocityX = momentum * velocityX + gradientX;
                    velocityY = momentum * velocityY + gradientY;
                    x -= learningRate * velocityX;
                    y -= learningRate * velocityY;
                }

                int i = row * problem.Grid.Width + column;
                string cell = $"lr {learningRate:G4}, momentum {momentum:G4}";
                Assert.True(step == map.Steps[i], $"{cell}: {map.Steps[i]} steps, the float64 loop {step}");
                Assert.True(Math.Abs(x - map.EndX[i]) <= EndpointTolerance && Math.Abs(y - map.EndY[i]) <= EndpointTolerance,
                    $"{cell}: endpoint ({map.EndX[i]:R}, {map.EndY[i]:R}), the float64 loop ({x:R}, {y:R})");
            }
        }

        Assert.True(converged > problem.Grid.Count / 2, $"only {converged} of {problem.Grid.Count} cells converged: the test would prove little");
        Assert.True(map.Steps.Distinct().Count() > problem.Grid.Count / 2, "the cells barely differ: the hyperparameters did not reach them");
    }

    [Theory]
    [InlineData(OptimizerKind.GradientDescent)]
    [InlineData(OptimizerKind.Adam)]
    public void Run_AxesYThenX_IsTheTransposeOfTheXYMap(OptimizerKind optimizer)
    {
        DescentProblem plain = TestProblems.For("himmelblau", 20, 14, optimizer: optimizer, steps: 400);
        Box box = plain.Grid.Box;
        DescentProblem swapped = (plain with
        {
            Grid = new GridSpec(new Box(box.Y0, box.Y1, box.X0, box.X1), 14, 20),
            Axes = new MapAxes(MapAxis.Y, MapAxis.X, false, false, 0, 0, Himmelblau.Info.Box),
        }).Validated();
        using var simd = new SimdDescentEngine();
        BasinMap expected = MapRunner.Run(plain, simd);
        BasinMap transposed = MapRunner.Run(swapped, simd);
        for (int row = 0; row < 14; row++)
        {
            for (int column = 0; column < 20; column++)
            {
                int i = row * 20 + column, j = column * 14 + row;
                Assert.Equal(expected.EndX[i], transposed.EndX[j]);
                Assert.Equal(expected.EndY[i], transposed.EndY[j]);
                Assert.Equal(expected.Steps[i], transposed.Steps[j]);
                Assert.Equal(AttractorAt(expected, i), AttractorAt(transposed, j));
            }
        }
    }

    [Fact]
    public void AxisValues_LogAxis_PutsCellCentresAtGeometricMidpoints()
    {
        var grid = new GridSpec(new Box(1e-4, 1e-1, 0, 0.9), 7, 5);
        var axes = new MapAxes(MapAxis.LearningRate, MapAxis.Momentum, true, false, 0, 0, Himmelblau.Info.Box);
        double[] values = axes.AxisValues(grid, new TileSpec(2, 1, 5, 3));
        for (int column = 0; column < 5; column++)
        {
            double left = 1e-4 * Math.Pow(1e3, (column + 2) / 7.0), right = 1e-4 * Math.Pow(1e3, (column + 3) / 7.0);
            double midpoint = Math.Sqrt(left * right);
            Assert.True(Math.Abs(values[column] - midpoint) <= RelativeCentreTolerance * midpoint, $"column {column + 2}: {values[column]:R}, geometric midpoint {midpoint:R}");
        }

        for (int row = 0; row < 3; row++)
        {
            Assert.Equal(grid.StartY(row + 1), values[5 + row]);
        }
    }

    [Fact]
    public void Validated_MomentumForAdam_NamesTheAxisAndTheValidOnes()
    {
        DescentProblem problem = LearningRateByMomentum(Precision.F32, 4, 4) with { Optimizer = new OptimizerSettings(OptimizerKind.Adam, 0.01) };
        var error = Assert.Throws<InvalidParameterException>(() => problem.Validated());
        Assert.Equal("axes", error.Parameter);
        Assert.Contains("'momentum'", error.Message);
        Assert.Contains("valid: x, y, lr, beta1, beta2, eps", error.Message);
    }

    private static DescentProblem LearningRateByMomentum(Precision precision, int width, int height)
    {
        // From (0, 0), over learning rates and momenta where momentum descends without diverging (seen in the map).
        var settings = new OptimizerSettings(OptimizerKind.Momentum, 0.01);
        double tolerance = precision == Precision.F32 ? 1e-3 : 1e-6;
        return new DescentProblem(Himmelblau, settings, new GridSpec(new Box(0.001, 0.015, 0, 0.8), width, height), 2000, tolerance, precision)
        {
            Axes = new MapAxes(MapAxis.LearningRate, MapAxis.Momentum, false, false, 0, 0, Himmelblau.Info.Box),
        }.Validated();
    }

    // One start alone: the cell's hyperparameters, the shared descent loop with both groups the same start.
    private static (double X, double Y, int Steps, DescentOutcome Outcome) Alone(DescentProblem problem, int column, int row)
    {
        MapAxes axes = problem.Axes!;
        double[] values = axes.AxisValues(problem.Grid, problem.Grid.Whole);
        axes.Setup(problem.Optimizer).At(values[column], values[problem.Grid.Width + row], out double x, out double y, out Hyperparameters hyperparameters);
        OptimizerSettings settings = problem.Optimizer with
        {
            LearningRate = hyperparameters.LearningRate, Momentum = hyperparameters.Momentum, Beta1 = hyperparameters.Beta1,
            Beta2 = hyperparameters.Beta2, Epsilon = hyperparameters.Epsilon,
        };
        var single = new SingleStart(x, y, problem.MaxSteps, problem.Tolerance, problem.DivergenceRadius, problem.FixedSteps);
        Specialization.Dispatch<Real32, Real64>(problem with { Optimizer = settings, Axes = null }, single);
        return single.Result;
    }

    private static (double X, double Y) AttractorAt(BasinMap map, int start) =>
        map.Ids[start] >= 0 ? map.Basins.Attractors.Where(a => a.Id == map.Ids[start]).Select(a => (a.X, a.Y)).Single() : (double.NaN, map.Ids[start]);

    private sealed class SingleStart(double startX, double startY, int maxSteps, double tolerance, double radius, bool fixedSteps) : ISpecializedDescent
    {
        public (double X, double Y, int Steps, DescentOutcome Outcome) Result { get; private set; }

        public void Run<TLandscape, TOptimizer, T>(TLandscape landscape, TOptimizer optimizer)
            where TLandscape : struct, ILandscape
            where TOptimizer : struct, IOptimizer<T>
            where T : struct, IReal<T>
        {
            T x = T.Of(startX), y = T.Of(startY);
            T status, steps;
            if (fixedSteps)
            {
                // All four groups descend the same start, as in Float64ReferenceEngine.
                T x1 = x, y1 = y, x2 = x, y2 = y, x3 = x, y3 = y;
                var memory = default(DescentMemory<T>);
                Descent.RunFixed(landscape, optimizer, ref memory, ref x, ref y, ref x1, ref y1, ref x2, ref y2, ref x3, ref y3, maxSteps,
                    T.Of(tolerance * tolerance), T.Of(radius * radius), out status, out _, out _, out _);
                steps = T.Of(maxSteps);
            }
            else
            {
                Descent.RunSingle(landscape, optimizer, ref x, ref y, maxSteps, T.Of(tolerance * tolerance), T.Of(radius * radius), out status, out steps);
            }

            Result = (T.GetLane(x, 0), T.GetLane(y, 0), (int)T.GetLane(steps, 0), (DescentOutcome)(byte)T.GetLane(status, 0));
        }
    }
}
