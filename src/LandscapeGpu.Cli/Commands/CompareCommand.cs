using System.CommandLine;
using System.Globalization;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Metrics;
using LandscapeGpu.Metrics.Comparison;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Cli.Commands;

/// <summary>
/// <c>landscape compare</c>: one map per optimizer over the same landscape and grid, each a complete map directory
/// (<c>DIR/OPTIMIZER/</c>, exactly what <c>landscape map</c> writes), then their attractors matched by location, the
/// disagreement map, compare.json, compare.png and a table.
/// </summary>
public static class CompareCommand
{
    /// <summary>The files the comparison itself writes into DIR (besides one map directory per optimizer).</summary>
    public static readonly IReadOnlyList<string> Outputs = ["compare.json", "disagreement.npy"];

    /// <summary>The descent options with compare's defaults (map's), as its help prints them.</summary>
    public static DescentOptions CreateDescentOptions() => new();

    public static Command Create()
    {
        var descent = CreateDescentOptions();
        var optimizers = new PerOptimizerOptions();
        var output = new Option<string>("--out")
        {
            Description = "Output directory: one map directory per optimizer in DIR/OPTIMIZER/, and the comparison's files. " +
                "[default: runs/LANDSCAPE-compare; for a formula or model runs/formula-HASH-compare or runs/model-HASH-compare]",
            HelpName = "DIR",
        };
        var figure = new FigureCommandOptions();
        var force = new Option<bool>("--force")
        {
            Description = "Replace other runs in DIR's optimizer directories (as map --force does); other files in DIR are kept.",
        };
        var boxSide = new Option<int>("--box-side")
        {
            Description = "Side of the boxes (in starts) of each map's basin entropy.",
            DefaultValueFactory = _ => BasinMetrics.DefaultBoxSide,
            HelpName = "N",
        };
        var command = new Command("compare", "Map one landscape with several optimizers on the same grid: DIR/OPTIMIZER/ holds each map as 'landscape map' writes it; " +
            "compare.png shows the maps side by side (one colour per attractor in every panel), disagreement.npy and disagreement.png how many distinct " +
            "outcomes the optimizers reach from each start, compare.json and the table the attractors matched by location with each optimizer's fraction and mean steps.");
        descent.AddTo(command, withOptimizer: false);
        optimizers.AddTo(command);
        command.Options.Add(output);
        figure.AddTo(command);
        command.Options.Add(force);
        command.Options.Add(boxSide);
        command.SetAction(parsed => CommandRunner.Guard(() =>
        {
            IReadOnlyList<OptimizerKind> kinds = optimizers.Kinds(parsed);
            IReadOnlyList<OptimizerSettings>? settings = null;
            DescentProblem first = descent.ToProblem(parsed, (info, box) => (settings = optimizers.SettingsOf(parsed, kinds, info.Defaults, box))[0]);
            IReadOnlyList<DescentProblem> problems = settings!.Select(optimizer => Validated(first with { Optimizer = optimizer })).ToArray();
            FigureRequest request = figure.ToRequest(parsed);
            string directory = parsed.GetValue(output) ?? OutputDirectory.DefaultFor(first.Landscape.Info) + "-compare";
            if (directory.Length == 0)
            {
                throw new UsageException("--out '' is invalid: give a directory");
            }

            GridSpec grid = first.Grid;
            if (grid.Count > TiledMaps.SingleFileLimit)
            {
                throw new UsageException($"--grid {grid.Width}x{grid.Height} is too large for compare, which keeps every map in memory: " +
                    $"give at most {TiledMaps.SingleFileLimit:N0} starts (e.g. --grid 4096), or run 'landscape map' per optimizer");
            }

            long available = (long)(0.8 * GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
            long needed = problems.Count * grid.Count * MapRunner.BytesPerStart;
            if (needed > available)
            {
                throw new GridTooLargeException($"--grid {grid.Width}x{grid.Height} with {problems.Count} optimizers needs about {needed / 1e9:0.#} GB for the maps, " +
                    $"more than the {available / 1e9:0.#} GB available; use a smaller --grid or fewer --optimizers");
            }

            int side = parsed.GetValue(boxSide);
            if (parsed.GetResult(boxSide) is { Implicit: false })
            {
                MeasuredMetrics.Validate(side, grid.Width, grid.Height);
            }

            DeviceSelection devices = descent.Devices(parsed);
            if (devices.IsMultiple)
            {
                throw new UsageException($"--device '{parsed.GetValue(descent.Device)}': compare runs its maps one after another on one device; give one (auto, cuda, opencl, cpu, ilgpu-cpu or N)");
            }

            bool forced = parsed.GetValue(force);
            CheckDirectory(directory, problems, forced);
            return Run(problems, directory, devices.Single, forced, request, side);
        }));
        return command;
    }

    private static DescentProblem Validated(DescentProblem problem)
    {
        try
        {
            return problem.Validated();
        }
        catch (ArgumentException error)
        {
            throw new UsageException($"{problem.Optimizer.Name}: {UsageException.From(error).Message}");
        }
    }

    // Before anything is computed: DIR must hold nothing but a comparison's files, and the optimizer directories must be
    // free for these runs, as map would check them.
    private static void CheckDirectory(string directory, IReadOnlyList<DescentProblem> problems, bool force)
    {
        if (force)
        {
            return;
        }

        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).FirstOrDefault(entry => !IsComparisonEntry(entry)) is { } foreign)
        {
            throw new RunConflictException($"output directory '{directory}' is not empty (it holds '{Path.GetFileName(foreign)}') and holds no comparison; " +
                "use another --out, or add --force to write there anyway");
        }

