using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Rendering.Gl;

namespace LandscapeGpu.Rendering.Explorer;

/// <summary>
/// Where a map with log axes (<c>--axes ... --log-axes</c>) lies in the view: a log axis is viewed in u = log10 of its
/// values, so its cells, evenly spaced in u (their centres are geometric midpoints), are evenly spaced on screen and
/// panning and zooming move u linearly. Only what shows or requests values converts back with 10^u.
/// </summary>
public static class LogView
{
    /// <summary>Which of <paramref name="problem"/>'s axes are logarithmic (none but on an axes map with --log-axes).</summary>
    public static (bool X, bool Y) AxesOf(DescentProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Axes is { } axes ? (axes.LogHorizontal, axes.LogVertical) : (false, false);
    }

    /// <summary>The view's rectangle of a box of values: log10 of the ends of each log axis.</summary>
    public static WorldRect ToView(Box box, (bool X, bool Y) logarithmic) => new(
        logarithmic.X ? Math.Log10(box.X0) : box.X0, logarithmic.X ? Math.Log10(box.X1) : box.X1,
        logarithmic.Y ? Math.Log10(box.Y0) : box.Y0, logarithmic.Y ? Math.Log10(box.Y1) : box.Y1);

    /// <summary>The box of values a view's rectangle shows: 10^u at the ends of each log axis.</summary>
    public static Box ToValues(WorldRect rect, (bool X, bool Y) logarithmic) => new(
        ToValue(rect.X0, logarithmic.X), ToValue(rect.X1, logarithmic.X), ToValue(rect.Y0, logarithmic.Y), ToValue(rect.Y1, logarithmic.Y));

    /// <summary>The value at view coordinate <paramref name="u"/> of an axis: 10^u on a log axis, u itself on a linear one.</summary>
    public static double ToValue(double u, bool logarithmic) => logarithmic ? Math.Pow(10, u) : u;
}
