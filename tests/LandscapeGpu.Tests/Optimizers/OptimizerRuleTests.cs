using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes.BuiltIn;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Tests.Optimizers;

/// <summary>
/// Every update rule, stepped over <see cref="Real64"/> on Himmelblau, against the textbook rule written out here in
/// plain doubles with Himmelblau's gradient and Hessian by hand: the optimizers may arrange their arithmetic for
/// speed (Adam takes its bias corrections from the per-step schedule), but not change the rule.
/// </summary>
public sealed class OptimizerRuleTests
{
    // Rearranged float64 arithmetic over 40 steps: a few ulp per step, compounded; 1e-11 relative still catches
    // any change of rule (a missing bias correction, a wrong sign or decay is off by percent).
    private const double RelativeTolerance = 1e-11;

    private const int Steps = 40;

    [Theory]
    [InlineData(OptimizerKind.GradientDescent, 0.01, -4.1, 3.3)]
    [InlineData(OptimizerKind.Momentum, 0.005, 1.2, -0.7)]
    [InlineData(OptimizerKind.Nesterov, 0.005, -2.2, -4.6)]
    [InlineData(OptimizerKind.RmsProp, 0.02, 0.3, 0.4)]
    [InlineData(OptimizerKind.Adam, 0.05, 4.4, -4.9)]
    [InlineData(OptimizerKind.Adam, 0.01, -0.2, 0.1)]
    [InlineData(OptimizerKind.Newton, 0.7, 2.1, 1.7)]
    public void Step_ManySteps_FollowsTheTextbookRule(OptimizerKind kind, double learningRate, double startX, double startY)
    {
        var settings = new OptimizerSettings(kind, learningRate,
            Beta2: OptimizerSettings.DefaultBeta2For(kind), Epsilon: OptimizerSettings.DefaultEpsilonFor(kind)).Validated();
        var textbook = new Textbook(settings, startX, startY);
        Real64 x = Real64.Of(startX), y = Real64.Of(startY);
        OptimizerState<Real64> state = OptimizerState<Real64>.Initial;
        OptimizerSchedule<Real64> schedule = OptimizerSchedule<Real64>.Initial;
        var landscape = new Himmelblau();
        for (int step = 1; step <= Steps; step++)
        {
            landscape.Gradient(x, y, out Real64 gradientX, out Real64 gradientY);
            switch (kind)
            {
                case OptimizerKind.GradientDescent: Step(new GradientDescent<Real64>(settings), landscape, ref schedule, ref state, ref x, ref y, gradientX, gradientY); break;
                case OptimizerKind.Momentum: Step(new Momentum<Real64>(settings), landscape, ref schedule, ref state, ref x, ref y, gradientX, gradientY); break;
                case OptimizerKind.Nesterov: Step(new Nesterov<Real64>(settings), landscape, ref schedule, ref state, ref x, ref y, gradientX, gradientY); break;
                case OptimizerKind.RmsProp: Step(new RmsProp<Real64>(settings), landscape, ref schedule, ref state, ref x, ref y, gradientX, gradientY); break;
                case OptimizerKind.Adam: Step(new Adam<Real64>(settings), landscape, ref schedule, ref state, ref x, ref y, gradientX, gradientY); break;
                default: Step(new Newton<Real64>(settings), landscape, ref schedule, ref state, ref x, ref y, gradientX, gradientY); break;
            }

            textbook.Step(step);
            AssertClose(textbook.X, Real64.GetLane(x, 0), $"x after step {step}");
            AssertClose(textbook.Y, Real64.GetLane(y, 0), $"y after step {step}");
        }

        Assert.True(Math.Abs(textbook.X - startX) + Math.Abs(textbook.Y - startY) > 0.1, "the descent barely moved: the test would prove little");
    }

