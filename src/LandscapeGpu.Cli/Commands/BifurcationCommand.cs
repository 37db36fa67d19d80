using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LandscapeGpu.Descents;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Series;

namespace LandscapeGpu.Cli.Commands;

/// <summary>
/// <c>landscape bifurcation</c>: for each value of a hyperparameter, descents from a few starts for a fixed budget,
/// their last iterates drawn against the value (the classic bifurcation diagram), with the arrays beside the figure.
/// </summary>
public static class BifurcationCommand
{
    /// <summary>Default starts per value.</summary>
    public const int DefaultStarts = 16;

    /// <summary>Default iterates kept per start.</summary>
    public const int DefaultKeep = 64;

    /// <summary>Default step budget: long enough for most orbits to settle on their attractor.</summary>
    public const int DefaultSteps = 1000;

    /// <summary>The descent options with bifurcation's defaults, as its help prints them.</summary>
    public static DescentOptions CreateDescentOptions() => new(defaultSteps: DefaultSteps);

    public static Command Create()
    {
        var descent = CreateDescentOptions();
        var vary = new Option<string>("--vary")
        {
            Description = "The parameter and its values: PARAM=FROM:TO:COUNT with PARAM lr, momentum, beta1 or beta2, e.g. lr=0.01:0.3:400 (FROM and TO included).",
            HelpName = "PARAM=FROM:TO:COUNT",
            Required = true,
        };
        var log = new Option<bool>("--log")
        {
            Description = "Space the values geometrically (FROM > 0) and draw the parameter's axis in log scale.",
        };
        var starts = new Option<int>("--starts")
        {
            Description = "Starts per value, spread evenly over the box (along x; along the box's diagonal for a 2-D landscape).",
            DefaultValueFactory = _ => DefaultStarts,
            HelpName = "N",
        }.Whole();
        var keep = new Option<int>("--keep")
        {
            Description = "The last K iterates of each descent are kept and drawn (at most --steps + 1).",
            DefaultValueFactory = _ => DefaultKeep,
            HelpName = "K",
        }.Whole();
        var coordinate = new Option<string>("--coordinate")
        {
            Description = "The coordinate drawn, for a 2-D landscape: x or y (a model's weight name). [default: x for a 1-D landscape; a 2-D one needs it]",
            HelpName = "x|y",
        };
        var output = new Option<string>("--out")
        {
            Description = "Output directory. [default: runs/LANDSCAPE-bifurcation; for a formula or model runs/formula-HASH-bifurcation]",
            HelpName = "DIR",
        };
        var figure = new FigureCommandOptions();
        var command = new Command("bifurcation", "A bifurcation diagram: for each value of lr (or momentum, beta1, beta2), run every start for exactly --steps steps " +
            "and draw the last --keep iterates against the value, with the landscape's stationary points as lines. Writes bifurcation.png, bifurcation.npy " +
            "(float64 [values, starts, keep], NaN where an iterate diverged) and bifurcation.json. The descents run on the CPU in float64.");
        descent.AddTo(command);
        // Options of map that a bifurcation has no use for: hidden, and refused by name when given.
        Option[] refused = [descent.Grid, descent.Precision, descent.Tolerance, descent.FixedSteps, descent.Device];
        foreach (Option option in refused)
        {
            option.Hidden = true;
        }

        foreach (Option option in new Option[] { vary, log, starts, keep, coordinate, output, figure.Format, figure.Size, figure.Dpi })
        {
            command.Options.Add(option);
        }

        command.SetAction(parsed => CommandRunner.Guard(() =>
        {
            foreach (Option option in refused)
            {
                if (parsed.GetResult(option) is { Implicit: false })
                {
                    throw new UsageException($"{option.Name} is not an option of bifurcation: it runs --starts descents per value, every one for exactly --steps steps, in float64 on the CPU");
                }
            }

            DescentProblem problem = descent.ToProblem(parsed);
            var info = problem.Landscape.Info;
            int coordinateIndex = CoordinateOf(parsed.GetValue(coordinate), info);
            int startCount = parsed.GetValue(starts);
            problem = problem with { Grid = new GridSpec(problem.Grid.Box, Math.Max(1, startCount), 1), Precision = Precision.F64, FixedSteps = true };
            ParameterRange range;
            try
            {
                range = ParameterRange.Parse(parsed.GetValue(vary)!, parsed.GetValue(log),
                    [SeriesParameter.LearningRate, SeriesParameter.Momentum, SeriesParameter.Beta1, SeriesParameter.Beta2]);
                Bifurcation.Check(problem, range, startCount, parsed.GetValue(keep), coordinateIndex);
            }
            catch (ArgumentException error)
            {
                throw UsageException.From(error);
            }

            IReadOnlyList<FigureFormat> formats;
            FigureOptions figureOptions;
            try
            {
                formats = FigureFormats.ParseList(parsed.GetValue(figure.Format)!);
                figureOptions = new FigureOptions { Size = parsed.GetValue(figure.Size), Dpi = parsed.GetValue(figure.Dpi) }.Validated();
            }
            catch (ArgumentException error)
            {
                throw new UsageException(error.Message);
            }

            string directory = parsed.GetValue(output) ?? OutputDirectory.DefaultFor(info) + "-bifurcation";
            if (directory.Length == 0)
            {
                throw new UsageException("--out '' is invalid: give a directory");
            }

            var clock = Stopwatch.StartNew();
            BifurcationDiagram diagram = Bifurcation.Compute(problem, range, startCount, parsed.GetValue(keep), coordinateIndex);
            double seconds = clock.Elapsed.TotalSeconds;
            using var outputs = new AtomicOutputs(directory);
            BifurcationFiles.Write(outputs, diagram);
            var drawn = BifurcationFigure.Create(diagram, figureOptions);
            foreach (FigureFormat format in formats)
            {
                outputs.Write($"bifurcation.{FigureFormats.ExtensionOf(format)}", stream => drawn.Save(stream, format));
            }

            outputs.Commit();
            long total = diagram.Iterates.LongLength, dropped = diagram.Dropped.Sum();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bifurcation of {diagram.CoordinateName} over {range.Name} = {range.From:G6} to {range.To:G6} ({range.Count} values{(range.Logarithmic ? ", geometric" : "")}): " +
                $"{startCount} starts, last {diagram.Keep} of {problem.MaxSteps} steps, {problem.Optimizer.Name}, in {seconds:0.00} s"));
            string stationary = diagram.StationaryPoints.Count == 0 ? "none found in the box" : string.Join(", ", diagram.StationaryPoints.Select(point =>
                string.Create(CultureInfo.InvariantCulture, $"{point.Kind.ToString().ToLowerInvariant()} at {(coordinateIndex == 0 ? point.X : point.Y):G6}")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"diverged: {dropped:N0} of {total:N0} iterates dropped; stationary points: {stationary}"));
            Console.WriteLine($"wrote {outputs.Directory}: {string.Join(' ', formats.Select(format => "bifurcation." + FigureFormats.ExtensionOf(format)))} {BifurcationFiles.ArrayName} {BifurcationFiles.JsonName}");
            return 0;
        }));
        return command;
    }

    /// <summary>The index of the coordinate named <paramref name="name"/>: a 1-D landscape's only one by default; a 2-D landscape needs the name.</summary>
    private static int CoordinateOf(string? name, Landscapes.LandscapeInfo info)
    {
        IReadOnlyList<string> axes = info.Axes;
        if (name is null)
        {
            return info.Dimensions == 1
                ? 0
                : throw new UsageException($"{info.Name} is 2-D: give --coordinate {string.Join(" or ", axes)}, the coordinate drawn against the parameter");
        }

        int index = axes.ToList().FindIndex(axis => string.Equals(axis, name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : throw new UsageException($"--coordinate '{name}' is invalid: {info.Name} has {string.Join(", ", axes)}");
    }
}
