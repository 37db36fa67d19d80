using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using LandscapeGpu.Descents;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Series;
using SkiaSharp;

namespace LandscapeGpu.Cli.Commands;

/// <summary>
/// <c>landscape sweep</c>: one complete <c>landscape map</c> per value of a hyperparameter, each run by the map command
/// itself into <c>DIR/frames/NNN</c> (so a frame is exactly what that map command writes), then the basin fractions
/// matched across frames by location (sweep.json, fractions.png), a contact sheet and an animation.
/// </summary>
public static class SweepCommand
{
    /// <summary>How long each frame of the animation shows, by default.</summary>
    public const int DefaultFrameMilliseconds = 600;

    /// <summary>The descent options of the maps, with map's defaults.</summary>
    public static DescentOptions CreateDescentOptions() => MapCommand.CreateDescentOptions();

    public static Command Create()
    {
        // The map command's own options and argument: each frame is parsed and run by a map command.
        Command map = MapCommand.Create();
        var vary = new Option<string>("--vary")
        {
            Description = "The parameter and its values: PARAM=FROM:TO:COUNT with PARAM lr, momentum, beta1, beta2, steps, or a weight of --model that is not free " +
                "(each frame fixes it with --fix), e.g. lr=0.001:0.02:12 (FROM and TO included).",
            HelpName = "PARAM=FROM:TO:COUNT",
            Required = true,
        };
        var log = new Option<bool>("--log")
        {
            Description = "Space the values geometrically (FROM > 0); fractions.png then draws the parameter in log scale.",
        };
        var output = new Option<string>("--out")
        {
            Description = "Output directory: the frames go to DIR/frames/000, 001, ... [default: runs/LANDSCAPE-sweep; for a formula or model runs/formula-HASH-sweep]",
            HelpName = "DIR",
        };
        var frameTime = new Option<int>("--frame-ms")
        {
            Description = "How long each frame of sweep.apng shows, in milliseconds.",
            DefaultValueFactory = _ => DefaultFrameMilliseconds,
            HelpName = "MS",
        }.Whole();
        var command = new Command("sweep", "A series of basin maps as one parameter varies: runs 'landscape map' once per value (every map option applies) into " +
            "DIR/frames/NNN, then writes sweep.json (each attractor's fraction per frame, matched across frames by location; diverged, not converged, metrics), " +
            "fractions.png (stacked areas against the parameter), frames.png (a contact sheet) and sweep.apng (an animated PNG).");
        foreach (Argument argument in map.Arguments)
        {
            command.Arguments.Add(argument);
        }

        Option[] refused = [.. map.Options.Where(option => option.Name is "--shard" or "--resume")];
        Option[] passed = [.. map.Options.Where(option => option.Name != "--out")];
        foreach (Option option in passed)
        {
            option.Hidden |= refused.Contains(option);
            command.Options.Add(option);
        }

        command.Options.Add(vary);
        command.Options.Add(log);
        command.Options.Add(output);
        command.Options.Add(frameTime);
        command.SetAction(parsed => CommandRunner.Guard(() =>
        {
            foreach (Option option in refused)
            {
                if (parsed.GetResult(option) is { Implicit: false })
                {
                    throw new UsageException($"{option.Name} is not an option of sweep: each frame is one whole map; run 'landscape map' for sharded or resumed runs");
                }
            }

            string varyText = parsed.GetValue(vary)!;
            // With --model, a name that is no hyperparameter is taken for a weight the frames fix (--fix NAME=VALUE).
            string varied = varyText.Split('=', 2)[0].Trim();
            bool model = passed.Any(option => option.Name == "--model" && parsed.GetResult(option) is { Implicit: false });
            IReadOnlyCollection<string> weights = model && varied.Length > 0 && !ParameterRange.Names.Contains(varied.ToLowerInvariant()) ? [varied] : [];
            ParameterRange range;
            try
            {
                range = ParameterRange.Parse(varyText, parsed.GetValue(log), fixedWeights: weights);
            }
            catch (ArgumentException error)
            {
                throw UsageException.From(error);
            }

            if (range.Parameter == SeriesParameter.FixedWeight)
            {
                Option fix = passed.Single(option => option.Name == "--fix");
                if (parsed.GetResult(fix) is { Implicit: false } fixResult
                    && fixResult.Tokens.SelectMany(token => token.Value.Split(',', StringSplitOptions.TrimEntries)).Any(item => item.Split('=')[0].Trim() == range.Name))
                {
                    throw new UsageException($"--fix {range.Name} is what --vary {range.Name} sets in each frame: leave it out of --fix");
                }
            }
            else
            {
                string flag = "--" + range.Name;
                if (passed.FirstOrDefault(option => option.Name == flag) is { } option && parsed.GetResult(option) is { Implicit: false })
                {
                    throw new UsageException($"{flag} is what --vary {range.Name} sets in each frame: leave {flag} out");
                }
            }

            IReadOnlyList<string> mapArguments = MapArguments(parsed.CommandResult, passed);
            DescentProblem problem;
            try
            {
                problem = ProblemOf(parsed.CommandResult, passed, ValueArguments(range, range.From));
            }
            catch (Exception error) when (range.Parameter == SeriesParameter.FixedWeight && error is UsageException or ArgumentException)
            {
                // The frames fix the weight with --fix: say which option brought it in.
                string message = error is ArgumentException argument ? UsageException.From(argument).Message : error.Message;
                throw new UsageException($"--vary {range.Name}: {message}");
            }
            try
            {
                range.Check(problem);
            }
            catch (ArgumentException error)
            {
                throw UsageException.From(error);
            }

            IReadOnlyList<FigureFormat> formats;
            try
            {
                formats = FigureFormats.ParseList(parsed.GetValue(passed.OfType<Option<string>>().Single(option => option.Name == "--format"))!);
            }
            catch (ArgumentException error)
            {
                throw new UsageException(error.Message);
            }

            if (!formats.Contains(FigureFormat.Png))
            {
                throw new UsageException("--format must include png for a sweep: its contact sheet and animation are made of the frames' basins.png");
            }

            string directory = parsed.GetValue(output) ?? OutputDirectory.DefaultFor(problem.Landscape.Info) + "-sweep";
            if (directory.Length == 0)
            {
                throw new UsageException("--out '' is invalid: give a directory");
            }

            return Run(range, problem, mapArguments, directory, formats, parsed.GetValue(frameTime));
        }));
        return command;
    }

