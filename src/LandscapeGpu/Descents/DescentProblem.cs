using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Descents;

/// <summary>Everything an engine needs to run descents from a grid of starts: validated on the host, before any device work.</summary>
/// <param name="Landscape">The cost surface.</param>
/// <param name="Optimizer">The update rule and its hyperparameters.</param>
/// <param name="Grid">The starts.</param>
/// <param name="MaxSteps">Step budget per start.</param>
/// <param name="Tolerance">Gradient-norm tolerance for convergence.</param>
/// <param name="Precision">Number type of the descent.</param>
/// <param name="FixedSteps">
/// Every start takes exactly <paramref name="MaxSteps"/> steps, with no early exit, and is judged where it ends
/// (<see cref="Descent.RunFixed"/>): a snapshot after a fixed budget, and the same work as a vectorized NumPy loop.
/// </param>
public sealed record DescentProblem(
    LandscapeEntry Landscape,
    OptimizerSettings Optimizer,
    GridSpec Grid,
    int MaxSteps,
    double Tolerance,
    Precision Precision,
    bool FixedSteps = false)
{
    /// <summary>Largest accepted step budget: step counts stay exact in float32 lanes below 2^24.</summary>
    public const int MaxStepBudget = 1 << 24;

    /// <summary>
    /// Weights farther than this from the origin count as diverged: a thousand times the box's reach, so
    /// no descent that comes back is cut short.
    /// </summary>
    public double DivergenceRadius => 1000 * Math.Max(1, Grid.Box.Reach);
}
