using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Runs;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Rendering.Explorer;

/// <summary>
/// What the view needs to explore a map whose descents run in all K trained weights of a model (issue 14): the
/// generated model, the K-weight problem, and a description of the weights for the title. The view itself still works
/// on the 2-D slice (<see cref="DescentProblem"/> with the other trained weights held at their starts): its requests
/// carry the grid and the optimizer, and this turns each into the K-weight problem, computes it with
/// <see cref="WeightMapRunner"/> and projects it onto the two free weights, as the figure does.
/// </summary>
public sealed class ManyWeightsView
{
    /// <summary>
    /// The view's K-weight levels are sent in bands of about this many starts, so that a pan or zoom abandons the
    /// level in progress promptly: a K-weight step costs K to K² times a 2-D one.
    /// </summary>
    public const int BandStarts = 1 << 13;

    /// <summary>A K-weight view of <paramref name="model"/> descending as <paramref name="problem"/> says; <paramref name="description"/> goes in the title.</summary>
    public ManyWeightsView(WeightModelEntry model, WeightDescentProblem problem, string description)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(description);
        if (model.Count != problem.Count)
        {
            throw new ArgumentException($"the model trains {model.Count} weights but the problem starts {problem.Count}", nameof(problem));
        }

        Model = model;
        Problem = problem.Validated();
        Description = description;
    }

    /// <summary>The generated model.</summary>
    public WeightModelEntry Model { get; }

    /// <summary>The K-weight problem: the starts of every trained weight, the step budget, tolerance and precision.</summary>
    public WeightDescentProblem Problem { get; }

    /// <summary>The trained and fixed weights, for the title (e.g. <c>trained (9): w1, ..., w9; fixed: none</c>).</summary>
    public string Description { get; }

    /// <summary>The K-weight problem of a view request: its grid (the visible region) and its optimizer (the O, [ and ] keys).</summary>
    public WeightDescentProblem ProblemOf(DescentProblem request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Problem with { Grid = request.Grid, Optimizer = request.Optimizer };
    }

    /// <summary>
    /// The map of <paramref name="request"/> descended in all K weights on <paramref name="engine"/>, clustered in the
    /// full weight space, seen over the two free weights; stops between bands once <paramref name="cancellation"/> is cancelled.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public BasinMap Compute(DescentProblem request, IDescentEngine engine, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(engine);
        WeightBasinMap map = WeightMapRunner.Run(Model, ProblemOf(request), engine, null, BandStarts, cancellation);
        return map.Projected(request);
    }

    /// <summary>
    /// The full K-weight descent of the start (<paramref name="x"/>, <paramref name="y"/>) of <paramref name="request"/>,
    /// recorded on the host in float64 through the same loop and optimizer as the map: each point is the step's two free
    /// weights and its loss in all K weights.
    /// </summary>
    public Trajectory Record(DescentProblem request, double x, double y)
    {
        WeightDescentProblem problem = ProblemOf(request);
        RecordedWeightDescent descent = WeightDescentPath.Record(Model, problem, x, y);
        var points = new TrajectoryPoint[descent.Weights.Count];
        for (int i = 0; i < points.Length; i++)
        {
            double[] weights = descent.Weights[i];
            points[i] = new TrajectoryPoint(weights[problem.FreeX], weights[problem.FreeY], descent.Losses[i]);
        }

        return new Trajectory(points, 0, descent.Outcome);
    }
}
