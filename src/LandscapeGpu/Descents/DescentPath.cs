using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Descents;

/// <summary>One descent with every point it visited, w_0 (the start) to its endpoint.</summary>
/// <param name="Points">The weights after 0, 1, 2, ... steps.</param>
/// <param name="Outcome">How it ended, by the same tests as <see cref="Descent.Run"/>.</param>
public sealed record RecordedDescent(IReadOnlyList<(double X, double Y)> Points, DescentOutcome Outcome)
{
    /// <summary>Steps taken: one less than the points.</summary>
    public int Steps => Points.Count - 1;
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
    public static RecordedDescent Record(DescentProblem problem, double x, double y)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var recorder = new Recorder(x, y, problem.MaxSteps, problem.Tolerance * problem.Tolerance, problem.DivergenceRadius * problem.DivergenceRadius, problem.FixedSteps);
        Specialization.Dispatch<Real64, Real64>(problem, recorder);
        return recorder.Result!;
    }

    private sealed class Recorder(double startX, double startY, int maxSteps, double tolerance2, double radius2, bool fixedSteps) : ISpecializedDescent
    {
        public RecordedDescent? Result { get; private set; }

        public void Run<TLandscape, TOptimizer, T>(TLandscape landscape, TOptimizer optimizer)
            where TLandscape : struct, ILandscape
            where TOptimizer : struct, IOptimizer<T>
            where T : struct, IReal<T>
        {
            var points = new List<(double X, double Y)>();
            T x = T.Of(startX), y = T.Of(startY);
            OptimizerState<T> state = OptimizerState<T>.Initial;
            OptimizerSchedule<T> schedule = OptimizerSchedule<T>.Initial;
            for (int step = 0; ; step++)
            {
                double px = T.GetLane(x, 0), py = T.GetLane(y, 0);
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
                    Result = new RecordedDescent(points, outcome);
                    return;
                }

                optimizer.Advance(ref schedule);
                optimizer.Step(landscape, schedule, ref state, ref x, ref y, gradientX, gradientY);
            }
        }
    }
}
