using System.CommandLine;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Metrics;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Cli.Commands;

/// <summary><c>landscape map</c>: a basin-of-attraction map of one landscape, written to a directory.</summary>
public static class MapCommand
{
    /// <summary>The descent options with map's defaults, as its help prints them.</summary>
    public static DescentOptions CreateDescentOptions() => new();

    public static Command Create()
    {
        var descent = CreateDescentOptions();
        var output = new Option<string>("--out")
        {
            Description = "Output directory. [default: runs/LANDSCAPE; for a formula or model runs/formula-HASH or runs/model-HASH, HASH from its text]",
            HelpName = "DIR",
        };
        var figure = new FigureCommandOptions(colourBy: true);
        var tile = new Option<int?>("--tile")
        {
            Description = $"Compute the grid in tiles of N x N starts, each written to DIR/tiles/ as it finishes. [default: {TileLayout.DefaultTileSide}; " +
                $"tiles are used when the grid has over {TiledMaps.SingleFileLimit:N0} starts or with --tile, --resume, --shard or several devices]",
            HelpName = "N",
        }.Whole();
        var resume = new Option<bool>("--resume")
        {
            Description = "Continue an interrupted tiled run in DIR: finished tiles are kept, the rest computed. The command line must be the same.",
        };
        var shard = new Option<string>("--shard")
        {
            Description = "Compute only shard K of N (tiles whose index is K mod N), for job arrays; join the shard directories with 'landscape merge'.",
            HelpName = "K/N",
        };
        var force = new Option<bool>("--force")
        {
            Description = "Write into DIR even if it holds another run (deleted first: its outputs, run.json and tiles/) or other files (kept).",
        };
        var boxSide = new Option<int>("--box-side")
        {
            Description = "Side of the boxes (in starts) of the basin entropy in summary.json and the table's footer; a grid with no box of the default side gets no metrics.",
            DefaultValueFactory = _ => BasinMetrics.DefaultBoxSide,
            HelpName = "N",
        };
        var command = new Command("map", "Run one descent from every start of a grid and write the basin map (basins.png: a figure with axes, legend and colour bar), " +
            "summary.json and the raw arrays (basins.npy, steps.npy, endpoints.npy, valleyPosition.npy; or tiles for large grids) into a directory.");
        var weights = new WeightOptions();
        descent.AddTo(command);
        descent.AddAxesTo(command);
        weights.AddTo(command);
        command.Options.Add(output);
        figure.AddTo(command);
        command.Options.Add(tile);
        command.Options.Add(resume);
        command.Options.Add(shard);
        command.Options.Add(force);
        command.Options.Add(boxSide);
        command.SetAction(parsed => CommandRunner.Guard(() =>
        {
            // A model trained in more weights than its free ones (issue 14); otherwise today's 2-D map, untouched.
            if (weights.Resolve(parsed, descent) is { } many)
            {
                return RunManyWeights(many, parsed, figure, output, force, resume, tile, shard, boxSide, descent);
            }

            DescentProblem problem = descent.ToProblem(parsed);
            FigureRequest imageRenderer = figure.ToRequest(parsed);
            string directory = parsed.GetValue(output) ?? OutputDirectory.DefaultFor(problem.Landscape.Info);
            if (directory.Length == 0)
            {
                throw new UsageException("--out '' is invalid: give a directory");
            }

            bool forced = parsed.GetValue(force);
            if (forced && parsed.GetValue(resume))
            {
                throw new UsageException("--force starts over and --resume continues: give one of them");
            }

            DeviceSelection devices = descent.Devices(parsed);
            ShardSpec? shardSpec = parsed.GetValue(shard) is { } shardText ? ShardSpec.Parse(shardText) : null;
            int side = parsed.GetValue(boxSide);
            // A side given on the command line must fit; the default merely gives way on a grid too small for it.
            if (parsed.GetResult(boxSide) is { Implicit: false })
            {
                MeasuredMetrics.Validate(side, problem.Grid.Width, problem.Grid.Height);
            }

            MapPlan plan = MapPlan.For(problem, directory, parsed.GetValue(tile), parsed.GetValue(resume), shardSpec, devices.IsMultiple);
            plan.EnsureFits(directory, (long)(0.8 * GC.GetGCMemoryInfo().TotalAvailableMemoryBytes));
            return plan.Tiled
                ? RunTiled(plan, directory, devices, parsed.GetValue(resume), forced, imageRenderer, side)
                : RunWhole(problem, directory, devices.Single, forced, imageRenderer, side);
        }));
        return command;
    }

