using System.Globalization;
using LandscapeGpu.Descents;

namespace LandscapeGpu.Runs.Series;

/// <summary>A hyperparameter of a descent that a series of runs varies.</summary>
public enum SeriesParameter
{
    /// <summary>The learning rate, <c>lr</c>.</summary>
    LearningRate,

    /// <summary>Momentum's and Nesterov's μ, <c>momentum</c>.</summary>
    Momentum,

    /// <summary>Adam's first-moment decay, <c>beta1</c>.</summary>
    Beta1,

    /// <summary>Adam's second-moment decay and RMSProp's ρ, <c>beta2</c>.</summary>
    Beta2,

    /// <summary>The step budget, <c>steps</c> (whole numbers).</summary>
    Steps,

    /// <summary>A fixed weight of a model (one not on the grid's axes), named by <see cref="ParameterRange.Weight"/>.</summary>
    FixedWeight,
}

/// <summary>
/// COUNT values of one hyperparameter from FROM to TO, both included: evenly spaced, or geometrically with
/// <see cref="Logarithmic"/> (then FROM &gt; 0). Parsed from <c>PARAM=FROM:TO:COUNT</c> and applied to a problem.
/// </summary>
/// <param name="Parameter">What varies.</param>
/// <param name="From">The first value.</param>
/// <param name="To">The last value, greater than <paramref name="From"/>.</param>
/// <param name="Count">How many values, at least 2.</param>
/// <param name="Logarithmic">Values spaced by a constant ratio instead of a constant difference.</param>
/// <param name="Weight">The weight's name when <paramref name="Parameter"/> is <see cref="SeriesParameter.FixedWeight"/>, else null.</param>
public sealed record ParameterRange(SeriesParameter Parameter, double From, double To, int Count, bool Logarithmic = false, string? Weight = null)
{
    /// <summary>Most values one range may hold.</summary>
    public const int MaxCount = 100_000;

    /// <summary>The names accepted before the '=', in the order of <see cref="SeriesParameter"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["lr", "momentum", "beta1", "beta2", "steps"];

    /// <summary>The command-line name of <paramref name="parameter"/> (a fixed weight is named by its own name).</summary>
    public static string NameOf(SeriesParameter parameter) => parameter == SeriesParameter.FixedWeight ? "a fixed weight" : Names[(int)parameter];

    /// <summary>The name of what varies: a hyperparameter's, or the weight's.</summary>
    public string Name => Parameter == SeriesParameter.FixedWeight ? Weight! : NameOf(Parameter);

    /// <summary>
    /// The values: From + (To − From)·i/(Count − 1), or From·(To/From)^(i/(Count − 1)) when logarithmic; the last is
    /// exactly To. Step budgets are rounded to whole numbers.
    /// </summary>
    public IReadOnlyList<double> Values
    {
        get
        {
            var values = new double[Count];
            for (int i = 0; i < Count; i++)
            {
                double t = (double)i / (Count - 1);
                double value = i == Count - 1 ? To
                    : Logarithmic ? From * Math.Pow(To / From, t)
                    : From + (To - From) * t;
                values[i] = Parameter == SeriesParameter.Steps ? Math.Round(value) : value;
            }

            return values;
        }
    }

