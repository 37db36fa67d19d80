using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Tests.Descents;

/// <summary>
/// <see cref="Descent.Run"/> takes its steps in optimistic blocks, for two groups of starts at once; these tests hold
/// each group to the plain step-by-step loop it replaced (written out below), bit for bit, on the same number type.
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
        Specialization.Dispatch<Lanes8F32, Lanes4F64>(problem, new Comparison(problem));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RunFixed_FourGroups_EachMatchesThePlainFixedLoopBitForBit(string landscape, OptimizerKind optimizer, double tolerance, int steps)
    {
        DescentProblem real64 = TestProblems.For(landscape, 23, optimizer: optimizer, precision: Precision.F64, tolerance: tolerance, steps: steps);
        Specialization.Dispatch<Real64, Real64>(real64, new FixedComparison(real64));
        DescentProblem lanes = TestProblems.For(landscape, 23, optimizer: optimizer, tolerance: tolerance, steps: steps);
        Specialization.Dispatch<Lanes8F32, Lanes4F64>(lanes, new FixedComparison(lanes));
    }

    [Fact]
    public void RunFixed_StartsThatNeverFinish_EndWhereRunEndsThem()
    {
        // With tolerance 0 no start converges and none of these diverges: the early-exit loop then takes every step
        // too, so the two loops must agree bit for bit on the endpoints.
        DescentProblem problem = TestProblems.For("himmelblau", 16, precision: Precision.F64, steps: 203);
        var fixedRun = new TileResult(problem.Grid.Whole.Count);
        var earlyExit = new TileResult(problem.Grid.Whole.Count);
        var reference = new Devices.Float64ReferenceEngine();
        reference.Run(problem with { Tolerance = double.Epsilon, FixedSteps = true }, problem.Grid.Whole, fixedRun);
        reference.Run(problem with { Tolerance = double.Epsilon }, problem.Grid.Whole, earlyExit);
        for (int i = 0; i < problem.Grid.Whole.Count; i++)
        {
            Assert.Equal(DescentOutcome.Unconverged, earlyExit.Outcomes[i]);
            Assert.Equal(earlyExit.Outcomes[i], fixedRun.Outcomes[i]);
            Assert.Equal(earlyExit.Steps[i], fixedRun.Steps[i]);
            Assert.Equal(earlyExit.EndX[i], fixedRun.EndX[i]);
            Assert.Equal(earlyExit.EndY[i], fixedRun.EndY[i]);
        }
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

    private sealed class FixedComparison(DescentProblem problem) : ISpecializedDescent
    {
        public void Run<TLandscape, TOptimizer, T>(TLandscape landscape, TOptimizer optimizer)
            where TLandscape : struct, ILandscape
            where TOptimizer : struct, IOptimizer<T>
            where T : struct, IReal<T>
        {
            T tolerance2 = T.Of(problem.Tolerance * problem.Tolerance), radius2 = T.Of(problem.DivergenceRadius * problem.DivergenceRadius);
            GridSpec grid = problem.Grid;
            int converged = 0;
            for (int row = 0; row < grid.Height; row += 4)
            {
                // Group g holds row + g (wrapping), lane i column i: four groups of different starts.
                var x = new T[4];
                var y = new T[4];
                for (int group = 0; group < 4; group++)
                {
                    double[] starts = Enumerable.Range(0, T.LaneCount).Select(lane => grid.StartX((lane * 3 + group) % grid.Width)).ToArray();
                    x[group] = Comparison.Load<T>(starts);
                    y[group] = T.Of(grid.StartY((row + group) % grid.Height));
                }

                T[] plainX = (T[])x.Clone(), plainY = (T[])y.Clone();
                var memory = default(DescentMemory<T>);
                Descent.RunFixed(landscape, optimizer, ref memory, ref x[0], ref y[0], ref x[1], ref y[1], ref x[2], ref y[2], ref x[3], ref y[3],
                    problem.MaxSteps, tolerance2, radius2, out T status0, out T status1, out T status2, out T status3);
                T[] status = [status0, status1, status2, status3];
                for (int group = 0; group < 4; group++)
                {
                    T plainStatus = PlainFixedLoop(landscape, optimizer, ref plainX[group], ref plainY[group], problem.MaxSteps, tolerance2, radius2);
                    for (int lane = 0; lane < T.LaneCount; lane++)
                    {
                        string where = $"group {group}, lane {lane}, row {row}";
                        Assert.True(T.GetLane(plainStatus, lane) == T.GetLane(status[group], lane), $"status at {where}");
                        Assert.True(T.GetLane(plainX[group], lane).Equals(T.GetLane(x[group], lane)), $"x at {where}");
                        Assert.True(T.GetLane(plainY[group], lane).Equals(T.GetLane(y[group], lane)), $"y at {where}");
                        converged += T.GetLane(status[group], lane) == (double)DescentOutcome.Converged ? 1 : 0;
                    }
                }
            }

            // The 5-step quartic case is there for the short budget; every longer case must reach some minimum.
            Assert.True(converged > 0 || problem.MaxSteps < 10, "no lane converged: the final verdict would be untested");
        }

        // Every step taken, then one verdict where the descent ends.
        private static T PlainFixedLoop<TLandscape, TOptimizer, T>(in TLandscape landscape, in TOptimizer optimizer, ref T x, ref T y, int steps, T tolerance2, T radius2)
            where TLandscape : struct, ILandscape
            where TOptimizer : struct, IOptimizer<T>
            where T : struct, IReal<T>
        {
            OptimizerState<T> state = OptimizerState<T>.Initial;
            OptimizerSchedule<T> schedule = OptimizerSchedule<T>.Initial;
            for (int step = 0; step < steps; step++)
            {
                landscape.Gradient(x, y, out T gradientX, out T gradientY);
                optimizer.Advance(ref schedule);
                optimizer.Step(landscape, schedule, ref state, ref x, ref y, gradientX, gradientY);
            }

            landscape.Gradient(x, y, out T finalX, out T finalY);
            return T.IfLess(T.MultiplyAdd(x, x, y * y), radius2,
                T.IfLess(T.MultiplyAdd(finalX, finalX, finalY * finalY), tolerance2, T.Of(1), T.Of(0)),
                T.Of(2));
        }
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
                    // Lane i starts at column + i (wrapping), so SIMD lanes hold different starts; the second group
                    // starts half the grid away, so its lanes finish at other steps than the first group's.
                    var starts = new double[T.LaneCount];
                    var secondStarts = new double[T.LaneCount];
                    for (int lane = 0; lane < starts.Length; lane++)
                    {
                        starts[lane] = grid.StartX((column + lane) % grid.Width);
                        secondStarts[lane] = grid.StartX((column + lane + grid.Width / 2) % grid.Width);
                    }

                    int secondRow = (row + grid.Height / 2) % grid.Height;
                    T x = Load<T>(starts), y = T.Of(grid.StartY(row));
                    T secondX = Load<T>(secondStarts), secondY = T.Of(grid.StartY(secondRow));
                    T plainX = x, plainY = y, plainSecondX = secondX, plainSecondY = secondY;
                    var memory = default(DescentMemory<T>);
                    Descent.Run(landscape, optimizer, ref memory, ref x, ref y, ref secondX, ref secondY, problem.MaxSteps, T.Of(tolerance2), T.Of(radius2),
                        out T status, out T steps, out T secondStatus, out T secondSteps);
                    PlainLoop(landscape, optimizer, ref plainX, ref plainY, problem.MaxSteps, T.Of(tolerance2), T.Of(radius2), out T plainStatus, out T plainSteps);
                    PlainLoop(landscape, optimizer, ref plainSecondX, ref plainSecondY, problem.MaxSteps, T.Of(tolerance2), T.Of(radius2),
                        out T plainSecondStatus, out T plainSecondSteps);
                    Compare(starts, grid.StartY(row), (plainX, plainY, plainStatus, plainSteps), (x, y, status, steps));
                    Compare(secondStarts, grid.StartY(secondRow), (plainSecondX, plainSecondY, plainSecondStatus, plainSecondSteps), (secondX, secondY, secondStatus, secondSteps));
                }
            }
        }

        private void Compare<T>(double[] starts, double startY, (T X, T Y, T Status, T Steps) plain, (T X, T Y, T Status, T Steps) run)
            where T : struct, IReal<T>
        {
            for (int lane = 0; lane < T.LaneCount; lane++)
            {
                string where = $"lane {lane}, start ({starts[lane]}, {startY})";
                Assert.True(T.GetLane(plain.Status, lane) == T.GetLane(run.Status, lane), $"status at {where}");
                Assert.True(T.GetLane(plain.Steps, lane) == T.GetLane(run.Steps, lane), $"steps at {where}: {T.GetLane(plain.Steps, lane)} vs {T.GetLane(run.Steps, lane)}");
                Assert.True(T.GetLane(plain.X, lane).Equals(T.GetLane(run.X, lane)), $"x at {where}");
                Assert.True(T.GetLane(plain.Y, lane).Equals(T.GetLane(run.Y, lane)), $"y at {where}");
                Diverged += T.GetLane(run.Status, lane) == (double)DescentOutcome.Diverged ? 1 : 0;
            }
        }

        internal static T Load<T>(double[] values) where T : struct, IReal<T>
        {
            if (typeof(T) == typeof(Lanes8F32))
            {
                return (T)(object)Lanes8F32.FromLanes(values);
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
            OptimizerSchedule<T> schedule = OptimizerSchedule<T>.Initial;
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
                optimizer.Advance(ref schedule);
                optimizer.Step(landscape, schedule, ref state, ref nextX, ref nextY, gradientX, gradientY);
                x = T.IfLess(status, half, nextX, x);
                y = T.IfLess(status, half, nextY, y);
            }
        }
    }
}