    /// <summary>The map command line of frame <paramref name="index"/>: the sweep's map options, the value, and the frame's directory.</summary>
    public static IReadOnlyList<string> FrameArguments(IReadOnlyList<string> mapArguments, ParameterRange range, int index, string directory)
    {
        ArgumentNullException.ThrowIfNull(mapArguments);
        ArgumentNullException.ThrowIfNull(range);
        return ["map", .. mapArguments, .. ValueArguments(range, range.Values[index]), "--out", Path.Combine(directory, SweepFrames.FrameDirectory(index, range.Count))];
    }

    /// <summary>The map options that set <paramref name="value"/>: <c>--lr VALUE</c> (and so on), or <c>--fix WEIGHT=VALUE</c>.</summary>
    private static string[] ValueArguments(ParameterRange range, double value) => range.Parameter switch
    {
        SeriesParameter.Steps => ["--steps", ((long)value).ToString(CultureInfo.InvariantCulture)],
        SeriesParameter.FixedWeight => ["--fix", $"{range.Name}={value.ToString("R", CultureInfo.InvariantCulture)}"],
        _ => ["--" + range.Name, value.ToString("R", CultureInfo.InvariantCulture)],
    };

    private static int Run(ParameterRange range, DescentProblem problem, IReadOnlyList<string> mapArguments, string directory, IReadOnlyList<FigureFormat> formats, int frameMilliseconds)
    {
        var frames = new List<SweepFrame>();
        IReadOnlyList<double> values = range.Values;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < values.Count; i++)
        {
            IReadOnlyList<string> arguments = FrameArguments(mapArguments, range, i, directory);
            TextWriter output = Console.Out, error = Console.Error;
            using var frameOutput = new StringWriter();
            using var frameError = new StringWriter();
            int code;
            Console.SetOut(frameOutput);
            Console.SetError(frameError);
            try
            {
                code = LandscapeCli.Run([.. arguments]);
            }
            finally
            {
                Console.SetOut(output);
                Console.SetError(error);
            }

            if (code != 0)
            {
                Console.Error.Write(frameError.ToString());
                Console.Error.WriteLine($"landscape: sweep stopped at frame {i} of {values.Count} ({range.Name} = {values[i].ToString("G6", CultureInfo.InvariantCulture)}): " +
                    $"'landscape {string.Join(' ', arguments)}' exited with {code}");
                return code;
            }

            string relative = SweepFrames.FrameDirectory(i, values.Count);
            SweepFrame frame = SweepFrames.Read(directory, relative, values[i], arguments);
            frames.Add(frame);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"frame {i + 1}/{values.Count}: {range.Name} = {values[i]:G6}: {frame.Attractors.Count} attractors, diverged {100 * frame.Diverged:0.0} %, " +
                $"not converged {100 * frame.Unconverged:0.0} % ({clock.Elapsed.TotalSeconds:0.0} s)"));
        }

        var info = problem.Landscape.Info;
        IReadOnlyList<IReadOnlyList<FrameAttractor>> attractors = [.. frames.Select(frame => frame.Attractors)];
        (IReadOnlyList<TrackedAttractor> tracked, double[][] fractions) = AttractorLocations.Match(attractors, info.Box);
        string title = FigureTitle.What(info) + "\n" + string.Create(CultureInfo.InvariantCulture,
            $"basin fractions over {range.Name} = {values[0]:G4} to {values[^1]:G4} ({values.Count} maps{(range.Logarithmic ? ", geometric" : "")})");
        ScottPlot.Plot plot = SweepFigures.Fractions(title, range.Name, values, range.Logarithmic, tracked, attractors, fractions,
            [.. frames.Select(frame => frame.Diverged)], [.. frames.Select(frame => frame.Unconverged)], info.Box);
        List<SKBitmap> images = [.. frames.Select(frame => SKBitmap.Decode(Path.Combine(directory, frame.Directory, "basins.png"))
            ?? throw new IOException($"{Path.Combine(directory, frame.Directory, "basins.png")} cannot be read as a PNG"))];
        try
        {
            using var outputs = new AtomicOutputs(directory);
            outputs.Write(SweepFrames.JsonName, stream => SweepFrames.Write(stream, range, info, frames, tracked, fractions));
            foreach (FigureFormat format in formats)
            {
                outputs.Write($"fractions.{FigureFormats.ExtensionOf(format)}", stream => FigureFile.Save(plot, 1100, 600, 1, stream, format));
            }

            string[] captions = [.. values.Select(value => string.Create(CultureInfo.InvariantCulture, $"{range.Name} = {value:G6}"))];
            using (SKBitmap sheet = SweepFigures.ContactSheet(images, captions))
            {
                outputs.Write("frames.png", stream =>
                {
                    using SKData data = sheet.Encode(SKEncodedImageFormat.Png, 100);
                    data.SaveTo(stream);
                });
            }

            outputs.Write("sweep.apng", stream => ApngFile.Write(stream, SweepFigures.AnimationFrames(images), frameMilliseconds));
            outputs.Commit();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sweep of {range.Name} over {values.Count} values{(range.Logarithmic ? " (geometric)" : "")}: {tracked.Count} attractors matched across frames, in {clock.Elapsed.TotalSeconds:0.0} s"));
            Console.WriteLine($"wrote {outputs.Directory}: {SweepFrames.FramesFolder}/ {SweepFrames.JsonName} " +
                $"{string.Join(' ', formats.Select(format => "fractions." + FigureFormats.ExtensionOf(format)))} frames.png sweep.apng");
        }
        finally
        {
            foreach (SKBitmap image in images)
            {
                image.Dispose();
            }
        }

        return 0;
    }

    /// <summary>The map options the sweep was given, as a map command line (landscape first, then each option given, in the order given).</summary>
    private static List<string> MapArguments(CommandResult result, IReadOnlyList<Option> passed)
    {
        var words = new List<string>();
        var options = new List<string>();
        foreach (SymbolResult child in result.Children)
        {
            switch (child)
            {
                case ArgumentResult argument:
                    words.AddRange(argument.Tokens.Select(token => token.Value));
                    break;
                case OptionResult option when !option.Implicit && passed.Contains(option.Option):
                    if (option.Tokens.Count == 0)
                    {
                        options.Add(option.Option.Name);
                    }

                    foreach (Token token in option.Tokens)
                    {
                        options.Add(option.Option.Name);
                        options.Add(token.Value);
                    }

                    break;
            }
        }

        return [.. words, .. options];
    }

    /// <summary>The problem the sweep's descent options describe, validated as map validates it.</summary>
    private static DescentProblem ProblemOf(CommandResult result, IReadOnlyList<Option> passed, IReadOnlyList<string> valueArguments)
    {
        DescentOptions descent = CreateDescentOptions();
        var scratch = new Command("map");
        descent.AddTo(scratch);
        // Only the descent options are read here; the map's other options are its own to check, frame by frame.
        var descentNames = scratch.Options.Select(option => option.Name).ToHashSet(StringComparer.Ordinal);
        ParseResult parsed = scratch.Parse([.. MapArguments(result, [.. passed.Where(option => descentNames.Contains(option.Name))]), .. valueArguments]);
        if (parsed.Errors.Count > 0)
        {
            throw new UsageException(parsed.Errors[0].Message);
        }

        return descent.ToProblem(parsed);
    }
}
