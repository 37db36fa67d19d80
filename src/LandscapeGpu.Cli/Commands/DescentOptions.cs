using System.CommandLine;
using System.Globalization;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Landscapes.Models;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Cli.Commands;

/// <summary>
/// The options that describe a descent problem, shared by every command that runs descents, and their
/// translation into a validated <see cref="DescentProblem"/>. Defaults that depend on the landscape (box, lr,
/// steps, tol) are taken from it when the option is absent.
/// </summary>
public sealed class DescentOptions
{
    /// <summary>Default grid side.</summary>
    public const int DefaultGrid = 512;

    /// <summary>Largest grid side accepted.</summary>
    public const int MaxGridSide = DescentProblem.MaxGridSide;

    public Argument<string> Landscape { get; } = new("landscape")
    {
        Description = "A built-in landscape (see 'landscape list'), or else a formula in x and y, e.g. \"(x^2+y-11)^2 + (x+y^2-7)^2\".",
        DefaultValueFactory = _ => "himmelblau",
    };

    public Option<string> Model { get; } = new("--model")
    {
        Description = "Map the loss of this model fitted to --data instead of a landscape: a formula in weights w1, w2, ... and the data's input columns, e.g. \"w2*tanh(w1*x)\".",
        HelpName = "FORMULA",
    };

    public Option<string> Data { get; } = new("--data")
    {
        Description = "The model's data: a shipped data set (see 'landscape list') or a CSV file with a header and a 'y' column.",
        HelpName = "NAME|PATH",
    };

    public Option<string> Loss { get; } = new("--loss")
    {
        Description = $"How the model's residuals are scored: {string.Join(", ", ResidualLossKinds.Names)} (the mean over the rows).",
        DefaultValueFactory = _ => "mse",
    };

    public Option<string> Free { get; } = new("--free")
    {
        Description = "The one or two weights on the grid axes (x first). [default: the model's weights, when it has at most two]",
        HelpName = "w1,w2",
    };

