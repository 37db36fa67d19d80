using System.CommandLine;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Cli.Commands;

/// <summary>
/// The optimizers a command compares (<c>--optimizers gd,momentum,adam</c>) and their hyperparameters, each given for
/// all of them (<c>--lr 0.01</c>) or per optimizer (<c>--lr gd=0.01,adam=0.05</c>), or both (a plain value then
/// applies to the optimizers not named). What is not given is each optimizer's own default, exactly as <c>map</c>
/// takes it (<see cref="OptimizerSettings.DefaultsFor"/>).
/// </summary>
public sealed class PerOptimizerOptions
{
    /// <summary>The fewest optimizers a comparison takes.</summary>
    public const int MinimumOptimizers = 2;

    public Option<string> Optimizers { get; } = new("--optimizers")
    {
        Description = $"The optimizers to compare, at least {MinimumOptimizers}, each once: {string.Join(", ", OptimizerSettings.Names)}.",
        HelpName = "A,B[,...]",
        Required = true,
    };

    public Option<string> LearningRate { get; } = new("--lr")
    {
        Description = "Learning rate: one value for all (--lr 0.01) or per optimizer (--lr gd=0.01,adam=0.05). [default: each optimizer's, as in map]",
        HelpName = "LR|OPT=LR,...",
    };

    public Option<string> Momentum { get; } = new("--momentum")
    {
        Description = "Momentum mu (momentum, nesterov), for all or per optimizer. [default: each optimizer's, as in map]",
        HelpName = "MU|OPT=MU,...",
    };

    public Option<string> Beta1 { get; } = new("--beta1")
    {
        Description = "First-moment decay (adam), for all or per optimizer. [default: each optimizer's, as in map]",
        HelpName = "B1|OPT=B1,...",
    };

    public Option<string> Beta2 { get; } = new("--beta2")
    {
        Description = "Second-moment decay (adam; rmsprop's rho), for all or per optimizer. [default: each optimizer's, as in map]",
        HelpName = "B2|OPT=B2,...",
    };

    public Option<string> Epsilon { get; } = new("--eps")
    {
        Description = "Epsilon (adam, rmsprop); Hessian damping (newton), for all or per optimizer. [default: each optimizer's, as in map]",
        HelpName = "EPS|OPT=EPS,...",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (Option option in new Option[] { Optimizers, LearningRate, Momentum, Beta1, Beta2, Epsilon })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The optimizers asked for, in the order given.</summary>
    /// <exception cref="UsageException">An unknown optimizer, one given twice, or fewer than <see cref="MinimumOptimizers"/>.</exception>
    public IReadOnlyList<OptimizerKind> Kinds(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        string text = parsed.GetValue(Optimizers) ?? "";
        var kinds = new List<OptimizerKind>();
        foreach (string name in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!TryParseKind(name, out OptimizerKind kind))
            {
                throw new UsageException($"--optimizers '{text}': '{name}' is not an optimizer; valid: {string.Join(", ", OptimizerSettings.Names)}");
            }

            if (kinds.Contains(kind))
            {
                throw new UsageException($"--optimizers '{text}': {OptimizerSettings.NameOf(kind)} is given twice; give each optimizer once");
            }

            kinds.Add(kind);
        }

        if (kinds.Count < MinimumOptimizers)
        {
            throw new UsageException($"--optimizers '{text}': compare needs at least {MinimumOptimizers} optimizers, e.g. --optimizers gd,adam; valid: {string.Join(", ", OptimizerSettings.Names)}");
        }

        return kinds;
    }