    /// <summary>Parses <c>PARAM=FROM:TO:COUNT</c>, e.g. <c>lr=0.01:0.3:400</c>.</summary>
    /// <param name="text">The range.</param>
    /// <param name="logarithmic">Space the values geometrically.</param>
    /// <param name="allowed">The hyperparameters this command may vary; null: all of <see cref="Names"/>.</param>
    /// <param name="fixedWeights">The fixed weights of a model that may vary too (by their names); null or empty: none.</param>
    /// <exception cref="ArgumentException">The text is malformed, names another parameter, or the range is empty or reversed.</exception>
    public static ParameterRange Parse(string text, bool logarithmic = false, IReadOnlyList<SeriesParameter>? allowed = null, IReadOnlyCollection<string>? fixedWeights = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        allowed ??= [.. Enum.GetValues<SeriesParameter>().Where(parameter => parameter != SeriesParameter.FixedWeight)];
        fixedWeights ??= [];
        string valid = string.Join(", ", allowed.Select(NameOf).Concat(fixedWeights.Select(weight => $"{weight} (a fixed weight of the model)")));
        string[] sides = text.Split('=', 2, StringSplitOptions.TrimEntries);
        if (sides.Length != 2)
        {
            throw new InvalidParameterException("vary", text, $"{{vary}} '{text}' is invalid: give PARAM=FROM:TO:COUNT, e.g. lr=0.01:0.3:400; PARAM one of {valid}");
        }

        int index = Names.ToList().IndexOf(sides[0].ToLowerInvariant());
        string? weight = fixedWeights.FirstOrDefault(name => name == sides[0]);
        if (weight is not null)
        {
            index = (int)SeriesParameter.FixedWeight;
        }
        else if (index < 0 || !allowed.Contains((SeriesParameter)index))
        {
            throw new InvalidParameterException("vary", text, $"{{vary}} '{text}' is invalid: '{sides[0]}' cannot be varied here; valid: {valid}");
        }

        string[] parts = sides[1].Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length != 3
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double from) || !double.IsFinite(from)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double to) || !double.IsFinite(to)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            throw new InvalidParameterException("vary", text, $"{{vary}} '{text}' is invalid: give {sides[0]}=FROM:TO:COUNT with numbers FROM and TO and a whole COUNT, e.g. {sides[0]}=0.01:0.3:400");
        }

        if (!(to > from))
        {
            throw new InvalidParameterException("vary", text, $"{{vary}} '{text}' is invalid: TO ({parts[1]}) must be greater than FROM ({parts[0]})");
        }

        if (count < 2 || count > MaxCount)
        {
            throw new InvalidParameterException("vary", text, $"{{vary}} '{text}' is invalid: COUNT ({parts[2]}) must be between 2 and {MaxCount}");
        }

        if (logarithmic && !(from > 0))
        {
            throw new InvalidParameterException("vary", text, $"{{vary}} '{text}' with {{log}} is invalid: a geometric range needs FROM > 0 (here {parts[0]})");
        }

        var range = new ParameterRange((SeriesParameter)index, from, to, count, logarithmic, weight);
        if (range.Parameter == SeriesParameter.Steps && range.Values.Distinct().Count() != count)
        {
            throw new InvalidParameterException("vary", text, $"{{vary}} '{text}' is invalid: {count} step budgets from {parts[0]} to {parts[1]} would repeat after rounding to whole steps");
        }

        return range;
    }

    /// <summary>
    /// <paramref name="problem"/> with the parameter set to <paramref name="value"/>, validated.
    /// </summary>
    /// <exception cref="InvalidParameterException">The value is out of the parameter's range, or the optimizer does not use the parameter.</exception>
    public DescentProblem Apply(DescentProblem problem, double value)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var optimizer = problem.Optimizer;
        DescentProblem varied = Parameter switch
        {
            SeriesParameter.LearningRate => problem with { Optimizer = optimizer with { LearningRate = value } },
            SeriesParameter.Momentum => problem with { Optimizer = optimizer with { Momentum = value } },
            SeriesParameter.Beta1 => problem with { Optimizer = optimizer with { Beta1 = value } },
            SeriesParameter.Beta2 => problem with { Optimizer = optimizer with { Beta2 = value } },
            SeriesParameter.Steps => problem with { MaxSteps = (int)Math.Clamp(value, int.MinValue, int.MaxValue) },
            SeriesParameter.FixedWeight => throw new NotSupportedException($"a fixed weight ({Weight}) is part of the model's landscape: build the landscape with the value instead"),
            _ => throw new ArgumentOutOfRangeException(nameof(value), Parameter, "unknown series parameter"),
        };
        return varied.Validated();
    }

    /// <summary>
    /// Checks that every value gives a valid problem and that the optimizer of <paramref name="problem"/> uses the
    /// parameter; names the first value that does not.
    /// </summary>
    /// <exception cref="ArgumentException">A value is out of range, or the optimizer has no such parameter.</exception>
    public void Check(DescentProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (Parameter == SeriesParameter.FixedWeight)
        {
            // Any finite value of a weight makes a valid landscape.
            return;
        }

        var kind = problem.Optimizer.Kind;
        bool used = Parameter switch
        {
            SeriesParameter.Momentum => kind is Optimizers.OptimizerKind.Momentum or Optimizers.OptimizerKind.Nesterov,
            SeriesParameter.Beta1 => kind == Optimizers.OptimizerKind.Adam,
            SeriesParameter.Beta2 => kind is Optimizers.OptimizerKind.Adam or Optimizers.OptimizerKind.RmsProp,
            _ => true,
        };
        if (!used)
        {
            throw new InvalidParameterException("vary", Name, $"{{vary}} {Name}: the optimizer {problem.Optimizer.Name} has no {Name}; " +
                $"{Name} is used by {Parameter switch { SeriesParameter.Momentum => "momentum, nesterov", SeriesParameter.Beta1 => "adam", _ => "adam, rmsprop" }}");
        }

        foreach (double value in Values)
        {
            try
            {
                Apply(problem, value);
            }
            catch (InvalidParameterException error)
            {
                throw new InvalidParameterException("vary", Name, $"{{vary}} {Name}={From.ToString("R", CultureInfo.InvariantCulture)}:{To.ToString("R", CultureInfo.InvariantCulture)}:{Count} " +
                    $"is invalid: it reaches {error.Describe(name => name)}");
            }
        }
    }
}
