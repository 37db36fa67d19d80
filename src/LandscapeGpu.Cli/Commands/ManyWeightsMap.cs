using System.Globalization;
using LandscapeGpu.Basins;
using LandscapeGpu.Basins.WeightSpace;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Runs;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Cli.Commands;

/// <summary>
/// <c>landscape map --model ... --train ...</c>: a map whose descents run in all trained weights (issue 14), computed
/// whole on one device, clustered in the full weight space, its figure drawn over the two free weights.
/// </summary>
public static class ManyWeightsMap
{
    /// <summary>Runs <paramref name="run"/> into <paramref name="directory"/> and prints what was found.</summary>
    public static int Run(ManyWeightsRun run, string directory, DeviceSelection devices, bool force, FigureRequest figure, bool tiled)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(figure);
        if (tiled || devices.IsMultiple)
        {
            throw new UsageException("--tile, --resume, --shard and several devices are not supported yet for a map that trains more weights than its two --free ones: " +
                "it is computed whole, on one device");
        }

        WeightMapRunner.EnsureFits(run.Problem);
        // The engine first: a device that is missing or misconfigured must leave no output directory behind.
        using IDescentEngine engine = EngineFactory.Create(devices.Single);
        if (engine is not IWeightDescentEngine)
        {
            throw new UsageException($"--device: {engine.Description} runs no descents in more than two weights; use --device cpu");
        }

        using RunLock runLock = RunLock.Acquire(directory);
        OutputDirectory.PrepareUntiled(runLock.Directory, directory, run.Slice, force);
        using var outputs = new AtomicOutputs(directory);
        Console.Error.WriteLine($"device: {engine.Description}");
        WeightBasinMap map;
        using (var progress = new ProgressReporter(Console.Error))
        {
            map = WeightMapRunner.Run(run.Model, run.Problem, engine, progress);
        }

        WeightRunFiles.Write(outputs, map, new WeightMapDescription(run.Model.Description, run.Plan));
        OutputDirectory.WriteIdentity(outputs, run.Slice);
        BasinMap projected = Projected(map, run.Slice);
        MapImageRenderers.Write(outputs, projected, figure with { Options = figure.Options with { Title = figure.Options.Title ?? TitleOf(run) } }, Console.Error);
        outputs.Commit();
        Print(run, map, Path.GetFullPath(directory), figure.FileNames);
        return 0;
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
