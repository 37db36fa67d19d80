using System.Globalization;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Weights;

/// <summary>
/// A map whose descents run in all K trained weights of a model: the grid spans starts in the two free weights
/// (<paramref name="FreeX"/>, <paramref name="FreeY"/>, indices into the trained vector), every other trained weight
/// starts at its entry of <paramref name="Start"/>; the rules and hyperparameters are those of <see cref="DescentProblem"/>.
/// </summary>
/// <param name="Optimizer">The update rule and its hyperparameters.</param>
/// <param name="Grid">The starts of the two free weights.</param>
/// <param name="MaxSteps">The step budget.</param>
/// <param name="Tolerance">The gradient-norm tolerance (on the full gradient).</param>
/// <param name="Precision">The number type of the descent.</param>
/// <param name="Start">The start of every trained weight, K entries (those of the free weights are replaced by the grid's).</param>
/// <param name="FreeX">The trained index of the weight on the x axis.</param>
/// <param name="FreeY">The trained index of the weight on the y axis.</param>
/// <param name="FixedSteps">Whether every start takes exactly <paramref name="MaxSteps"/> steps (see <see cref="DescentProblem.FixedSteps"/>).</param>
public sealed record WeightDescentProblem(
    OptimizerSettings Optimizer,
    GridSpec Grid,
    int MaxSteps,
    double Tolerance,
    Precision Precision,
    IReadOnlyList<double> Start,
    int FreeX,
    int FreeY,
    bool FixedSteps = false)
{
    /// <summary>K: the number of trained weights.</summary>
    public int Count => Start.Count;

    /// <summary>
    /// The radius beyond which a descent counts as diverged, on the whole weight vector: the 2-D rule's 1000 times the
    /// reach of the box, where the reach also counts the other weights' starts (so a start is never diverged at step 0).
    /// </summary>
    public double DivergenceRadius
    {
        get
        {
            double reach = Math.Max(1, Grid.Box.Reach);
            for (int k = 0; k < Start.Count; k++)
            {
                if (k != FreeX && k != FreeY)
                {
                    reach = Math.Max(reach, Math.Abs(Start[k]));
                }
            }

            return 1000 * reach;
        }
    }

    /// <summary>The start of grid cell (<paramref name="column"/>, <paramref name="row"/>): <see cref="Start"/> with the free weights replaced.</summary>
    public void StartAt(int column, int row, Span<double> weights)
    {
        for (int k = 0; k < Start.Count; k++)
        {
            weights[k] = Start[k];
        }

        weights[FreeX] = Grid.StartX(column);
        weights[FreeY] = Grid.StartY(row);
    }

    /// <summary>Checks the problem and names the first bad value.</summary>
    /// <exception cref="InvalidParameterException">A value is out of range.</exception>
    public WeightDescentProblem Validated()
    {
        ArgumentNullException.ThrowIfNull(Optimizer);
        ArgumentNullException.ThrowIfNull(Start);
        Optimizer.Validated();
        if (MaxSteps < 1 || MaxSteps > DescentProblem.MaxStepBudget)
        {
            throw InvalidParameterException.MustBe("steps", MaxSteps, $"between 1 and {DescentProblem.MaxStepBudget}");
        }

        if (!(Tolerance > 0) || !double.IsFinite(Tolerance))
        {
            throw InvalidParameterException.MustBe("tol", Text(Tolerance), "a positive number");
        }

        if (!Enum.IsDefined(Precision))
        {
            throw InvalidParameterException.MustBe("precision", (int)Precision, string.Join(" or ", Precisions.Names));
        }

        int cap = Optimizer.Kind == OptimizerKind.Newton ? WeightDescent.MaxNewtonWeights : WeightDescent.MaxWeights;
        if (Count < 2 || Count > cap)
        {
            throw new InvalidParameterException("train", Count.ToString(CultureInfo.InvariantCulture),
                $"{{train}} names {Count} weights to train, but a descent holds 2 to {cap}{(Optimizer.Kind == OptimizerKind.Newton ? " with newton" : "")}");
        }

        if (FreeX < 0 || FreeX >= Count || FreeY < 0 || FreeY >= Count || FreeX == FreeY)
        {
            throw InvalidParameterException.MustBe("free", $"{FreeX},{FreeY}", $"two different trained weights (indices below {Count})");
        }

        for (int k = 0; k < Count; k++)
        {
            if (!double.IsFinite(Start[k]))
            {
                throw InvalidParameterException.MustBe("init", Text(Start[k]), "a finite number");
            }
        }

        Box box = Grid.Box;
        if (!double.IsFinite(box.X0) || !double.IsFinite(box.X1) || !double.IsFinite(box.Y0) || !double.IsFinite(box.Y1)
            || !(box.X1 > box.X0) || !(box.Y1 > box.Y0))
        {
            throw InvalidParameterException.MustBe("box", box.ToString(), "finite, with x1 greater than x0 and y1 greater than y0");
        }

        if (Grid.Width < 1 || Grid.Height < 1 || Grid.Width > DescentProblem.MaxGridSide || Grid.Height > DescentProblem.MaxGridSide)
        {
            throw InvalidParameterException.MustBe("grid", $"{Grid.Width}x{Grid.Height}", $"between 1 and {DescentProblem.MaxGridSide} starts per side");
        }

        return this;
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>The endpoints of one tile of a K-weight map, start by start in row-major order.</summary>
public sealed class WeightTileResult
{
    /// <summary>Room for <paramref name="capacity"/> starts of <paramref name="count"/> weights each.</summary>
    public WeightTileResult(int capacity, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
        Endpoints = new double[(long)capacity * count];
        Steps = new int[capacity];
        Outcomes = new DescentOutcome[capacity];
    }

    /// <summary>K: weights per endpoint.</summary>
    public int Count { get; }

    /// <summary>Endpoint of start i, weight k at [i·K + k].</summary>
    public double[] Endpoints { get; }

    /// <summary>The steps each start took.</summary>
    public int[] Steps { get; }

    /// <summary>Each start's outcome.</summary>
    public DescentOutcome[] Outcomes { get; }

    /// <summary>How many starts this result holds.</summary>
    public int Capacity => Steps.Length;
}

/// <summary>An engine that descends K-weight maps (the SIMD CPU engine and the ILGPU engines).</summary>
public interface IWeightDescentEngine
{
    /// <summary>
    /// Descends the starts of <paramref name="tile"/> of <paramref name="problem"/> on <paramref name="model"/> and
    /// writes them to <paramref name="result"/>. On an ILGPU engine the model must be bound to the engine's
    /// accelerator (its data rows in device memory).
    /// </summary>
    void Run<TModel>(in TModel model, WeightDescentProblem problem, TileSpec tile, WeightTileResult result)
        where TModel : struct, IWeightModel;
}