        foreach (DescentProblem problem in problems)
        {
            string runDirectory = Path.Combine(directory, problem.Optimizer.Name);
            OutputDirectory.PrepareUntiled(Path.GetFullPath(runDirectory), runDirectory, problem, force: false);
        }
    }

    // What a comparison leaves in DIR: its files in any figure format, one directory per optimizer, the lock and temporaries.
    private static bool IsComparisonEntry(string path)
    {
        string name = Path.GetFileName(path);
        if (Directory.Exists(path))
        {
            return OptimizerSettings.Names.Contains(name);
        }

        return Outputs.Contains(name) || name is RunLock.FileName or RunLock.HolderFileName
            || name.Contains(AtomicFile.TemporaryMarker, StringComparison.Ordinal)
            || FigureFormats.Names.Any(extension => name == "compare." + extension || name == "disagreement." + extension);
    }

    private static int Run(IReadOnlyList<DescentProblem> problems, string directory, DeviceChoice device, bool force, FigureRequest request, int boxSide)
    {
        // The engine first: a device that is missing or misconfigured must leave no output directory behind.
        using IDescentEngine engine = EngineFactory.Create(device);
        using RunLock runLock = RunLock.Acquire(directory);
        var maps = new List<ComparedMap>(problems.Count);
        foreach (DescentProblem problem in problems)
        {
            Console.Error.WriteLine($"{problem.Optimizer.Name}: {FigureTitle.Hyperparameters(problem.Optimizer)}");
            (BasinMap map, MeasuredMetrics metrics) = MapCommand.WriteWhole(problem, Path.Combine(directory, problem.Optimizer.Name), engine, force, request, boxSide);
            maps.Add(new ComparedMap(map, metrics.Metrics));
        }

        OptimizerComparison comparison = OptimizerComparison.Of(maps);
        using var outputs = new AtomicOutputs(directory);
        GridSpec grid = comparison.Problem.Grid;
        outputs.Write("compare.json", stream => ComparisonJson.Write(stream, comparison));
        outputs.Write("disagreement.npy", stream => NpyWriter.Write<byte>(stream, comparison.DisagreementCounts, grid.Height, grid.Width));
        var disagreement = DisagreementFigure.Create(comparison.DisagreementCounts, grid, comparison.Problem.Landscape.Info, maps.Select(map => map.Name).ToArray(), request.Options);
        ComparisonFigure figure = ComparisonFigures.Draw(comparison, request, Console.Error);
        foreach (FigureFormat format in request.Formats)
        {
            string extension = FigureFormats.ExtensionOf(format);
            outputs.Write("compare." + extension, stream => figure.Save(stream, format));
            outputs.Write("disagreement." + extension, stream => disagreement.Save(stream, format));
        }

        outputs.Commit();
        Print(comparison, outputs.Directory, request);
        return 0;
    }

    /// <summary>The table: a row per matched attractor with each optimizer's fraction and mean steps, then diverged, not converged, metrics and disagreement.</summary>
    private static void Print(OptimizerComparison comparison, string directory, FigureRequest request)
    {
        var culture = CultureInfo.InvariantCulture;
        DescentProblem problem = comparison.Problem;
        IReadOnlyList<ComparedMap> maps = comparison.Maps;
        Console.WriteLine(string.Create(culture,
            $"{problem.Landscape.Info.Name}: {problem.Grid.Width}x{problem.Grid.Height} starts, {(problem.FixedSteps ? "exactly" : "up to")} {problem.MaxSteps} steps, " +
            $"tol {problem.Tolerance:G3}, {Precisions.Name(problem.Precision)}; attractors matched within {comparison.Matching.MatchDistance:G3}"));
        foreach (ComparedMap map in maps)
        {
            Console.WriteLine($"  {map.Name,-9} {FigureTitle.Hyperparameters(map.Map.Problem.Optimizer)}");
        }

        IReadOnlyList<string> axes = problem.Landscape.Info.Axes;
        const int Column = 18;
        Console.WriteLine($"{"row",4}  {"kind",-8} {axes[0],12} {(axes.Count > 1 ? axes[1] : "y"),12} {"loss",14} " +
            string.Join(" ", maps.Select(map => $"{map.Name + " % / steps",Column}")));
        foreach (MatchedAttractor row in comparison.Matching.Rows.Take(RunReport.MaxPrinted))
        {
            var point = row.Representative;
            string shares = string.Join(" ", maps.Select(map => row.Shares.TryGetValue(map.Name, out MatchedShare? share)
                ? string.Create(culture, $"{100 * share.Fraction,8:0.00} {share.MeanSteps,9:0.0}")
                : $"{"-",8} {"-",9}"));
            Console.WriteLine(string.Create(culture, $"{row.Row,4}  {point.KindName,-8} {point.X,12:0.000000} {point.Y,12:0.000000} {point.Loss,14:G8} {shares}"));
        }

        if (comparison.Matching.Rows.Count > RunReport.MaxPrinted)
        {
            Console.WriteLine($"  ... and {comparison.Matching.Rows.Count - RunReport.MaxPrinted} more (compare.json lists all {comparison.Matching.Rows.Count})");
        }

        string Cells(Func<ComparedMap, string> cell) => string.Join(" ", maps.Select(map => $"{cell(map),Column}"));
        string Number(double? value, string format) => value is { } v ? v.ToString(format, culture) : "-";
        const int Label = 56;
        Console.WriteLine($"{"diverged %",Label} {Cells(map => (100 * map.Map.Basins.DivergedFraction).ToString("0.00", culture))}");
        Console.WriteLine($"{"not converged %",Label} {Cells(map => (100 * map.Map.Basins.UnconvergedFraction).ToString("0.00", culture))}");
        Console.WriteLine($"{"basin entropy Sb",Label} {Cells(map => Number(map.Metrics?.BasinEntropy, "0.0000"))}");
        Console.WriteLine($"{"boundary basin entropy Sbb",Label} {Cells(map => Number(map.Metrics?.BoundaryBasinEntropy, "0.0000"))}");
        Console.WriteLine($"{"uncertainty exponent alpha",Label} {Cells(map => Number(map.Metrics?.UncertaintyExponent, "0.000"))}");
        Console.WriteLine("starts by distinct outcomes: " + string.Join(", ", comparison.DisagreementShares.Select((share, k) =>
            string.Create(culture, $"{k + 1}: {100 * share:0.00}%"))));
        string figures = string.Join(' ', request.Formats.SelectMany(format => new[] { "compare.", "disagreement." }.Select(name => name + FigureFormats.ExtensionOf(format))));
        Console.WriteLine($"wrote {directory}: {string.Join(' ', Outputs)} {figures} {string.Join(' ', maps.Select(map => map.Name + "/"))}");
    }
}
