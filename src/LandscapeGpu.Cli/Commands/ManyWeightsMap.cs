using System.Globalization;
using LandscapeGpu.Basins;
using LandscapeGpu.Basins.WeightSpace;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Cli.Commands;

/// <summary>What a K-weight map was asked of tiles: their side, whether to resume, which shard.</summary>
/// <param name="TileSide">The tile side (null: the default).</param>
/// <param name="Resume">Continue the run in the directory.</param>
/// <param name="Shard">The share of tiles to compute (null: all).</param>
public sealed record ManyWeightsTiles(int? TileSide, bool Resume, ShardSpec? Shard);

/// <summary>
/// <c>landscape map --model ... --train ...</c>: a map whose descents run in all trained weights (issue 14), computed
/// whole or in tiles (resumable, sharded) on one device, clustered in the full weight space, its figure drawn over the two free weights.
/// </summary>
public static class ManyWeightsMap
{
    /// <summary>
    /// Runs <paramref name="run"/> into <paramref name="directory"/> and prints what was found: whole, or cut into
    /// tiles as <paramref name="tiles"/> asks (a shard stops once its tiles are written; a whole run is finished into
    /// the same files an untiled run writes).
    /// </summary>
    public static int Run(ManyWeightsRun run, string directory, DeviceSelection devices, bool force, FigureRequest figure, ManyWeightsTiles? tiles)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(figure);
        if (devices.IsMultiple)
        {
            throw new UsageException("several devices are not supported yet for a map that trains more weights than its two --free ones: " +
                "it runs on one device (cut it into shards with --shard and run each on its own device)");
        }

        if (tiles is not null && force && tiles.Resume)
        {
            throw new UsageException("--force starts over and --resume continues: give one of them");
        }

        WeightMapRunner.EnsureFits(run.Problem);
        // The engine first: a device that is missing or misconfigured must leave no output directory behind.
        using IDescentEngine engine = EngineFactory.Create(devices.Single);
        if (engine is not IWeightDescentEngine)
        {
            throw new UsageException($"--device: {engine.Description} runs no descents in more than two weights; use --device cpu");
        }

        using RunLock runLock = RunLock.Acquire(directory);
        WeightBasinMap map;
        if (tiles is null)
        {
            OutputDirectory.PrepareUntiled(runLock.Directory, directory, run.Slice, force);
            Console.Error.WriteLine($"device: {engine.Description}");
            using var progress = new ProgressReporter(Console.Error);
            map = WeightMapRunner.Run(run.Model, run.Problem, engine, progress);
        }
        else
        {
            (WeightBasinMap? finished, int exitCode) = RunTiles(run, directory, engine, force, tiles);
            if (finished is null)
            {
                return exitCode;
            }

            map = finished;
        }

        using var outputs = new AtomicOutputs(directory);
        WeightRunFiles.Write(outputs, map, new WeightMapDescription(run.Model.Description, run.Plan));
        if (tiles is null)
        {
            OutputDirectory.WriteIdentity(outputs, run.Slice);
        }

