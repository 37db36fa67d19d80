using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Descents;

/// <summary>One descent with every point it visited, w_0 (the start) to its endpoint.</summary>
/// <param name="Points">The weights after <paramref name="FirstStep"/>, <paramref name="FirstStep"/> + 1, ... steps, to the endpoint.</param>
/// <param name="Outcome">How it ended, by the same tests as <see cref="Descent.Run"/>.</param>
/// <param name="FirstStep">Steps taken before the first point kept: 0 when the whole path is kept.</param>
public sealed record RecordedDescent(IReadOnlyList<(double X, double Y)> Points, DescentOutcome Outcome, int FirstStep = 0)
{
    /// <summary>Steps taken: the steps before the first point kept, plus one less than the points.</summary>
    public int Steps => FirstStep + Points.Count - 1;
}

/// <summary>
/// Records the whole path of one descent on the host in float64, through the same landscape Gradient and
/// optimizer Step struct methods the kernels run, with <see cref="Descent.Run"/>'s stopping rules: stop when
/// |g|² &lt; tol², or when |w|² is not below the divergence radius squared, or after the step budget; or, for a
/// fixed-step problem, <see cref="Descent.RunFixed"/>'s: the whole budget, judged at the end.
/// </summary>
public static class DescentPath
{
    /// <summary>Records the descent of <paramref name="problem"/> from (<paramref name="x"/>, <paramref name="y"/>), in float64 whatever the problem's precision.</summary>
    public static RecordedDescent Record(DescentProblem problem, double x, double y) => Record(problem, x, y, int.MaxValue);

    /// <summary>
    /// The same descent as <see cref="Record(DescentProblem, double, double)"/>, keeping only its last
    /// <paramref name="keepLast"/> points (fewer when it ends sooner): the tail of a long run, in memory of that size.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="keepLast"/> is below 1.</exception>
    public static RecordedDescent Record(DescentProblem problem, double x, double y, int keepLast)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentOutOfRangeException.ThrowIfLessThan(keepLast, 1);
        var recorder = new Recorder(x, y, problem.MaxSteps, problem.Tolerance * problem.Tolerance, problem.DivergenceRadius * problem.DivergenceRadius, problem.FixedSteps, keepLast);
        Specialization.Dispatch<Real64, Real64>(problem, recorder);
        return recorder.Result!;
    }

    private sealed class Recorder(double startX, double startY, int maxSteps, double tolerance2, double radius2, bool fixedSteps, int keepLast) : ISpecializedDescent
    {
        public RecordedDescent? Result { get; private set; }

        public void Run<TLandscape, TOptimizer, T>(TLandscape landscape, TOptimizer optimizer)
            where TLandscape : struct, ILandscape
            where TOptimizer : struct, IOptimizer<T>
            where T : struct, IReal<T>
        {
            var points = new List<(double X, double Y)>();
            int dropped = 0;
            T x = T.Of(startX), y = T.Of(startY);
            OptimizerState<T> state = OptimizerState<T>.Initial;
            OptimizerSchedule<T> schedule = OptimizerSchedule<T>.Initial;
            for (int step = 0; ; step++)
            {
                double px = T.GetLane(x, 0), py = T.GetLane(y, 0);
                if (points.Count >= 2L * keepLast)
                {
                    // Dropping the oldest keepLast at once keeps the cost per step constant.
                    points.RemoveRange(0, keepLast);
                    dropped += keepLast;
                }

                points.Add((px, py));
                landscape.Gradient(x, y, out T gradientX, out T gradientY);
                // Descent's own verdict ("not below" the radius, so NaN counts as diverged). With fixed steps
                // (Descent.RunFixed) the verdicts are taken only at the end, except that a path that has become
                // non-finite stays so and is ended there: its final verdict can only be "diverged".
                var outcome = (DescentOutcome)(int)T.GetLane(Descent.Verdict(x, y, gradientX, gradientY, T.Of(tolerance2), T.Of(radius2)), 0);
                bool last = step == maxSteps;
                bool ended = fixedSteps
                    ? last || (outcome == DescentOutcome.Diverged && (!double.IsFinite(px) || !double.IsFinite(py)))
                    : last || outcome != DescentOutcome.Unconverged;
                if (ended)
                {
                    int surplus = Math.Max(0, points.Count - keepLast);
                    points.RemoveRange(0, surplus);
                    Result = new RecordedDescent(points, outcome, dropped + surplus);
                    return;
                }

                optimizer.Advance(ref schedule);
                optimizer.Step(landscape, schedule, ref state, ref x, ref y, gradientX, gradientY);
            }
        }
    }
}
