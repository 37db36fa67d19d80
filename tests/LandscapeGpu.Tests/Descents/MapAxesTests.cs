using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Models;
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

    [Fact]
    public void Run_LearningRatePerWeight_MatchesAFloat64LoopWithTwoStepSizesInEveryCell()
    {
        // The two-layer lr x lr setting of Sohl-Dickstein (2024): w2·tanh(w1·x) fitted to tanh.csv, each weight with
        // its own gradient-descent step size, from (0.5, 0.5).
        DataSet data = DataSets.Load("tanh");
        DescentProblem problem = LearningRatePerWeight(OptimizerKind.GradientDescent, Precision.F64, new Box(0.05, 1.2, 0.05, 1.2), 9, 7);
        using var simd = new SimdDescentEngine();
        BasinMap map = MapRunner.Run(problem, simd);
        double radius2 = problem.DivergenceRadius * problem.DivergenceRadius, tolerance2 = problem.Tolerance * problem.Tolerance;
        int converged = 0;
        for (int row = 0; row < problem.Grid.Height; row++)
        {
            for (int column = 0; column < problem.Grid.Width; column++)
            {
                double learningRate1 = problem.Grid.StartX(column), learningRate2 = problem.Grid.StartY(row);
                double w1 = 0.5, w2 = 0.5;
                int step = 0;
                for (; ; step++)
                {
                    // Mean squared error of w2·tanh(w1·x) − y over the rows, and its gradient.
                    double gradient1 = 0, gradient2 = 0;
                    for (int i = 0; i < data.Rows; i++)
                    {
                        double input = data.Values[2 * i], target = data.Values[(2 * i) + 1];
                        double activation = Math.Tanh(w1 * input), residual = (w2 * activation) - target;
                        gradient1 += 2 * residual * w2 * (1 - (activation * activation)) * input / data.Rows;
                        gradient2 += 2 * residual * activation / data.Rows;
                    }

                    if (!((w1 * w1) + (w2 * w2) < radius2) || (gradient1 * gradient1) + (gradient2 * gradient2) < tolerance2 || step == problem.MaxSteps)
                    {
                        converged += (gradient1 * gradient1) + (gradient2 * gradient2) < tolerance2 ? 1 : 0;
                        break;
                    }

                    w1 -= learningRate1 * gradient1;
                    w2 -= learningRate2 * gradient2;
                }

                int cell = (row * problem.Grid.Width) + column;
                string name = $"lr:w1 {learningRate1:G4}, lr:w2 {learningRate2:G4}";
                Assert.True(step == map.Steps[cell], $"{name}: {map.Steps[cell]} steps, the float64 loop {step}");
                Assert.True(Math.Abs(w1 - map.EndX[cell]) <= EndpointTolerance && Math.Abs(w2 - map.EndY[cell]) <= EndpointTolerance,
                    $"{name}: endpoint ({map.EndX[cell]:R}, {map.EndY[cell]:R}), the float64 loop ({w1:R}, {w2:R})");
            }
        }

        Assert.True(converged > problem.Grid.Count / 2, $"only {converged} of {problem.Grid.Count} cells converged: the test would prove little");
        Assert.True(map.Steps.Distinct().Count() > problem.Grid.Count / 2, "the cells barely differ: the learning rates did not reach them");
    }

    [Theory]
    [InlineData(OptimizerKind.GradientDescent)]
    [InlineData(OptimizerKind.Momentum)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Newton)]
    public void Run_LearningRatePerWeightEqualOnTheDiagonal_EqualsTheLearningRateMapBitForBit(OptimizerKind optimizer)
    {
        // Cell (i, i) gives both weights the same rate, the value of column i of an lr map from the same start (its
        // other axis, w1, has one row whose centre is 0.5 exactly): the same descent, the same bits.
        const int Size = 6;
        double low = optimizer == OptimizerKind.Newton ? 0.2 : 0.05, high = optimizer == OptimizerKind.Adam ? 0.3 : 1;
        DescentProblem perWeight = LearningRatePerWeight(optimizer, Precision.F32, new Box(low, high, low, high), Size, Size);
        DescentProblem learningRate = perWeight with
        {
            Grid = new GridSpec(new Box(low, high, 0.25, 0.75), Size, 1),
            Axes = perWeight.Axes! with { Horizontal = MapAxis.LearningRate, Vertical = MapAxis.X },
        };
        using var simd = new SimdDescentEngine();
        BasinMap diagonal = MapRunner.Run(perWeight.Validated(), simd);
        BasinMap line = MapRunner.Run(learningRate.Validated(), simd);
        for (int i = 0; i < Size; i++)
        {
            int cell = (i * Size) + i;
            Assert.True(diagonal.EndX[cell] == line.EndX[i] && diagonal.EndY[cell] == line.EndY[i] && diagonal.Steps[cell] == line.Steps[i],
                $"{optimizer}, lr {line.Problem.Grid.StartX(i):G4}: per-weight ({diagonal.EndX[cell]:R}, {diagonal.EndY[cell]:R}) in {diagonal.Steps[cell]} steps, " +
                $"lr map ({line.EndX[i]:R}, {line.EndY[i]:R}) in {line.Steps[i]} steps");
        }

        Assert.True(Enumerable.Range(0, Size).Select(i => diagonal.EndX[(i * Size) + i]).Distinct().Count() > 1 || diagonal.Steps.Distinct().Count() > 1,
            "every cell ended alike: the learning rates did not reach them");
    }

    [Theory]
    [InlineData(OptimizerKind.GradientDescent)]
    [InlineData(OptimizerKind.Adam)]
    public void Run_LearningRatePerWeight_SimdEngineAndIlgpuKernelAgreeBitForBit(OptimizerKind optimizer)
    {
        DescentProblem problem = LearningRatePerWeight(optimizer, Precision.F32, new Box(0.05, 0.6, 0.05, 0.6), 5, 4) with { MaxSteps = 300 };
        using var simd = new SimdDescentEngine();
        var onSimd = new TileResult(problem.Grid.Whole.Count);
        var onKernel = new TileResult(problem.Grid.Whole.Count);
        simd.Run(problem, problem.Grid.Whole, onSimd);
        fixture.Engine.Run(problem, problem.Grid.Whole, onKernel);
        Assert.Equal(onSimd.EndX, onKernel.EndX);
        Assert.Equal(onSimd.EndY, onKernel.EndY);
        Assert.Equal(onSimd.Steps, onKernel.Steps);
        Assert.True(onSimd.EndX.Distinct().Count() > problem.Grid.Count / 2, "the cells barely differ: the learning rates did not reach them");
    }

    [Fact]
    public void Parse_LearningRateOfAWeightThatIsNotFree_NamesItAndTheFreeWeights()
    {
        var spec = new ModelSpec("w3*tanh(w1*x + w2)", DataSets.Load("tanh"), Free: ["w1", "w3"], Fixed: new Dictionary<string, double> { ["w2"] = 0.5 });
        LandscapeInfo info = ModelLandscapes.Create(spec).Info;
        Assert.Equal(MapAxis.LearningRateY, MapAxes.Parse("lr:w3", info, OptimizerKind.GradientDescent));
        var error = Assert.Throws<InvalidParameterException>(() => MapAxes.Parse("lr:w2", info, OptimizerKind.GradientDescent));
        Assert.Equal("axes", error.Parameter);
        Assert.Contains("'lr:w2' is invalid: w2 is not a free weight of this model (its free weights, the map's x and y: w1, w3); valid: w1, w3, lr, lr:w1, lr:w3", error.Message);
    }

    [Fact]
    public void Validated_LearningRateBesideAWeightsOwn_IsRefused()
    {
        DescentProblem problem = LearningRatePerWeight(OptimizerKind.GradientDescent, Precision.F32, new Box(0.05, 1, 0.05, 1), 4, 4);
        var error = Assert.Throws<InvalidParameterException>(() => (problem with { Axes = problem.Axes! with { Horizontal = MapAxis.LearningRate } }).Validated());
        Assert.Contains("'lr,lr:w2' is invalid: lr sets the learning rate of every weight", error.Message);
    }

    // w2·tanh(w1·x) on tanh.csv with lr:w1 across and lr:w2 up, from (0.5, 0.5).
    private static DescentProblem LearningRatePerWeight(OptimizerKind optimizer, Precision precision, Box box, int width, int height)
    {
        LandscapeEntry model = ModelLandscapes.Create(new ModelSpec("w2*tanh(w1*x)", DataSets.Load("tanh")));
        var settings = new OptimizerSettings(optimizer, 0.1).Validated();
        double tolerance = precision == Precision.F32 ? 1e-4 : 1e-7;
        return new DescentProblem(model, settings, new GridSpec(box, width, height), 2000, tolerance, precision)
        {
            Axes = new MapAxes(MapAxis.LearningRateX, MapAxis.LearningRateY, false, false, 0.5, 0.5, model.Info.Box),
        }.Validated();
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
