namespace LandscapeGpu.Landscapes;

/// <summary>A stationary point known from the literature (see shared MINIMA.md for the precision).</summary>
/// <param name="X">x coordinate.</param>
/// <param name="Y">y coordinate (0 for a 1-D landscape).</param>
/// <param name="Loss">f(x, y).</param>
public readonly record struct KnownPoint(double X, double Y, double Loss);

/// <summary>Defaults that make a landscape's map meaningful out of the box: plain GD is stable on its usual box with them.</summary>
/// <param name="LearningRate">Learning rate for gd, momentum and nesterov.</param>
/// <param name="Steps">The step budget.</param>
/// <param name="Tolerance">Gradient-norm tolerance that float32 reaches on this landscape; float64 uses a thousandth of it.</param>
public readonly record struct LandscapeDefaults(double LearningRate, int Steps, double Tolerance);

/// <summary>What a user reads about a landscape in <c>landscape list</c>, and what a run takes as defaults.</summary>
/// <param name="Name">The name used on the command line.</param>
/// <param name="Formula">f(x, y) as text.</param>
/// <param name="Dimensions">1 for a cost of x alone (run on a grid of height 1), else 2.</param>
/// <param name="Box">The usual box of starting values.</param>
/// <param name="KnownMinima">Published minima inside the box.</param>
/// <param name="Defaults">Default optimizer settings.</param>
/// <param name="Note">Anything a user should know, or null.</param>
/// <param name="AxisNames">The variables on the grid's axes (x first), or null for x and y; a model's are its free weights.</param>
public sealed record LandscapeInfo(
    string Name,
    string Formula,
    int Dimensions,
    Box Box,
    IReadOnlyList<KnownPoint> KnownMinima,
    LandscapeDefaults Defaults,
    string? Note = null,
    IReadOnlyList<string>? AxisNames = null)
{
    /// <summary>The variables on the grid's axes, x first: one for a 1-D landscape, else two.</summary>
    public IReadOnlyList<string> Axes => AxisNames ?? (Dimensions == 1 ? ["x"] : ["x", "y"]);
}
