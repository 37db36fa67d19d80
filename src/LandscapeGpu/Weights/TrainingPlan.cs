using System.Globalization;
using LandscapeGpu.Descents;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Weights;

/// <summary>
/// Which of a model's weights a map trains, which two span its grid, where the others start and which are held
/// constant: the validated form of the command line's free, train, init and fix choices (issue 14).
/// </summary>
/// <param name="Trained">The trained weights, in the model's order: index k of the descent's weight vector is Trained[k].</param>
/// <param name="FreeX">The weight on the x axis.</param>
/// <param name="FreeY">The weight on the y axis.</param>
/// <param name="Init">The start of every trained weight not on an axis.</param>
/// <param name="Fixed">The weights held constant and their values.</param>
public sealed record TrainingPlan(
    IReadOnlyList<string> Trained,
    string FreeX,
    string FreeY,
    IReadOnlyDictionary<string, double> Init,
    IReadOnlyDictionary<string, double> Fixed)
{
    /// <summary>The word that trains every weight not held constant.</summary>
    public const string All = "all";

    /// <summary>
    /// Whether only the two free weights are trained: the map is then the 2-D map of today, on its own code path, and
    /// its outputs are those of a map without the train option, bit for bit.
    /// </summary>
    public bool OnlyFree => Trained.Count == 2;

    /// <summary>The trained index of the weight on the x axis.</summary>
    public int FreeXIndex => IndexOf(FreeX);

    /// <summary>The trained index of the weight on the y axis.</summary>
    public int FreeYIndex => IndexOf(FreeY);

    /// <summary>The start vector of the descent (K entries; those of the free weights are replaced per start by the grid's).</summary>
    public double[] Start() => Trained.Select(name => Init.TryGetValue(name, out double value) ? value : 0).ToArray();

    /// <summary>The index of <paramref name="name"/> in <see cref="Trained"/>.</summary>
    public int IndexOf(string name)
    {
        for (int k = 0; k < Trained.Count; k++)
        {
            if (Trained[k] == name)
            {
                return k;
            }
        }

        throw new ArgumentException($"'{name}' is not a trained weight; trained: {string.Join(", ", Trained)}", nameof(name));
    }

    /// <summary>
    /// Checks the choices against the model's weights (<paramref name="weights"/>, in the model's order) and builds the plan.
    /// </summary>
    /// <param name="weights">Every weight of the model, in its order.</param>
    /// <param name="free">The two weights on the axes.</param>
    /// <param name="train"><see cref="All"/>, a list of weights, or null: only the free weights (today's 2-D map).</param>
    /// <param name="init">Starts of trained weights not on an axis.</param>
    /// <param name="fixedWeights">Weights held constant.</param>
    /// <param name="optimizer">The optimizer (Newton's cap may be lower).</param>
    /// <exception cref="InvalidParameterException">A choice names an unknown weight, a weight twice, a weight both trained and fixed, a
    /// trained weight with no start, a weight neither trained nor fixed, or more weights than the descent holds.</exception>
    public static TrainingPlan Resolve(IReadOnlyList<string> weights, IReadOnlyList<string> free, string? train,
        IReadOnlyDictionary<string, double> init, IReadOnlyDictionary<string, double> fixedWeights, OptimizerKind optimizer)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(free);
        ArgumentNullException.ThrowIfNull(init);
        ArgumentNullException.ThrowIfNull(fixedWeights);
        string known = string.Join(", ", weights);
        if (free.Count != 2 || free[0] == free[1])
        {
            throw new InvalidParameterException("free", string.Join(",", free),
                $"{{free}} {string.Join(",", free)}: a map that trains more weights needs two different weights on its axes");
        }

        foreach (string name in free)
        {
            RequireWeight("free", name, weights, known);
            if (fixedWeights.ContainsKey(name))
            {
                throw new InvalidParameterException("fix", name, $"{{fix}} {name}: {name} is on an axis ({{free}}); it cannot also be held constant");
            }
        }

        foreach (string name in fixedWeights.Keys)
        {
            RequireWeight("fix", name, weights, known);
        }

        HashSet<string> trained;
        if (train is null)
        {
            trained = [.. free];
        }
        else if (string.Equals(train.Trim(), All, StringComparison.OrdinalIgnoreCase))
        {
            trained = [.. weights.Where(name => !fixedWeights.ContainsKey(name))];
        }
        else
        {
            trained = [];
            foreach (string name in train.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (string.Equals(name, All, StringComparison.OrdinalIgnoreCase) && !weights.Contains(name))
                {
                    throw new InvalidParameterException("train", train, $"{{train}} {train}: '{All}' trains every weight not fixed and stands alone; or list the weights");
                }

                RequireWeight("train", name, weights, known);
                if (fixedWeights.ContainsKey(name))
                {
                    throw new InvalidParameterException("train", name, $"{{train}} {name}: {name} is also held constant by {{fix}}; a weight is either trained or fixed");
                }

                if (!trained.Add(name))
                {
                    throw new InvalidParameterException("train", name, $"{{train}} names {name} twice");
                }
            }

            foreach (string name in free)
            {
                if (!trained.Contains(name))
                {
                    throw new InvalidParameterException("train", train,
                        $"{{train}} {train}: the free weight {name} spans an axis, so it is trained; add it to {{train}} or write {{train}} {All}");
                }
            }
        }

        foreach (string name in weights)
        {
            if (!trained.Contains(name) && !fixedWeights.ContainsKey(name))
            {
                throw new InvalidParameterException("train", name,
                    $"the weight {name} is neither trained nor fixed: add it to {{train}} (with a start in {{init}}) or give it a value with {{fix}}");
            }
        }

        int cap = optimizer == OptimizerKind.Newton ? WeightDescent.MaxNewtonWeights : WeightDescent.MaxWeights;
        if (trained.Count > cap)
        {
            throw new InvalidParameterException("train", trained.Count.ToString(CultureInfo.InvariantCulture),
                $"{{train}} trains {trained.Count} weights ({string.Join(", ", weights.Where(trained.Contains))}); a descent holds at most {cap}");
        }

        foreach ((string name, double value) in init)
        {
            RequireWeight("init", name, weights, known);
            if (!trained.Contains(name))
            {
                throw new InvalidParameterException("init", name, $"{{init}} {name}: {name} is not trained, so it has no start; trained: {string.Join(", ", weights.Where(trained.Contains))}");
            }

            if (free.Contains(name))
            {
                throw new InvalidParameterException("init", name, $"{{init}} {name}: {name} is on an axis, its starts come from the box");
            }

            if (!double.IsFinite(value))
            {
                throw InvalidParameterException.MustBe("init", value.ToString("R", CultureInfo.InvariantCulture), "a finite number");
            }
        }

        foreach (string name in weights)
        {
            if (trained.Contains(name) && !free.Contains(name) && !init.ContainsKey(name))
            {
                throw new InvalidParameterException("init", name, $"the trained weight {name} has no start: give it one with {{init}} {name}=VALUE");
            }
        }

        return new TrainingPlan([.. weights.Where(trained.Contains)], free[0], free[1],
            new Dictionary<string, double>(init, StringComparer.Ordinal), new Dictionary<string, double>(fixedWeights, StringComparer.Ordinal));
    }

    /// <summary>The K-weight problem of this plan with the rest of a 2-D problem's settings.</summary>
    public WeightDescentProblem ToProblem(OptimizerSettings optimizer, GridSpec grid, int maxSteps, double tolerance, Precision precision, bool fixedSteps) =>
        new WeightDescentProblem(optimizer, grid, maxSteps, tolerance, precision, Start(), FreeXIndex, FreeYIndex, fixedSteps).Validated();

    private static void RequireWeight(string parameter, string name, IReadOnlyList<string> weights, string known)
    {
        if (!weights.Contains(name))
        {
            throw new InvalidParameterException(parameter, name, $"{{{parameter}}} {name}: the model has no weight '{name}'; its weights: {known}");
        }
    }
}