    public Option<string[]> Fix { get; } = new("--fix")
    {
        Description = "Values for the weights that are not free, e.g. --fix w2=0.5 (repeat or separate with commas).",
        HelpName = "w=VALUE",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly int defaultGrid;
    private readonly int? defaultSteps;

    /// <summary>The options of a command whose defaults are <paramref name="defaultGrid"/> starts per side and <paramref name="defaultSteps"/> steps (null: the landscape's).</summary>
    /// <param name="defaultGrid">Starts per side when --grid is absent.</param>
    /// <param name="defaultSteps">Step budget when --steps is absent; null takes the landscape's.</param>
    /// <param name="takesGrid">
    /// False for a command that sizes its grid otherwise (view: the window): --grid is then hidden from the help and
    /// refused by the command with a pointer to what to use instead.
    /// </param>
    public DescentOptions(int defaultGrid = DefaultGrid, int? defaultSteps = null, bool takesGrid = true)
    {
        this.defaultGrid = defaultGrid;
        this.defaultSteps = defaultSteps;
        Grid = new("--grid")
        {
            Description = $"Starts per side, N (N x N; N x 1 for a 1-D landscape) or WxH. [default: {defaultGrid}]",
            HelpName = "N|WxH",
            Hidden = !takesGrid,
        };
        Steps = new Option<int?>("--steps")
        {
            Description = $"Step budget per start. [default: {(defaultSteps is { } steps ? steps.ToString(CultureInfo.InvariantCulture) : "the landscape's")}]",
        }.Whole();
    }

    public Option<string> Grid { get; }

    public Option<string> Box { get; } = new("--box")
    {
        Description = "Box of starting weights x0,x1,y0,y1. [default: the landscape's usual box]",
        HelpName = "x0,x1,y0,y1",
    };

    public Option<string> Optimizer { get; } = new("--optimizer")
    {
        Description = $"Update rule: {string.Join(", ", OptimizerSettings.Names)}.",
        DefaultValueFactory = _ => "gd",
    };

    public Option<double?> LearningRate { get; } = new Option<double?>("--lr")
    {
        Description = "Learning rate. [default: the landscape's for gd, momentum, nesterov; a thousandth of the box for rmsprop, adam; newton: 1]",
    }.Finite();

    public Option<double> Momentum { get; } = new Option<double>("--momentum")
    {
        Description = "Momentum mu (momentum, nesterov).",
        DefaultValueFactory = _ => OptimizerSettings.DefaultMomentum,
    }.Finite();

    public Option<double> Beta1 { get; } = new Option<double>("--beta1")
    {
        Description = "First-moment decay (adam).",
        DefaultValueFactory = _ => OptimizerSettings.DefaultBeta1,
    }.Finite();

    public Option<double?> Beta2 { get; } = new Option<double?>("--beta2")
    {
        Description = string.Create(CultureInfo.InvariantCulture,
            $"Second-moment decay (adam; rmsprop's rho). [default: {OptimizerSettings.DefaultBeta2}; rmsprop: {OptimizerSettings.DefaultRmsPropDecay}]"),
    }.Finite();

    public Option<double?> Epsilon { get; } = new Option<double?>("--eps")
    {
        Description = string.Create(CultureInfo.InvariantCulture,
            $"Epsilon (adam, rmsprop); Hessian damping (newton). [default: {OptimizerSettings.DefaultEpsilon}; newton: {OptimizerSettings.DefaultNewtonDamping}]"),
    }.Finite();

    public Option<int?> Steps { get; }

    public Option<double?> Tolerance { get; } = new Option<double?>("--tol")
    {
        Description = "A start converges when its gradient norm falls below this. [default: the landscape's for f32, a thousandth of it for f64]",
    }.Finite();

    public Option<bool> FixedSteps { get; } = new("--fixed-steps")
    {
        Description = "Every start takes exactly --steps steps, with no early exit, and is judged where it ends (converged when its gradient norm is below --tol there): a snapshot after a fixed budget.",
    };

    public Option<string> Precision { get; } = new("--precision")
    {
        Description = "Number type of the descents: f32 or f64.",
        DefaultValueFactory = _ => "f32",
    };

    public Option<string> Device { get; } = new("--device")
    {
        Description = "auto (CUDA, then an OpenCL GPU, then the CPU), cuda, opencl, cpu, or ilgpu-cpu (the kernel path on ILGPU's CPU simulator); " +
            "'all' (every GPU at once, else the CPU) or a comma-separated list runs tiles on several devices at once.",
        DefaultValueFactory = _ => "auto",
    };

    /// <summary>--axes, --start and --log-axes, once <see cref="AddAxesTo"/> has added them (map); null for commands without them.</summary>
    public AxesOptions? Axes { get; private set; }

    /// <summary>Adds --axes, --start and --log-axes to <paramref name="command"/>: its problems may then have other axes than x,y.</summary>
    public void AddAxesTo(Command command)
    {
        Axes = new AxesOptions();
        Axes.AddTo(command);
    }

    /// <summary>Adds every option (and the landscape argument) to <paramref name="command"/>.</summary>
    public void AddTo(Command command) => AddTo(command, withOptimizer: true);

    /// <summary>
    /// Adds the options (and the landscape argument) to <paramref name="command"/>; without
    /// <paramref name="withOptimizer"/>, --optimizer and its hyperparameters (--lr, --momentum, --beta1, --beta2, --eps)
    /// are left out for a command that takes them its own way (compare: per optimizer), and that command builds its
    /// problems with <see cref="ToProblem(ParseResult, Func{LandscapeInfo, Landscapes.Box, OptimizerSettings})"/>.
    /// </summary>
    public void AddTo(Command command, bool withOptimizer)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Arguments.Add(Landscape);
        Option[] optimizer = withOptimizer ? [Optimizer, LearningRate, Momentum, Beta1, Beta2, Epsilon] : [];
        foreach (Option option in new Option[] { Model, Data, Loss, Free, Fix, Grid, Box }.Concat(optimizer).Concat([Steps, Tolerance, FixedSteps, Precision, Device]))
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The devices asked for, parsed once (a command that runs one engine takes <see cref="DeviceSelection.Single"/>).</summary>
    /// <exception cref="UsageException">The device text names an unknown device.</exception>
    public DeviceSelection Devices(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        try
        {
            return DeviceSelection.Parse(parsed.GetValue(Device)!);
        }
        catch (ArgumentException error)
        {
            throw UsageException.From(error);
        }
    }

    /// <summary>Builds and validates the problem; every invalid value throws a <see cref="UsageException"/> naming it.</summary>
    public DescentProblem ToProblem(ParseResult parsed) => ToProblem(parsed, (info, box) => OptimizerOf(parsed, info, box));

    /// <summary>
    /// Builds and validates the problem with the optimizer <paramref name="chooseOptimizer"/> gives for the landscape
    /// and the box of starts; every invalid value throws a <see cref="UsageException"/> naming it.
    /// </summary>
    public DescentProblem ToProblem(ParseResult parsed, Func<LandscapeInfo, Landscapes.Box, OptimizerSettings> chooseOptimizer) =>
        ToProblem(parsed, chooseOptimizer, null);

    /// <summary>
    /// The 2-D problem of a model whose trained weights other than the free ones are held at <paramref name="sliceValues"/>
    /// (their starts): what a many-weight map takes its defaults (box, lr, steps, tol), its grid and its figure's axes from.
    /// </summary>
    public DescentProblem ToSliceProblem(ParseResult parsed, IReadOnlyDictionary<string, double> sliceValues) =>
        ToProblem(parsed, (info, box) => OptimizerOf(parsed, info, box), sliceValues);

    private DescentProblem ToProblem(ParseResult parsed, Func<LandscapeInfo, Landscapes.Box, OptimizerSettings> chooseOptimizer, IReadOnlyDictionary<string, double>? sliceValues)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(chooseOptimizer);
        LandscapeEntry landscape = ChooseLandscape(parsed, sliceValues);
        LandscapeInfo info = landscape.Info;

        // An axes map's --box spans its axes: the landscape's own box gives the defaults (lr) and the grid is 2-D.
        bool axesMap = Axes?.Requested(parsed) == true;
        Box box = parsed.GetValue(Box) is { } boxText && !axesMap ? ParseBox(boxText, info.Dimensions) : info.Box;
        GridSpec grid = ParseGrid(parsed.GetValue(Grid), box, axesMap ? 2 : info.Dimensions, defaultGrid);
        OptimizerSettings settings = chooseOptimizer(info, box);
        int steps = parsed.GetValue(Steps) ?? defaultSteps ?? info.Defaults.Steps;
        try
        {
            Precision precision = Precisions.Parse(parsed.GetValue(Precision)!);
            double tolerance = parsed.GetValue(Tolerance) ?? (precision == Descents.Precision.F32 ? info.Defaults.Tolerance : info.Defaults.Tolerance * 1e-3);
            var problem = new DescentProblem(landscape, settings, grid, steps, tolerance, precision, parsed.GetValue(FixedSteps));
            if (axesMap)
            {
                (MapAxes axes, Box axesBox) = Axes!.Resolve(parsed, info, settings, parsed.GetValue(Box));
                problem = problem with { Grid = grid with { Box = axesBox }, Axes = axes };
            }

            return problem.Validated();
        }
        catch (ArgumentException error)
        {
            throw UsageException.From(error);
        }
    }