    [Fact]
    public void AdamSchedule_ThousandsOfSteps_MatchesTheBiasCorrectionsAndNeverGoesSubnormal()
    {
        // β1 = 0.9 would make β1ᵗ subnormal in float32 from t ≈ 830 on (slow on CPUs); the schedule flushes the
        // powers to 0 where 1 − βᵗ is 1 anyway, so every step's corrections stay what the rule says.
        var settings = new OptimizerSettings(OptimizerKind.Adam, 0.01, Beta2: 0.999, Epsilon: 1e-8).Validated();
        // 1 − βᵗ cancels: each rounding of βᵗ (relative u) is magnified by βᵗ/(1 − βᵗ), about 1000/t for β2 = 0.999
        // over the first steps, so float32 (u ≈ 6e-8) keeps about 4 digits there and float64 about 13, as in any
        // implementation that keeps the powers in the working precision.
        Check<Real32>(settings, 2e-4);
        Check<Real64>(settings, 1e-12);

        static void Check<T>(OptimizerSettings settings, double tolerance) where T : struct, IReal<T>
        {
            var adam = new Adam<T>(settings);
            OptimizerSchedule<T> schedule = OptimizerSchedule<T>.Initial;
            for (int t = 1; t <= 5000; t++)
            {
                adam.Advance(ref schedule);
                double correction1 = 1 - Math.Pow(settings.Beta1, t), correction2 = 1 - Math.Pow(settings.Beta2, t);
                AssertRelative(settings.LearningRate * Math.Sqrt(correction2) / correction1, T.GetLane(schedule.StepSize, 0), tolerance, $"{typeof(T).Name} step size at t = {t}");
                AssertRelative(settings.Epsilon * Math.Sqrt(correction2), T.GetLane(schedule.ScaledEpsilon, 0), tolerance, $"{typeof(T).Name} scaled epsilon at t = {t}");
                // A power is flushed once it is below 2⁻⁶⁰, so it is never below 2⁻⁶⁰·β unless it is 0: never subnormal.
                foreach ((double power, double beta) in new[] { (T.GetLane(schedule.Beta1Power, 0), settings.Beta1), (T.GetLane(schedule.Beta2Power, 0), settings.Beta2) })
                {
                    Assert.True(power == 0 || power >= Math.ScaleB(beta, -60), $"{typeof(T).Name}: a power of beta is {power:R} at t = {t}");
                }
            }

            Assert.Equal(0, T.GetLane(schedule.Beta1Power, 0));
        }

        static void AssertRelative(double expected, double actual, double tolerance, string what) =>
            Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"{what}: expected {expected:R}, got {actual:R}");
    }

    // One step as the descent loops take it: the schedule moves on, then the start steps.
    private static void Step<TOptimizer>(TOptimizer optimizer, Himmelblau landscape, ref OptimizerSchedule<Real64> schedule,
        ref OptimizerState<Real64> state, ref Real64 x, ref Real64 y, Real64 gradientX, Real64 gradientY)
        where TOptimizer : struct, IOptimizer<Real64>
    {
        optimizer.Advance(ref schedule);
        optimizer.Step(landscape, schedule, ref state, ref x, ref y, gradientX, gradientY);
    }

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= RelativeTolerance * Math.Max(1, Math.Abs(expected)),
            $"{what}: textbook {expected:R}, optimizer {actual:R}");

    // The rules as written in the README's table, in doubles.
    private sealed class Textbook(OptimizerSettings settings, double x, double y)
    {
        private double firstX, firstY, secondX, secondY;

        public double X { get; private set; } = x;

        public double Y { get; private set; } = y;

        public void Step(int t)
        {
            double a = X * X + Y - 11, b = X + Y * Y - 7;
            double gx = 4 * X * a + 2 * b, gy = 2 * a + 4 * Y * b;
            double lr = settings.LearningRate, mu = settings.Momentum, eps = settings.Epsilon;
            switch (settings.Kind)
            {
                case OptimizerKind.GradientDescent:
                    X -= lr * gx;
                    Y -= lr * gy;
                    break;
                case OptimizerKind.Momentum:
                    firstX = mu * firstX + gx;
                    firstY = mu * firstY + gy;
                    X -= lr * firstX;
                    Y -= lr * firstY;
                    break;
                case OptimizerKind.Nesterov:
                    firstX = mu * firstX + gx;
                    firstY = mu * firstY + gy;
                    X -= lr * (gx + mu * firstX);
                    Y -= lr * (gy + mu * firstY);
                    break;
                case OptimizerKind.RmsProp:
                    secondX = settings.Beta2 * secondX + (1 - settings.Beta2) * gx * gx;
                    secondY = settings.Beta2 * secondY + (1 - settings.Beta2) * gy * gy;
                    X -= lr * gx / (Math.Sqrt(secondX) + eps);
                    Y -= lr * gy / (Math.Sqrt(secondY) + eps);
                    break;
                case OptimizerKind.Adam:
                    firstX = settings.Beta1 * firstX + (1 - settings.Beta1) * gx;
                    firstY = settings.Beta1 * firstY + (1 - settings.Beta1) * gy;
                    secondX = settings.Beta2 * secondX + (1 - settings.Beta2) * gx * gx;
                    secondY = settings.Beta2 * secondY + (1 - settings.Beta2) * gy * gy;
                    double correction1 = 1 - Math.Pow(settings.Beta1, t), correction2 = 1 - Math.Pow(settings.Beta2, t);
                    X -= lr * (firstX / correction1) / (Math.Sqrt(secondX / correction2) + eps);
                    Y -= lr * (firstY / correction1) / (Math.Sqrt(secondY / correction2) + eps);
                    break;
                default:
                    double hxx = 12 * X * X + 4 * Y - 42 + eps, hyy = 4 * X + 12 * Y * Y - 26 + eps, hxy = 4 * (X + Y);
                    double determinant = hxx * hyy - hxy * hxy;
                    X -= lr * (hyy * gx - hxy * gy) / determinant;
                    Y -= lr * (hxx * gy - hxy * gx) / determinant;
                    break;
            }
        }
    }
}