    private static int RunManyWeights(ManyWeightsRun many, ParseResult parsed, FigureCommandOptions figure, Option<string> output, Option<bool> force,
        Option<bool> resume, Option<int?> tile, Option<string> shard, Option<int> boxSide, DescentOptions descent)
    {
        FigureRequest imageRenderer = figure.ToRequest(parsed);
        string directory = parsed.GetValue(output) ?? OutputDirectory.DefaultFor(many.Slice.Landscape.Info);
        if (directory.Length == 0)
        {
            throw new UsageException("--out '' is invalid: give a directory");
        }

        if (parsed.GetResult(boxSide) is { Implicit: false })
        {
            throw new UsageException("--box-side: basin metrics are not computed for a map that trains more weights than its two --free ones");
        }

        bool tiled = parsed.GetResult(tile) is { Implicit: false } || parsed.GetValue(resume) || parsed.GetValue(shard) is not null;
        ManyWeightsTiles? tiles = tiled
            ? new ManyWeightsTiles(parsed.GetValue(tile), parsed.GetValue(resume), parsed.GetValue(shard) is { } shardText ? ShardSpec.Parse(shardText) : null)
            : null;
        return ManyWeightsMap.Run(many, directory, descent.Devices(parsed), parsed.GetValue(force), imageRenderer, tiles);
    }

    private static int RunWhole(DescentProblem problem, string directory, DeviceChoice device, bool force, FigureRequest imageRenderer, int boxSide)
    {
        // The engine first: a device that is missing or misconfigured must leave no output directory behind.
        using IDescentEngine engine = EngineFactory.Create(device);
        (BasinMap map, MeasuredMetrics metrics) = WriteWhole(problem, directory, engine, force, imageRenderer, boxSide);
        RunReport.Print(problem, map.Basins, map.Device, map.Seconds, map.DescentSteps, Path.GetFullPath(directory),
            $"{imageRenderer.FileNames} summary.json basins.npy steps.npy endpoints.npy valleyPosition.npy", metrics);
        return 0;
    }

    /// <summary>
    /// Runs <paramref name="problem"/> whole (untiled) on <paramref name="engine"/> and writes exactly the directory
    /// <c>landscape map</c> writes for it: what a command that runs several maps (compare) calls once per map.
    /// </summary>
    /// <returns>The map and its basin metrics.</returns>
    public static (BasinMap Map, MeasuredMetrics Metrics) WriteWhole(DescentProblem problem, string directory, IDescentEngine engine, bool force, FigureRequest imageRenderer, int boxSide)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(imageRenderer);
        using RunLock runLock = RunLock.Acquire(directory);
        OutputDirectory.PrepareUntiled(runLock.Directory, directory, problem, force);
        using var outputs = new AtomicOutputs(directory);
        Console.Error.WriteLine($"device: {engine.Description}");

        // With the descents on a GPU the CPU has time to spare while they run: the figure's libraries load and compile
        // then, not after them. Beside the CPU engine it only slows the descents (and misleads the timing that picks
        // their vector width): at 4096² it cost more than it saved.
        Task figureWarmUp = engine.Kind == EngineKind.Gpu ? Task.Run(BasinFigure.WarmUp) : Task.CompletedTask;

        // steps.npy and endpoints.npy are written band by band during the descents: the disk works while they run.
        using var bandFiles = new BandFiles(outputs, problem);
        BasinMap map;
        using (var progress = new ProgressReporter(Console.Error))
        {
            map = MapRunner.Run(problem, engine, progress, bandFiles.Add);
        }

