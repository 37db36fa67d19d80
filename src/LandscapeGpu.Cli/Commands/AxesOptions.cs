using System.CommandLine;
using System.Globalization;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Cli.Commands;

/// <summary>
/// <c>--axes</c>, <c>--start</c> and <c>--log-axes</c>: a map over any two of the start coordinates and the optimizer's
/// hyperparameters. The plain map (x across, y up, both linear) is no axes map at all: its problem has no
/// <see cref="DescentProblem.Axes"/> and runs exactly as before.
/// </summary>
public sealed class AxesOptions
{
    public Option<string> Axes { get; } = new("--axes")
    {
        Description = $"What the map's columns and rows vary: two of the start coordinates (x, y; a model's free weights) and the optimizer's hyperparameters " +
            $"({string.Join(", ", MapAxes.HyperparameterNames)}; for a model, one free weight's own learning rate: lr:w1), e.g. lr,momentum. --box then spans these two axes. [default: x,y]",
        HelpName = "A,B",
    };

    public Option<string> Start { get; } = new("--start")
    {
        Description = "The start for coordinates that are not on an axis (X,Y; X for a 1-D landscape). [default: the centre of the landscape's usual box]",
        HelpName = "X,Y",
    };

    public Option<string> LogAxes { get; } = new("--log-axes")
    {
        Description = "Space the horizontal axis (x), the vertical one (y) or both logarithmically: cell centres at geometric midpoints; the axis's range must be above 0.",
        HelpName = "x|y|both",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Axes);
        command.Options.Add(Start);
        command.Options.Add(LogAxes);
    }

    /// <summary>Whether the command line asks for an axes map: other axes than x,y, or a log axis.</summary>
    /// <exception cref="UsageException">--start is given for a plain map, whose start is every cell's own.</exception>
    public bool Requested(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        string? axes = parsed.GetValue(Axes);
        bool plainAxes = axes is null || axes.Replace(" ", "", StringComparison.Ordinal) == "x,y";
        bool requested = !plainAxes || parsed.GetValue(LogAxes) is not null;
        if (!requested && parsed.GetValue(Start) is { } start)
        {
            throw new UsageException($"--start '{start}' is invalid here: both start coordinates are on the axes; --start fixes the coordinates an --axes choice leaves off, e.g. --axes lr,momentum --start 0,0");
        }

        return requested;
    }

    /// <summary>
    /// The axes of the map and the box they span: from --axes, --log-axes, --start and <paramref name="boxText"/>
    /// (--box, or null for each axis's usual range) on <paramref name="info"/>'s landscape with <paramref name="settings"/>.
    /// </summary>
    /// <exception cref="UsageException">A value is invalid; the message names it and what is valid.</exception>
    public (MapAxes Axes, Box Box) Resolve(ParseResult parsed, LandscapeInfo info, OptimizerSettings settings, string? boxText)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(settings);
        string text = parsed.GetValue(Axes) ?? "x,y";
        string[] names = text.Split(',', StringSplitOptions.TrimEntries);
        IReadOnlyList<MapAxis> valid = MapAxes.ValidAxes(info, settings.Kind);
        if (names.Length != 2 || names.Any(name => name.Length == 0))
        {
            throw new UsageException($"--axes '{text}' is invalid: give two axes A,B, e.g. lr,momentum; valid: {string.Join(", ", valid.Select(axis => MapAxes.NameOf(axis, info)))}");
        }

        MapAxis horizontal, vertical;
        try
        {
            horizontal = MapAxes.Parse(names[0], info, settings.Kind);
            vertical = MapAxes.Parse(names[1], info, settings.Kind);
        }
        catch (ArgumentException error)
        {
            throw UsageException.From(error);
        }

        (bool logHorizontal, bool logVertical) = parsed.GetValue(LogAxes) switch
        {
            null => (false, false),
            "x" => (true, false),
            "y" => (false, true),
            "both" => (true, true),
            string other => throw new UsageException($"--log-axes '{other}' is invalid; valid: x (the horizontal axis), y (the vertical one), both"),
        };

        double centreX = (info.Box.X0 + info.Box.X1) / 2, centreY = (info.Box.Y0 + info.Box.Y1) / 2;
        (double startX, double startY) = parsed.GetValue(Start) is { } startText ? ParseStart(startText, info.Dimensions) : (centreX, centreY);
        Box box = boxText is not null ? ParseBox(boxText) : new Box(
            UsualRange(horizontal, logHorizontal, info, settings).From, UsualRange(horizontal, logHorizontal, info, settings).To,
            UsualRange(vertical, logVertical, info, settings).From, UsualRange(vertical, logVertical, info, settings).To);
        return (new MapAxes(horizontal, vertical, logHorizontal, logVertical, startX, startY, info.Box), box);
    }

    /// <summary>
    /// An axis's range when --box is absent: a coordinate's from the landscape's box; lr (and a weight's lr:w1) and eps from 0 to twice their
    /// value (log: a hundredth to ten times); momentum, beta1 and beta2 from 0 to 1 (log: 0.001 to 1).
    /// </summary>
    public static (double From, double To) UsualRange(MapAxis axis, bool logarithmic, LandscapeInfo info, OptimizerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(settings);
        return axis switch
        {
            MapAxis.X => (info.Box.X0, info.Box.X1),
            MapAxis.Y => (info.Box.Y0, info.Box.Y1),
            MapAxis.LearningRate or MapAxis.LearningRateX or MapAxis.LearningRateY => logarithmic ? (settings.LearningRate / 100, settings.LearningRate * 10) : (0, 2 * settings.LearningRate),
            MapAxis.Epsilon => logarithmic ? (settings.Epsilon / 100, settings.Epsilon * 10) : (0, 2 * settings.Epsilon),
            _ => logarithmic ? (1e-3, 1) : (0, 1),
        };
    }

    private static Box ParseBox(string text)
    {
        try
        {
            // An axes map always spans two axes, even on a 1-D landscape.
            return Box.Parse(text, 2);
        }
        catch (FormatException error)
        {
            throw new UsageException($"--box: {error.Message} (with --axes it spans the two axes: A0,A1,B0,B1)");
        }
    }

    private static (double X, double Y) ParseStart(string text, int dimensions)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        bool numbers = parts.Length == dimensions
            && parts.Select((part, i) => double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) && double.IsFinite(values[i])).All(ok => ok);
        if (!numbers)
        {
            throw new UsageException($"--start '{text}' is invalid: give {(dimensions == 1 ? "one finite number X" : "two finite numbers X,Y")}, e.g. --start {(dimensions == 1 ? "0.5" : "0,0")}");
        }

        return (values[0], dimensions == 1 ? 0 : values[1]);
    }
}
