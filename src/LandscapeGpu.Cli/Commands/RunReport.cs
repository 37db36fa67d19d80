using System.Globalization;
using LandscapeGpu.Basins;
using LandscapeGpu.Descents;

namespace LandscapeGpu.Cli.Commands;

/// <summary>The table of stationary points and the totals a finished run prints on stdout.</summary>
public static class RunReport
{
    /// <summary>Most attractors printed; summary.json lists all.</summary>
    public const int MaxPrinted = 40;

    public static void Print(DescentProblem problem, BasinResolution basins, string device, double seconds, long descentSteps, string directory, string files, MeasuredMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(basins);
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine($"{problem.Landscape.Info.Name}: {problem.Grid.Width}x{problem.Grid.Height} starts, " +
            $"{problem.Optimizer.Name} lr={problem.Optimizer.LearningRate.ToString("G4", culture)}{AxesOf(problem)}, {(problem.FixedSteps ? "exactly" : "up to")} {problem.MaxSteps} steps, " +
            $"tol {problem.Tolerance.ToString("G3", culture)}, {Precisions.Name(problem.Precision)}, on {device}");
        IReadOnlyList<string> axes = problem.Landscape.Info.Axes;
        Console.WriteLine($"{"id",4}  {"kind",-8} {axes[0],12} {(axes.Count > 1 ? axes[1] : "y"),12} {"loss",14} {"fraction",9} {"mean steps",11}");
        foreach (StationaryPoint point in basins.Attractors.Take(MaxPrinted))
        {
            Console.WriteLine(string.Create(culture,
                $"{point.Id,4}  {point.KindName,-8} {point.X,12:0.000000} {point.Y,12:0.000000} {point.Loss,14:G8} {100 * point.Fraction,8:0.00}% {point.MeanSteps,11:0.0}{(point.IsGlobal ? "  global" : "")}"));
        }

        if (basins.Attractors.Count > MaxPrinted)
        {
            Console.WriteLine($"  ... and {basins.Attractors.Count - MaxPrinted} more (summary.json lists all {basins.Attractors.Count})");
        }

        Console.WriteLine(string.Create(culture,
            $"diverged {100 * basins.DivergedFraction:0.00}%, not converged {100 * basins.UnconvergedFraction:0.00}%"));
        metrics?.Print(Console.Out);
        Console.WriteLine(string.Create(culture,
            $"{problem.Grid.Count:N0} descents, {descentSteps:N0} descent steps in {seconds:0.000} s: {(seconds > 0 ? descentSteps / seconds : 0):0.00e0} steps/s"));
        Console.WriteLine($"wrote {directory}: {files}");
    }

    // An axes map: what its axes vary (overriding the hyperparameters printed before them) and where its descents start.
    private static string AxesOf(DescentProblem problem)
    {
        if (problem.Axes is not { } axes)
        {
            return "";
        }

        var info = problem.Landscape.Info;
        var culture = CultureInfo.InvariantCulture;
        string start = info.Dimensions == 1 ? axes.StartX.ToString("G4", culture) : string.Create(culture, $"({axes.StartX:G4}, {axes.StartY:G4})");
        return $", {MapAxes.NameOf(axes.Horizontal, info)} x {MapAxes.NameOf(axes.Vertical, info)} on the axes" +
            $"{(axes.LogHorizontal || axes.LogVertical ? $" (log {(axes.LogHorizontal && axes.LogVertical ? "both" : axes.LogHorizontal ? "x" : "y")})" : "")}, from {start}";
    }
}
