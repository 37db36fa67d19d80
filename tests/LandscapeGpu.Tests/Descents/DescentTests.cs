using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Tests.Descents;

/// <summary>
/// <see cref="Descent.Run"/> takes its steps in optimistic blocks; these tests hold it to the plain step-by-step loop
/// it replaced (written out below), bit for bit, on the same number type.
/// </summary>
public sealed class DescentTests
{
    public static TheoryData<string, OptimizerKind, double, int> Cases() => new()
    {
        { "himmelblau", OptimizerKind.GradientDescent, 1e-3, 1000 },
        { "himmelblau", OptimizerKind.GradientDescent, 1e-6, 997 },
        { "himmelblau", OptimizerKind.Adam, 1e-3, 403 },
        { "himmelblau", OptimizerKind.Newton, 1e-6, 61 },
        { "rastrigin", OptimizerKind.Momentum, 1e-3, 1000 },
        { "styblinski-tang", OptimizerKind.RmsProp, 1e-3, 777 },
        { "ackley", OptimizerKind.Nesterov, 1e-3, 500 },
        { "quartic", OptimizerKind.GradientDescent, 1e-4, 5 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_Real64_MatchesThePlainLoopBitForBit(string landscape, OptimizerKind optimizer, double tolerance, int steps)
    {
        DescentProblem problem = TestProblems.For(landscape, 23, optimizer: optimizer, precision: Precision.F64, tolerance: tolerance, steps: steps);
        Specialization.Dispatch<Real64, Real64>(problem, new Comparison(problem));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_SimdLanes_MatchesThePlainLoopBitForBit(string landscape, OptimizerKind optimizer, double tolerance, int steps)
    {
        DescentProblem problem = TestProblems.For(landscape, 23, optimizer: optimizer, tolerance: tolerance, steps: steps);
        Specialization.Dispatch<Lanes16F32, Lanes4F64>(problem, new Comparison(problem));
    }

    [Fact]
    public void Run_LargeLearningRate_DivergesAtTheSameStepAsThePlainLoop()
    {
        // Starts far out overshoot and leave the divergence radius at different steps: blocks are undone on each.
        DescentProblem problem = TestProblems.For("himmelblau", 23, precision: Precision.F64, learningRate: 0.05, steps: 200);
        var comparison = new Comparison(problem);
        Specialization.Dispatch<Real64, Real64>(problem, comparison);
        Assert.True(comparison.Diverged > 0, "no start diverged: the test would not exercise divergence");
    }

    private sealed class Comparison(DescentProblem problem) : ISpecializedDescent
    {
        public int Diverged { get; private set; }

        public void Run<TLandscape, TOptimizer, T>(TLandscape landscape, TOptimizer optimizer)
            where TLandscape : struct, ILandscape
            where TOptimizer : struct, IOptimizer<T>
            where T : struct, IReal<T>
        {
            double tolerance2 = problem.Tolerance * problem.Tolerance, radius2 = problem.DivergenceRadius * problem.DivergenceRadius;
            GridSpec grid = problem.Grid;
            for (int row = 0; row < grid.Height; row++)
            {
                for (int column = 0; column < grid.Width; column += T.LaneCount)
                {
                    // Lane i starts at column + i (wrapping), so SIMD lanes hold different starts.
                    var starts = new double[T.LaneCount];
                    for (int lane = 0; lane < starts.Length; lane++)
                    {
                        starts[lane] = grid.StartX((column + lane) % grid.Width);
                    }

                    T x = Load<T>(starts), y = T.Of(grid.StartY(row));
                    T plainX = x, plainY = y;
                    Descent.Run(landscape, optimizer, ref x, ref y, problem.MaxSteps, T.Of(tolerance2), T.Of(radius2), out T status, out T steps);
                    PlainLoop(landscape, optimizer, ref plainX, ref plainY, problem.MaxSteps, T.Of(tolerance2), T.Of(radius2), out T plainStatus, out T plainSteps);
                    for (int lane = 0; lane < T.LaneCount; lane++)
                    {
                        string where = $"lane {lane}, start ({starts[lane]}, {grid.StartY(row)})";
                        Assert.True(T.GetLane(plainStatus, lane) == T.GetLane(status, lane), $"status at {where}");
                        Assert.True(T.GetLane(plainSteps, lane) == T.GetLane(steps, lane), $"steps at {where}: {T.GetLane(plainSteps, lane)} vs {T.GetLane(steps, lane)}");
                        Assert.True(T.GetLane(plainX, lane).Equals(T.GetLane(x, lane)), $"x at {where}");
                        Assert.True(T.GetLane(plainY, lane).Equals(T.GetLane(y, lane)), $"y at {where}");
                        Diverged += T.GetLane(status, lane) == (double)DescentOutcome.Diverged ? 1 : 0;
                    }
                }
            }
        }

        private static T Load<T>(double[] values) where T : struct, IReal<T>
        {
            if (typeof(T) == typeof(Lanes16F32))
            {
                return (T)(object)Lanes16F32.FromLanes(values);
            }

            if (typeof(T) == typeof(Lanes4F64))
            {
                return (T)(object)Lanes4F64.FromLanes(values);
            }

            return T.Of(values[0]);
        }

        // The loop as it was before optimistic blocks: every step checked and every finished lane frozen by selection.
        private static void PlainLoop<TLandscape, TOptimizer, T>(
            in TLandscape landscape, in TOptimizer optimizer, ref T x, ref T y, int maxSteps, T tolerance2, T radius2, out T status, out T steps)
            where TLandscape : struct, ILandscape
            where TOptimizer : struct, IOptimizer<T>
            where T : struct, IReal<T>
        {
            T half = T.Of(0.5);
            OptimizerState<T> state = OptimizerState<T>.Initial;
            status = T.Of(0);
            steps = T.Of(0);
            for (int step = 0; ; step++)
            {
                landscape.Gradient(x, y, out T gradientX, out T gradientY);
                T verdict = T.IfLess(T.MultiplyAdd(x, x, y * y), radius2,
                    T.IfLess(T.MultiplyAdd(gradientX, gradientX, gradientY * gradientY), tolerance2, T.Of(1), T.Of(0)),
                    T.Of(2));
                steps = T.IfLess(status, half, T.Of(step), steps);
                status = T.IfLess(status, half, verdict, status);
                if (T.AllLess(half, status) || step == maxSteps)
                {
                    return;
                }

                T nextX = x, nextY = y;
                optimizer.Step(landscape, ref state, ref nextX, ref nextY, gradientX, gradientY);
                x = T.IfLess(status, half, nextX, x);
                y = T.IfLess(status, half, nextY, y);
            }
        }
    }
}
