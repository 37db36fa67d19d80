using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Tests.Weights;

public sealed class WeightDescentTests
{
    // The loop runs in float64 with fused multiply-adds where the reference below rounds each product: both are
    // within a few ulps per step, and over 40 steps of these well-conditioned updates the drift was seen below 1e-13.
    private const double StepTolerance = 1e-10;

    private const int Steps = 40;

    private static readonly double[][] Starts = [[0.7, -0.4, 1.3], [-1.2, 0.9, 0.3], [2.0, 1.5, -0.8]];

    public static TheoryData<OptimizerKind> Kinds() => new(Enum.GetValues<OptimizerKind>());

    public static OptimizerSettings SettingsFor(OptimizerKind kind) => (kind switch
    {
        OptimizerKind.GradientDescent => new OptimizerSettings(kind, 0.1),
        OptimizerKind.Momentum => new OptimizerSettings(kind, 0.05),
        OptimizerKind.Nesterov => new OptimizerSettings(kind, 0.05),
        OptimizerKind.RmsProp => new OptimizerSettings(kind, 0.01, Beta2: OptimizerSettings.DefaultRmsPropDecay),
        OptimizerKind.Adam => new OptimizerSettings(kind, 0.05),
        _ => new OptimizerSettings(kind, 0.5, Epsilon: OptimizerSettings.DefaultNewtonDamping),
    }).Validated();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Run_ThreeCoupledWeights_AgreesStepForStepWithFloat64Reference(OptimizerKind kind)
    {
        OptimizerSettings settings = SettingsFor(kind);
        foreach (double[] start in Starts)
        {
            double[][] path = ReferencePath(settings, start, Steps);
            for (int steps = 1; steps <= Steps; steps++)
            {
                // A tolerance whose square is far below any gradient here: no start converges early.
                Weights4<Real64> weights = Load(start);
                Run(settings, ref weights, steps, 1e-150, 1e6, out double status, out double taken);
                Assert.Equal((double)DescentOutcome.Unconverged, status);
                Assert.Equal(steps, taken);
                for (int k = 0; k < 3; k++)
                {
                    double actual = Weights4<Real64>.Get(weights, k).Value;
                    double expected = path[steps][k];
                    Assert.True(Math.Abs(actual - expected) <= StepTolerance * Math.Max(1, Math.Abs(expected)),
                        $"{kind} from ({string.Join(", ", start)}), step {steps}, weight {k}: {actual:R} but the reference has {expected:R}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Run_Tolerance_StopsAtTheFirstStepWhoseFullGradientIsSmall(OptimizerKind kind)
    {
        OptimizerSettings settings = SettingsFor(kind);
        double tolerance = 1e-3;
        double[] start = Starts[0];
        double[][] path = ReferencePath(settings, start, 3000);
        int expectedStep = Array.FindIndex(path, w => Norm2(CoupledThreeWeights.GradientOf(w)) < tolerance * tolerance);
        Assert.True(expectedStep > 0, $"{kind}: the reference never converged within 3000 steps");

        Weights4<Real64> weights = Load(start);
        Run(settings, ref weights, 3000, tolerance, 1e6, out double status, out double taken);
        Assert.Equal((double)DescentOutcome.Converged, status);
        Assert.Equal(expectedStep, taken);
    }

    [Fact]
    public void Run_StartOutsideRadius_DivergesAtStepZero()
    {
        Weights4<Real64> weights = Load([30, 0, 0]);
        Run(SettingsFor(OptimizerKind.GradientDescent), ref weights, 100, 1e-6, 10, out double status, out double taken);
        Assert.Equal((double)DescentOutcome.Diverged, status);
        Assert.Equal(0, taken);
        Assert.Equal(30, Weights4<Real64>.Get(weights, 0).Value);
    }

    [Fact]
    public void RunFixed_TakesEveryStep_EndsWhereTheReferenceEnds()
    {
        OptimizerSettings settings = SettingsFor(OptimizerKind.Adam);
        double[] expected = ReferencePath(settings, Starts[1], 25)[25];
        Weights4<Real64> weights = Load(Starts[1]);
        var optimizer = new WeightAdam<Real64>(OptimizerValues<Real64>.Of(settings));
        WeightDescent.RunFixed<CoupledThreeWeights, WeightAdam<Real64>, Real64, Weights4<Real64>, SymmetricWeights4<Real64>>(
            default, optimizer, ref weights, 25, Real64.Of(1e-300), Real64.Of(1e12), out Real64 status);
        Assert.Equal((double)DescentOutcome.Unconverged, status.Value);
        for (int k = 0; k < 3; k++)
        {
            Assert.True(Math.Abs(Weights4<Real64>.Get(weights, k).Value - expected[k]) <= StepTolerance * Math.Max(1, Math.Abs(expected[k])));
        }
    }

    [Fact]
    public void Solve_DampedSymmetricSystem_MatchesGaussianElimination()
    {
        var random = new Random(1414);
        for (int trial = 0; trial < 20; trial++)
        {
            const int n = 11;
            var matrix = new double[n, n];
            var right = new double[n];
            for (int i = 0; i < n; i++)
            {
                right[i] = random.NextDouble() * 2 - 1;
                for (int j = 0; j <= i; j++)
                {
                    matrix[i, j] = matrix[j, i] = random.NextDouble() * 2 - 1 + (i == j ? 4 * (trial % 2 == 0 ? 1 : -1) : 0);
                }
            }

            var symmetric = default(SymmetricWeights16<Real64>);
            var vector = default(Weights16<Real64>);
            for (int i = 0; i < n; i++)
            {
                Weights16<Real64>.Set(ref vector, i, Real64.Of(right[i]));
                for (int j = 0; j <= i; j++)
                {
                    SymmetricWeights16<Real64>.Set(ref symmetric, i, j, Real64.Of(matrix[i, j]));
                }
            }

            Weights16<Real64> solution = SymmetricSolve.Solve<Real64, Weights16<Real64>, SymmetricWeights16<Real64>>(ref symmetric, Real64.Of(0.25), vector, n);
            for (int i = 0; i < n; i++)
            {
                matrix[i, i] += 0.25;
            }

            double[] expected = GaussianSolve(matrix, right);
            for (int i = 0; i < WeightDescent.MaxWeights; i++)
            {
                double actual = Weights16<Real64>.Get(solution, i).Value;
                Assert.True(Math.Abs(actual - (i < n ? expected[i] : 0)) <= 1e-10 * Math.Max(1, Math.Abs(i < n ? expected[i] : 0)),
                    $"trial {trial}, entry {i}: {actual:R}, expected {(i < n ? expected[i] : 0):R}");
            }
        }
    }

    // The loop in float64 with the 3-weight model, by optimizer kind (the types the engines choose for K = 3).
    private static void Run(OptimizerSettings settings, ref Weights4<Real64> weights, int steps, double tolerance, double radius, out double status, out double taken)
    {
        OptimizerValues<Real64> values = OptimizerValues<Real64>.Of(settings);
        Real64 tolerance2 = Real64.Of(tolerance * tolerance), radius2 = Real64.Of(radius * radius);
        Real64 laneStatus, laneSteps;
        switch (settings.Kind)
        {
            case OptimizerKind.GradientDescent:
                WeightDescent.Run<CoupledThreeWeights, WeightGradientDescent<Real64>, Real64, Weights4<Real64>, SymmetricWeights4<Real64>>(
                    default, new(values), ref weights, steps, tolerance2, radius2, out laneStatus, out laneSteps);
                break;
            case OptimizerKind.Momentum:
                WeightDescent.Run<CoupledThreeWeights, WeightMomentum<Real64>, Real64, Weights4<Real64>, SymmetricWeights4<Real64>>(
                    default, new(values), ref weights, steps, tolerance2, radius2, out laneStatus, out laneSteps);
                break;
            case OptimizerKind.Nesterov:
                WeightDescent.Run<CoupledThreeWeights, WeightNesterov<Real64>, Real64, Weights4<Real64>, SymmetricWeights4<Real64>>(
                    default, new(values), ref weights, steps, tolerance2, radius2, out laneStatus, out laneSteps);
                break;
            case OptimizerKind.RmsProp:
                WeightDescent.Run<CoupledThreeWeights, WeightRmsProp<Real64>, Real64, Weights4<Real64>, SymmetricWeights4<Real64>>(
                    default, new(values), ref weights, steps, tolerance2, radius2, out laneStatus, out laneSteps);
                break;
            case OptimizerKind.Adam:
                WeightDescent.Run<CoupledThreeWeights, WeightAdam<Real64>, Real64, Weights4<Real64>, SymmetricWeights4<Real64>>(
                    default, new(values), ref weights, steps, tolerance2, radius2, out laneStatus, out laneSteps);
                break;
            default:
                WeightDescent.Run<CoupledThreeWeights, WeightNewton<Real64>, Real64, Weights4<Real64>, SymmetricWeights4<Real64>>(
                    default, new(values), ref weights, steps, tolerance2, radius2, out laneStatus, out laneSteps);
                break;
        }

        status = laneStatus.Value;
        taken = laneSteps.Value;
    }

    private static Weights4<Real64> Load(double[] start)
    {
        var weights = default(Weights4<Real64>);
        for (int k = 0; k < start.Length; k++)
        {
            Weights4<Real64>.Set(ref weights, k, Real64.Of(start[k]));
        }

        return weights;
    }

    // The textbook rules in float64, step by step: path[s] is the weight vector after s steps.
    internal static double[][] ReferencePath(OptimizerSettings settings, double[] start, int steps)
    {
        double lr = settings.LearningRate, mu = settings.Momentum, beta1 = settings.Beta1, beta2 = settings.Beta2, eps = settings.Epsilon;
        double[] w = (double[])start.Clone();
        var first = new double[3];
        var second = new double[3];
        double beta1Power = 1, beta2Power = 1;
        var path = new double[steps + 1][];
        path[0] = (double[])w.Clone();
        for (int step = 1; step <= steps; step++)
        {
            double[] g = CoupledThreeWeights.GradientOf(w);
            beta1Power *= beta1;
            beta2Power *= beta2;
            double[] newton = settings.Kind == OptimizerKind.Newton ? DampedNewton(w, g, eps) : [];
            for (int k = 0; k < 3; k++)
            {
                switch (settings.Kind)
                {
                    case OptimizerKind.GradientDescent:
                        w[k] -= lr * g[k];
                        break;
                    case OptimizerKind.Momentum:
                        first[k] = mu * first[k] + g[k];
                        w[k] -= lr * first[k];
                        break;
                    case OptimizerKind.Nesterov:
                        first[k] = mu * first[k] + g[k];
                        w[k] -= lr * (g[k] + mu * first[k]);
                        break;
                    case OptimizerKind.RmsProp:
                        second[k] = beta2 * second[k] + (1 - beta2) * g[k] * g[k];
                        w[k] -= lr * g[k] / (Math.Sqrt(second[k]) + eps);
                        break;
                    case OptimizerKind.Adam:
                        first[k] = beta1 * first[k] + (1 - beta1) * g[k];
                        second[k] = beta2 * second[k] + (1 - beta2) * g[k] * g[k];
                        w[k] -= lr * (first[k] / (1 - beta1Power)) / (Math.Sqrt(second[k] / (1 - beta2Power)) + eps);
                        break;
                    default:
                        w[k] -= lr * newton[k];
                        break;
                }
            }

            path[step] = (double[])w.Clone();
        }

        return path;
    }

    private static double[] DampedNewton(double[] w, double[] g, double damping)
    {
        double[,] hessian = CoupledThreeWeights.HessianOf(w);
        for (int i = 0; i < 3; i++)
        {
            hessian[i, i] += damping;
        }

        return GaussianSolve(hessian, g);
    }

    // Gaussian elimination with partial pivoting (a different algorithm from the LDLᵀ under test).
    private static double[] GaussianSolve(double[,] matrix, double[] right)
    {
        int n = right.Length;
        var a = (double[,])matrix.Clone();
        var b = (double[])right.Clone();
        for (int column = 0; column < n; column++)
        {
            int pivot = column;
            for (int row = column + 1; row < n; row++)
            {
                if (Math.Abs(a[row, column]) > Math.Abs(a[pivot, column]))
                {
                    pivot = row;
                }
            }

            for (int j = 0; j < n; j++)
            {
                (a[column, j], a[pivot, j]) = (a[pivot, j], a[column, j]);
            }

            (b[column], b[pivot]) = (b[pivot], b[column]);
            for (int row = column + 1; row < n; row++)
            {
                double factor = a[row, column] / a[column, column];
                for (int j = column; j < n; j++)
                {
                    a[row, j] -= factor * a[column, j];
                }

                b[row] -= factor * b[column];
            }
        }

        var x = new double[n];
        for (int row = n - 1; row >= 0; row--)
        {
            double sum = b[row];
            for (int j = row + 1; j < n; j++)
            {
                sum -= a[row, j] * x[j];
            }

            x[row] = sum / a[row, row];
        }

        return x;
    }

    private static double Norm2(double[] v) => v.Sum(x => x * x);
}