    /// <summary>The optimizer --optimizer and its hyperparameter options give, with its defaults for what is absent.</summary>
    private OptimizerSettings OptimizerOf(ParseResult parsed, LandscapeInfo info, Box box)
    {
        OptimizerKind kind;
        try
        {
            kind = OptimizerSettings.ParseKind(parsed.GetValue(Optimizer)!);
        }
        catch (ArgumentException error)
        {
            throw UsageException.From(error);
        }

        OptimizerSettings defaults = OptimizerSettings.DefaultsFor(kind, info.Defaults, box);
        OptimizerSettings settings = defaults with
        {
            LearningRate = parsed.GetValue(LearningRate) ?? defaults.LearningRate,
            Momentum = parsed.GetValue(Momentum),
            Beta1 = parsed.GetValue(Beta1),
            Beta2 = parsed.GetValue(Beta2) ?? defaults.Beta2,
            Epsilon = parsed.GetValue(Epsilon) ?? defaults.Epsilon,
        };
        return settings;
    }

    /// <summary>A built-in landscape by name, else a formula; or, with --model, the loss of a model fitted to data.</summary>
    private LandscapeEntry ChooseLandscape(ParseResult parsed, IReadOnlyDictionary<string, double>? sliceValues)
    {
        string? model = parsed.GetValue(Model);
        bool landscapeGiven = parsed.GetResult(Landscape) is { Tokens.Count: > 0 };
        if (model is null)
        {
            foreach (Option option in new Option[] { Data, Loss, Free, Fix })
            {
                if (parsed.GetResult(option) is { Implicit: false })
                {
                    throw new UsageException($"{option.Name} is for a model: add --model FORMULA (and --data)");
                }
            }

            string name = parsed.GetValue(Landscape)!;
            if (BuiltInLandscapes.Find(name) is { } builtIn)
            {
                return builtIn;
            }

            try
            {
                return FormulaLandscapes.Parse(name);
            }
            catch (FormulaSyntaxException) when (name.Trim().Length > 0 && char.IsAsciiLetter(name.Trim()[0]) && name.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                // A lone word that is no formula is far more likely a mistyped landscape name.
                throw new UsageException($"unknown landscape '{name}'; valid: {BuiltInLandscapes.Names}; or give a formula in x and y");
            }
        }

        if (landscapeGiven)
        {
            throw new UsageException($"give either a landscape ('{parsed.GetValue(Landscape)}') or --model, not both");
        }

        string dataName = parsed.GetValue(Data) ?? throw new UsageException("--model needs --data: a shipped data set (see 'landscape list') or a CSV file");
        ResidualLossKind loss;
        try
        {
            loss = ResidualLossKinds.Parse(parsed.GetValue(Loss)!);
        }
        catch (ArgumentException error)
        {
            throw UsageException.From(error);
        }

        IReadOnlyList<string>? free = parsed.GetValue(Free) is { } freeText
            ? freeText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : null;
        Dictionary<string, double> fixedWeights = ParseWeightValues("--fix", "w2=0.5", parsed.GetValue(Fix) ?? []);
        foreach ((string weight, double value) in sliceValues ?? new Dictionary<string, double>())
        {
            fixedWeights[weight] = value;
        }

        return ModelLandscapes.Create(new ModelSpec(model, DataSets.Load(dataName), loss, free, fixedWeights));
    }

