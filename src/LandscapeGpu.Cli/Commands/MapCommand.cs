using System.CommandLine;
using System.Globalization;
using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Cli.Commands;

/// <summary><c>landscape map</c>: a basin-of-attraction map of one landscape, written to a directory.</summary>
public static class MapCommand
{
    public static Command Create()
    {
        var descent = new DescentOptions();
        var output = new Option<string>("--out")
        {
            Description = "Output directory. [default: runs/LANDSCAPE]",
            HelpName = "DIR",
        };
        var renderer = new Option<string>("--renderer")
        {
            Description = "Who draws basins.png: gl (OpenGL through EGL, headless, the view's shaders), cpu (no native library), or auto (gl where it works, else cpu).",
            DefaultValueFactory = _ => "auto",
        };
        var command = new Command("map", "Run one descent from every start of a grid and write the basin map (basins.png), " +
            "summary.json and the raw arrays (basins.npy, steps.npy, endpoints.npy) into a directory.");
        descent.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(renderer);
        command.SetAction(parsed => CommandRunner.Guard(() =>
        {
            DescentProblem problem = descent.ToProblem(parsed);
            MapImageRenderer imageRenderer = MapImageRenderers.Parse(parsed.GetValue(renderer)!);
            string directory = parsed.GetValue(output) ?? Path.Combine("runs", problem.Landscape.Info.Name);
            using var outputs = new AtomicOutputs(directory);
            using IDescentEngine engine = EngineFactory.Create(descent.DeviceChoice(parsed));
            Console.Error.WriteLine($"device: {engine.Description}");

            BasinMap map;
            using (var progress = new ProgressReporter(Console.Error))
            {
                map = MapRunner.Run(problem, engine, progress);
            }

            RunFiles.Write(outputs, map);
            outputs.Write("basins.png", stream => PngEncoder.Write(stream, MapImageRenderers.Render(map, imageRenderer, Console.Error)));
            outputs.Commit();
            PrintSummary(map, outputs.Directory);
            return 0;
        }));
        return command;
    }

    private static void PrintSummary(BasinMap map, string directory)
    {
        var culture = CultureInfo.InvariantCulture;
        DescentProblem problem = map.Problem;
        Console.WriteLine($"{problem.Landscape.Info.Name}: {problem.Grid.Width}x{problem.Grid.Height} starts, " +
            $"{problem.Optimizer.Name} lr={problem.Optimizer.LearningRate.ToString("G4", culture)}, up to {problem.MaxSteps} steps, " +
            $"tol {problem.Tolerance.ToString("G3", culture)}, {problem.Precision.ToString().ToLowerInvariant()}, on {map.Device}");
        Console.WriteLine($"{"id",4}  {"kind",-8} {"x",12} {"y",12} {"loss",14} {"fraction",9} {"mean steps",11}");
        foreach (StationaryPoint point in map.Attractors.Take(40))
        {
            Console.WriteLine(string.Create(culture,
                $"{point.Id,4}  {point.KindName,-8} {point.X,12:0.000000} {point.Y,12:0.000000} {point.Loss,14:G8} {100 * point.Fraction,8:0.00}% {point.MeanSteps,11:0.0}{(point.IsGlobal ? "  global" : "")}"));
        }

        if (map.Attractors.Count > 40)
        {
            Console.WriteLine($"  ... and {map.Attractors.Count - 40} more (summary.json lists all {map.Attractors.Count})");
        }

        Console.WriteLine(string.Create(culture,
            $"diverged {100 * map.Basins.DivergedFraction:0.00}%, not converged {100 * map.Basins.UnconvergedFraction:0.00}%"));
        Console.WriteLine(string.Create(culture,
            $"{map.Grid.Count:N0} descents, {map.DescentSteps:N0} descent steps in {map.Seconds:0.000} s: {(map.Seconds > 0 ? map.DescentSteps / map.Seconds : 0):0.00e0} steps/s"));
        Console.WriteLine($"wrote {directory}: basins.png summary.json basins.npy steps.npy endpoints.npy");
    }
}
