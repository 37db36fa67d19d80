using System.Globalization;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Rendering.Figures;

/// <summary>A figure's title: what was mapped (the built-in's name and formula, the typed formula, or the model with its data, loss and fixed weights) and how.</summary>
public static class FigureTitle
{
    /// <summary>The first line: what was mapped.</summary>
    public static string What(LandscapeInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return info.Name switch
        {
            "formula" => $"f({string.Join(", ", info.Axes)}) = {info.Formula}",
            "model" => $"model: {info.Formula}",
            _ => $"{info.Name}: f = {info.Formula}",
        };
    }

    /// <summary>The second line: how (optimizer with its hyperparameters, grid, steps, tolerance, precision).</summary>
    /// <param name="problem">The run.</param>
    /// <param name="runGrid">The grid the run computed (an overview's map holds a coarser one).</param>
    public static string How(DescentProblem problem, GridSpec runGrid)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var culture = CultureInfo.InvariantCulture;
        return string.Create(culture,
            $"{Hyperparameters(problem.Optimizer)}{AxesOf(problem)}, {runGrid.Width}x{runGrid.Height} starts, {(problem.FixedSteps ? "exactly" : "up to")} {problem.MaxSteps} steps, " +
            $"tol {problem.Tolerance:G3}, {problem.Precision.ToString().ToLowerInvariant()}");
    }

    // An axes map: what its axes vary (their values override the hyperparameters named before) and where it starts.
    private static string AxesOf(DescentProblem problem)
    {
        if (problem.Axes is not { } axes)
        {
            return "";
        }

        LandscapeInfo info = problem.Landscape.Info;
        string start = info.Dimensions == 1
            ? axes.StartX.ToString("G4", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"({axes.StartX:G4}, {axes.StartY:G4})");
        return $", {MapAxes.NameOf(axes.Horizontal, info)} x {MapAxes.NameOf(axes.Vertical, info)} on the axes, from {start}";
    }

    /// <summary>The optimizer's name and the hyperparameters it uses.</summary>
    public static string Hyperparameters(OptimizerSettings optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        string Of(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
        string lr = $"lr={Of(optimizer.LearningRate)}";
        return optimizer.Kind switch
        {
            OptimizerKind.Momentum or OptimizerKind.Nesterov => $"{optimizer.Name} {lr} mu={Of(optimizer.Momentum)}",
            OptimizerKind.Adam => $"{optimizer.Name} {lr} beta1={Of(optimizer.Beta1)} beta2={Of(optimizer.Beta2)} eps={Of(optimizer.Epsilon)}",
            OptimizerKind.RmsProp => $"{optimizer.Name} {lr} rho={Of(optimizer.Beta2)} eps={Of(optimizer.Epsilon)}",
            OptimizerKind.Newton => $"{optimizer.Name} {lr} damping={Of(optimizer.Epsilon)}",
            _ => $"{optimizer.Name} {lr}",
        };
    }
}
