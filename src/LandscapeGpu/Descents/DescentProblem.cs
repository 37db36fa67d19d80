using System.Globalization;
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
    /// <summary>
    /// What the map's axes vary when they are not start x across and start y up (hyperparameters, swapped or
    /// logarithmic axes); null for the plain map, whose engines run exactly as they always have.
    /// </summary>
    public MapAxes? Axes { get; init; }

    /// <summary>Largest accepted step budget: step counts stay exact in float32 lanes below 2^24.</summary>
    public const int MaxStepBudget = 1 << 24;

    /// <summary>Largest accepted grid side.</summary>
    public const int MaxGridSide = 1 << 20;

    /// <summary>
    /// Checks every rule a problem must meet before an engine runs it, and names the first one broken: the step
    /// budget, the tolerance, the precision, the optimizer's hyperparameters (<see cref="OptimizerSettings.Validated"/>),
    /// the box and the grid. The parameters are named as in <see cref="InvalidParameterException"/>: steps, tol,
    /// precision, lr, momentum, beta1, beta2, eps, box, grid.
    /// </summary>
    /// <returns>This problem.</returns>
    /// <exception cref="InvalidParameterException">A parameter is invalid.</exception>
    public DescentProblem Validated()
    {
        ArgumentNullException.ThrowIfNull(Landscape);
        ArgumentNullException.ThrowIfNull(Optimizer);
        Optimizer.Validated();
        if (MaxSteps < 1 || MaxSteps > MaxStepBudget)
        {
            throw InvalidParameterException.MustBe("steps", Text(MaxSteps), $"between 1 and {MaxStepBudget}");
        }

        if (!(Tolerance > 0) || !double.IsFinite(Tolerance))
        {
            throw InvalidParameterException.MustBe("tol", Text(Tolerance), "a positive number");
        }

        if (!Enum.IsDefined(Precision))
        {
            throw new InvalidParameterException("precision", Text((int)Precision), $"{{precision}} {(int)Precision} is invalid; valid: {string.Join(", ", Precisions.Names)}");
        }

        Box box = Grid.Box;
        // An axes map spans two axes even on a 1-D landscape (x and a hyperparameter, or two hyperparameters).
        bool oneDimensional = Landscape.Info.Dimensions == 1 && Axes is null;
        if (!double.IsFinite(box.X0) || !double.IsFinite(box.X1) || !double.IsFinite(box.Y0) || !double.IsFinite(box.Y1)
            || !(box.X1 > box.X0) || (!oneDimensional && !(box.Y1 > box.Y0)))
        {
            throw InvalidParameterException.MustBe("box", box.ToString(), "finite, with x1 greater than x0 and y1 greater than y0");
        }

        if (Grid.Width < 1 || Grid.Height < 1 || Grid.Width > MaxGridSide || Grid.Height > MaxGridSide)
        {
            throw InvalidParameterException.MustBe("grid", $"{Grid.Width}x{Grid.Height}", $"between 1 and {MaxGridSide} starts per side");
        }

        if (oneDimensional && Grid.Height != 1)
        {
            throw InvalidParameterException.MustBe("grid", $"{Grid.Width}x{Grid.Height}", "one row high for a 1-D landscape");
        }

        Axes?.Validate(this);
        return this;
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Weights farther than this from the origin count as diverged: a thousand times the box's reach, so
    /// no descent that comes back is cut short. An axes map measures it against the landscape's own box.
    /// </summary>
    public double DivergenceRadius => 1000 * Math.Max(1, (Axes?.LandscapeBox ?? Grid.Box).Reach);
}