        BasinMap projected = Projected(map, run.Slice);
        MapImageRenderers.Write(outputs, projected, figure with { Options = figure.Options with { Title = figure.Options.Title ?? TitleOf(run) } }, Console.Error);
        outputs.Commit();
        Print(run, map, Path.GetFullPath(directory), tiles is null ? figure.FileNames : $"{figure.FileNames} (tiles in tiles/)");
        return 0;
    }

    // Computes this shard's unfinished tiles; returns the finished map of a whole run, or no map and the exit code of a shard or an interruption.
    private static (WeightBasinMap? Map, int ExitCode) RunTiles(ManyWeightsRun run, string directory, IDescentEngine engine, bool force, ManyWeightsTiles tiles)
    {
        MapPlan plan = MapPlan.For(run.Slice, directory, tiles.TileSide ?? TileLayout.DefaultTileSide, tiles.Resume, tiles.Shard, severalDevices: false);
        TileLayout layout = plan.Layout!;
        if (!tiles.Resume)
        {
            OutputDirectory.PrepareTiled(Path.GetFullPath(directory), directory, force);
        }

        RunDirectory tiled = RunDirectory.Open(directory, WeightTiledRun.Identity(run.Slice, run.Problem, run.Model.Trained, layout.TileSide), layout, plan.Shard, tiles.Resume);
        foreach (string damage in tiled.Damaged)
        {
            Console.Error.WriteLine($"landscape: {damage}; computing that tile again");
        }

        Console.Error.WriteLine($"device: {engine.Description}");
        Console.Error.WriteLine($"tiles: {layout.Count} of up to {layout.TileSide}x{layout.TileSide} starts in {tiled.TilesPath}" +
            (plan.Shard.IsWhole ? "" : $"; shard {plan.Shard} computes {plan.ShardTiles.Count} of them"));
        using (var interruption = new Interruption())
        {
            try
            {
                using var progress = new ProgressReporter(Console.Error);
                WeightTiledRun.Run(run.Model, run.Problem, tiled, engine, TileStopHook.Wrap(progress, interruption.Token), interruption.Token);
            }
            catch (OperationCanceledException) when (interruption.Token.IsCancellationRequested)
            {
                int finished = plan.ShardTiles.Count(tiled.IsDone);
                Console.Error.WriteLine($"landscape: interrupted: {finished} of {plan.ShardTiles.Count} tiles are finished and kept in {tiled.TilesPath}; " +
                    "rerun the same command with --resume to compute the rest");
                return (null, Interruption.ExitCode);
            }
        }

        if (!plan.Shard.IsWhole)
        {
            Console.WriteLine($"shard {plan.Shard} done: its tiles are in {tiled.TilesPath}; join all {plan.Shard.Count} shards with " +
                "'landscape merge SHARD_DIR... --out DIR', then finish DIR with this command, --shard left out, and --resume --out DIR");
            return (null, 0);
        }

        return (WeightTiledRun.Finish(tiled, run.Model, run.Problem), 0);
    }

    /// <summary>
    /// The figure's title: the model and its data, the axes, the trained and the fixed weights (with the starts of the
    /// trained ones off the axes), then how the descents ran.
    /// </summary>
    public static string TitleOf(ManyWeightsRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        TrainingPlan plan = run.Plan;
        var culture = CultureInfo.InvariantCulture;
        string starts = string.Join(", ", plan.Trained.Where(plan.Init.ContainsKey).Select(name => string.Create(culture, $"{name}={plan.Init[name]:G4}")));
        string fixedText = plan.Fixed.Count == 0 ? "none" : string.Join(", ", plan.Fixed.Select(pair => string.Create(culture, $"{pair.Key}={pair.Value:G4}")));
        return $"model: {run.Slice.Landscape.Info.Formula.Split(" in ")[0]}\n" +
            $"trained ({plan.Trained.Count}): {string.Join(", ", plan.Trained)}, {plan.FreeX} and {plan.FreeY} on the axes; fixed: {fixedText}\n" +
            $"other starts: {starts}\n" +
            Rendering.Figures.FigureTitle.How(run.Slice, run.Slice.Grid);
    }

    /// <summary>
    /// The map seen over its two free weights: each start's id and steps, its endpoint's free weights, each attractor at
    /// its free weights (the rest of its vector is in summary.json); what the 2-D figure draws.
    /// </summary>
    public static BasinMap Projected(WeightBasinMap map, DescentProblem slice)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.Projected(slice);
    }

    private static void Print(ManyWeightsRun run, WeightBasinMap map, string directory, string figures)
    {
        var culture = CultureInfo.InvariantCulture;
        WeightDescentProblem problem = run.Problem;
        Console.WriteLine(string.Create(culture,
            $"model in {problem.Count} weights ({string.Join(", ", map.Names)}): {problem.Grid.Width}x{problem.Grid.Height} starts over {run.Plan.FreeX}, {run.Plan.FreeY}, " +
            $"{map.Seconds:0.00} s on {map.Device} ({(map.Seconds > 0 ? map.DescentSteps / map.Seconds : 0):0.00e0} steps/s)"));
        foreach (WeightSpaceAttractor attractor in map.Basins.Attractors)
        {
            Console.WriteLine(string.Create(culture,
                $"  {attractor.Id,3}  {attractor.KindName,-12} loss {attractor.Loss,11:G5}  {100 * attractor.Fraction,6:0.0} %  at ({string.Join(", ", attractor.Weights.Select(w => w.ToString("G4", culture)))})"));
        }

        Console.WriteLine(string.Create(culture, $"  diverged {100 * map.Basins.DivergedFraction:0.0} %, not converged {100 * map.Basins.UnconvergedFraction:0.0} %"));
        Console.WriteLine($"wrote {directory}: {figures} {string.Join(' ', WeightRunFiles.Outputs)}");
    }
}