        // The figure and the data files need only the map: drawn and written side by side, the figure's drawing
        // overlaps the files' copying and flushing.
        MeasuredMetrics? metrics = null;
        Concurrently.Run(
            () =>
            {
                // A warm-up that failed changes nothing: the figure itself reports whatever is wrong.
                figureWarmUp.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
                MapImageRenderers.Write(outputs, map, imageRenderer, Console.Error);
            },
            () =>
            {
                metrics = MeasuredMetrics.Of(map.Grid.Width, map.Grid.Height, boxSide, () => BasinMetrics.Of(map.Ids, map.Grid.Width, map.Grid.Height, boxSide));
                RunFiles.Write(outputs, map, metrics.Metrics, imageRenderer.ColorByName, bandFiles);
                OutputDirectory.WriteIdentity(outputs, problem);
            });
        outputs.Commit();
        return (map, metrics!);
    }

    private static int RunTiled(MapPlan plan, string directory, DeviceSelection devices, bool resume, bool force, FigureRequest imageRenderer, int boxSide)
    {
        DescentProblem problem = plan.Problem;
        TileLayout layout = plan.Layout!;
        ShardSpec shard = plan.Shard;
        IReadOnlyList<int> shardTiles = plan.ShardTiles;
        // The engines first, as in RunWhole: a device error must not leave a started run directory.
        IReadOnlyList<IDescentEngine> engines = devices.CreateEngines();
        RunLock runLock;
        try
        {
            runLock = RunLock.Acquire(directory);
        }
        catch
        {
            DisposeAll(engines);
            throw;
        }

        using (runLock)
        {
            return RunTiledLocked(problem, directory, engines, layout, shard, shardTiles, resume, force, imageRenderer, boxSide);
        }
    }

    private static int RunTiledLocked(DescentProblem problem, string directory, IReadOnlyList<IDescentEngine> engines, TileLayout layout, ShardSpec shard,
        IReadOnlyList<int> shardTiles, bool resume, bool force, FigureRequest imageRenderer, int boxSide)
    {
        RunDirectory run;
        try
        {
            if (!resume)
            {
                OutputDirectory.PrepareTiled(Path.GetFullPath(directory), directory, force);
            }

            run = RunDirectory.Open(directory, problem, layout, shard, resume);
            foreach (string damage in run.Damaged)
            {
                Console.Error.WriteLine($"landscape: {damage}; computing that tile again");
            }

            foreach (IDescentEngine engine in engines)
            {
                Console.Error.WriteLine($"device: {engine.Description}");
            }

            Console.Error.WriteLine($"tiles: {layout.Count} of up to {layout.TileSide}x{layout.TileSide} starts in {run.TilesPath}" +
                (shard.IsWhole ? "" : $"; shard {shard} computes {shardTiles.Count} of them"));
            using var interruption = new Interruption();
            try
            {
                using var progress = new ProgressReporter(Console.Error);
                TiledRunner.Run(problem, run, engines, TileStopHook.Wrap(progress, interruption.Token), interruption.Token);
            }
            catch (OperationCanceledException) when (interruption.Token.IsCancellationRequested)
            {
                int finished = shardTiles.Count(run.IsDone);
                Console.Error.WriteLine($"landscape: interrupted: {finished} of {shardTiles.Count} tiles are finished and kept in {run.TilesPath}; " +
                    "rerun the same command with --resume to compute the rest");
                return Interruption.ExitCode;
            }
        }
        finally
        {
            DisposeAll(engines);
        }

        if (!shard.IsWhole)
        {
            Console.WriteLine($"shard {shard} done: its tiles are in {run.TilesPath}; join all {shard.Count} shards with " +
                "'landscape merge SHARD_DIR... --out DIR'");
            return 0;
        }

        TiledRunOutputs.Finish(run, imageRenderer, problem, boxSide: boxSide);
        return 0;
    }

    private static void DisposeAll(IReadOnlyList<IDescentEngine> engines)
    {
        foreach (IDescentEngine engine in engines)
        {
            engine.Dispose();
        }
    }
}
