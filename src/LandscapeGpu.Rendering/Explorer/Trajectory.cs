using LandscapeGpu.Basins;
using LandscapeGpu.Descents;

namespace LandscapeGpu.Rendering.Explorer;

/// <summary>One point of a descent as the view shows it: where it is on the map's two axes and its loss there.</summary>
/// <param name="X">The horizontal coordinate on the map (a landscape's x, or one free weight of many).</param>
/// <param name="Y">The vertical coordinate on the map (a 1-D landscape: 0).</param>
/// <param name="Loss">The loss at that step, in float64.</param>
public readonly record struct TrajectoryPoint(double X, double Y, double Loss);

/// <summary>
/// A descent as the view draws it: its path over the map and its loss at every step, for the loss-curve panel
/// (<see cref="LossCurvePanel"/>). It holds points, not a landscape, so that a descent in many weights can be shown
/// the same way, projected onto the map's two free weights with its full loss at each step.
/// </summary>
/// <param name="Points">The points after <paramref name="FirstStep"/>, <paramref name="FirstStep"/> + 1, ... steps, to the endpoint.</param>
/// <param name="FirstStep">Steps taken before the first point kept (0: from the start).</param>
/// <param name="Outcome">How the descent ended.</param>
public sealed record Trajectory(IReadOnlyList<TrajectoryPoint> Points, int FirstStep, DescentOutcome Outcome)
{
    /// <summary>Steps taken: the steps before the first point kept, plus one less than the points.</summary>
    public int Steps => FirstStep + Points.Count - 1;

    /// <summary>The step of point <paramref name="index"/>.</summary>
    public int StepOf(int index) => FirstStep + index;

    /// <summary>
    /// The trajectory of a <paramref name="descent"/> recorded on a 2-D landscape (or a 1-D one, y = 0), with each
    /// point's loss from <paramref name="probe"/>: the landscape's loss in float64, the reference the kernels are
    /// checked against.
    /// </summary>
    public static Trajectory Of(RecordedDescent descent, LandscapeProbe probe)
    {
        ArgumentNullException.ThrowIfNull(descent);
        ArgumentNullException.ThrowIfNull(probe);
        var points = new TrajectoryPoint[descent.Points.Count];
        for (int i = 0; i < points.Length; i++)
        {
            (double x, double y) = descent.Points[i];
            points[i] = new TrajectoryPoint(x, y, probe.Loss(x, y));
        }

        return new Trajectory(points, descent.FirstStep, descent.Outcome);
    }
}