    /// <summary>Parses WEIGHT=NUMBER items of <paramref name="flag"/> (repeated or comma-separated); <paramref name="example"/> is shown when one is malformed.</summary>
    /// <exception cref="UsageException">An item is malformed, not finite, or names a weight twice.</exception>
    public static Dictionary<string, double> ParseWeightValues(string flag, string example, string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string item in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            string[] parts = item.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                throw new UsageException($"{flag} '{item}' is invalid: give WEIGHT=NUMBER, e.g. {flag} {example}");
            }

            if (!weights.TryAdd(parts[0], value))
            {
                throw new UsageException($"{flag} {parts[0]} is given twice");
            }
        }

        return weights;
    }

    private static Box ParseBox(string text, int dimensions)
    {
        try
        {
            return Landscapes.Box.Parse(text, dimensions);
        }
        catch (FormatException error)
        {
            throw new UsageException($"--box: {error.Message}");
        }
    }

    /// <summary>Parses "N" or "WxH"; a 1-D landscape's grid is N x 1; null (no --grid) gives <paramref name="defaultSide"/> per side, an empty value is an error.</summary>
    public static GridSpec ParseGrid(string? text, Box box, int dimensions, int defaultSide = DefaultGrid)
    {
        int width, height;
        if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException($"--grid '{text}' is invalid: give N or WxH with positive whole numbers, e.g. 512 or 1024x768");
        }

        if (text is null)
        {
            width = defaultSide;
            height = dimensions == 1 ? 1 : defaultSide;
        }
        else
        {
            string[] parts = text.ToLowerInvariant().Split('x');
            if (parts.Length > 2 || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                throw new UsageException($"--grid '{text}' is invalid: give N or WxH with positive whole numbers, e.g. 512 or 1024x768");
            }

            width = int.Parse(parts[0], CultureInfo.InvariantCulture);
            height = parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : dimensions == 1 ? 1 : width;
        }

        if (width < 1 || height < 1 || width > MaxGridSide || height > MaxGridSide)
        {
            throw new UsageException($"--grid '{text}' is invalid: each side must be between 1 and {MaxGridSide}");
        }

        if (dimensions == 1 && height != 1)
        {
            throw new UsageException($"--grid '{text}' is invalid for a 1-D landscape: its grid has height 1 (give N or Nx1)");
        }

        return new GridSpec(box, width, height);
    }
}