    /// <summary>
    /// The settings of each of <paramref name="kinds"/> on <paramref name="landscape"/> mapped over <paramref name="box"/>:
    /// its defaults, with every hyperparameter given for it (or for all) in place of the default. Not yet validated.
    /// </summary>
    /// <exception cref="UsageException">A value is not a number, names an optimizer not compared, or is given twice.</exception>
    public IReadOnlyList<OptimizerSettings> SettingsOf(ParseResult parsed, IReadOnlyList<OptimizerKind> kinds, LandscapeDefaults landscape, Box box)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(kinds);
        var lr = PerOptimizerValue.Parse(LearningRate.Name, parsed.GetValue(LearningRate), kinds);
        var momentum = PerOptimizerValue.Parse(Momentum.Name, parsed.GetValue(Momentum), kinds);
        var beta1 = PerOptimizerValue.Parse(Beta1.Name, parsed.GetValue(Beta1), kinds);
        var beta2 = PerOptimizerValue.Parse(Beta2.Name, parsed.GetValue(Beta2), kinds);
        var epsilon = PerOptimizerValue.Parse(Epsilon.Name, parsed.GetValue(Epsilon), kinds);
        return kinds.Select(kind =>
        {
            OptimizerSettings defaults = OptimizerSettings.DefaultsFor(kind, landscape, box);
            return defaults with
            {
                LearningRate = lr.For(kind) ?? defaults.LearningRate,
                Momentum = momentum.For(kind) ?? defaults.Momentum,
                Beta1 = beta1.For(kind) ?? defaults.Beta1,
                Beta2 = beta2.For(kind) ?? defaults.Beta2,
                Epsilon = epsilon.For(kind) ?? defaults.Epsilon,
            };
        }).ToArray();
    }

    private static bool TryParseKind(string name, out OptimizerKind kind)
    {
        try
        {
            kind = OptimizerSettings.ParseKind(name);
            return true;
        }
        catch (ArgumentException)
        {
            kind = default;
            return false;
        }
    }

    /// <summary>One hyperparameter's values: one for every optimizer not named, and one per optimizer named.</summary>
    private sealed class PerOptimizerValue
    {
        private readonly Dictionary<OptimizerKind, double> named = new();
        private double? forAll;

        public double? For(OptimizerKind kind) => named.TryGetValue(kind, out double value) ? value : forAll;

        public static PerOptimizerValue Parse(string flag, string? text, IReadOnlyList<OptimizerKind> compared)
        {
            var result = new PerOptimizerValue();
            if (text is null)
            {
                return result;
            }

            foreach (string item in text.Split(',', StringSplitOptions.TrimEntries))
            {
                int equals = item.IndexOf('=', StringComparison.Ordinal);
                if (equals < 0)
                {
                    if (result.forAll is not null)
                    {
                        throw new UsageException($"{flag} '{text}' gives two values for all optimizers; give one, and OPTIMIZER=VALUE for the others (e.g. {flag} 0.01,adam=0.05)");
                    }

                    result.forAll = ParseNumber(flag, text, item);
                    continue;
                }

                string name = item[..equals].Trim();
                if (!TryParseKind(name, out OptimizerKind kind))
                {
                    throw new UsageException($"{flag} '{text}': '{name}' is not an optimizer; valid: {string.Join(", ", OptimizerSettings.Names)}");
                }

                if (!compared.Contains(kind))
                {
                    throw new UsageException($"{flag} '{text}': {OptimizerSettings.NameOf(kind)} is not among --optimizers; compared: {string.Join(", ", compared.Select(OptimizerSettings.NameOf))}");
                }

                if (!result.named.TryAdd(kind, ParseNumber(flag, text, item[(equals + 1)..])))
                {
                    throw new UsageException($"{flag} '{text}' gives {OptimizerSettings.NameOf(kind)} twice; give each optimizer once");
                }
            }

            return result;
        }

        private static double ParseNumber(string flag, string text, string value)
        {
            try
            {
                return NumberParsing.ParseDouble(flag, value);
            }
            catch (FormatException error)
            {
                throw new UsageException($"{flag} '{text}': {error.Message}; give a number for all, or OPTIMIZER=NUMBER separated by commas (e.g. {flag} gd=0.01,adam=0.05)");
            }
        }
    }
}
