using System.Globalization;
using LandscapeGpu.Basins;

namespace LandscapeGpu.Rendering.Figures;

/// <summary>
/// Which stationary points a figure marks and lists: every global minimum and every attractor that holds more than
/// <see cref="AlwaysShownFraction"/> of the starts, whatever their number; then the largest others up to
/// <see cref="MaxListed"/>; the rest are summarised by kind ("and 105 more minima holding 12.3 %").
/// </summary>
public static class FigureLegend
{
    /// <summary>Attractors holding more than this share of the starts are always listed.</summary>
    public const double AlwaysShownFraction = 0.01;

    /// <summary>The list is filled with the largest remaining attractors up to this many lines.</summary>
    public const int MaxListed = 16;

    /// <summary>The listed points, by id.</summary>
    public static IReadOnlyList<StationaryPoint> Listed(IReadOnlyList<StationaryPoint> attractors)
    {
        ArgumentNullException.ThrowIfNull(attractors);
        var always = attractors.Where(a => a.IsGlobal || a.Fraction > AlwaysShownFraction).ToList();
        var rest = attractors.Except(always).OrderByDescending(a => a.Fraction).ThenBy(a => a.Id).Take(Math.Max(0, MaxListed - always.Count));
        return always.Concat(rest).OrderBy(a => a.Id).ToList();
    }

    /// <summary>The line that summarises the points not listed, or null when all are listed.</summary>
    public static string? Summary(IReadOnlyList<StationaryPoint> attractors, IReadOnlyList<StationaryPoint> listed)
    {
        ArgumentNullException.ThrowIfNull(attractors);
        ArgumentNullException.ThrowIfNull(listed);
        var shown = listed.Select(p => p.Id).ToHashSet();
        var parts = attractors.Where(a => !shown.Contains(a.Id))
            .GroupBy(a => a.Kind)
            .OrderBy(group => group.Key)
            .Select(group => string.Create(CultureInfo.InvariantCulture,
                $"{group.Count()} more {Plural(group.Key, group.Count())} holding {100 * group.Sum(a => a.Fraction):0.0} %"))
            .ToList();
        return parts.Count == 0 ? null : "and " + string.Join(", ", parts);
    }

    /// <summary>The legend line of one point: id, kind, location, loss, share of starts.</summary>
    public static string LineOf(StationaryPoint point, bool oneDimensional)
    {
        ArgumentNullException.ThrowIfNull(point);
        string location = oneDimensional ? $"x = {Format(point.X)}" : $"({Format(point.X)}, {Format(point.Y)})";
        return string.Create(CultureInfo.InvariantCulture,
            $"{point.Id} {point.KindName}{(point.IsGlobal ? " (global)" : "")} {location}, f = {Format(point.Loss)}, {100 * point.Fraction:0.0} %");
    }

    /// <summary>A coordinate or loss with at most five significant digits, tiny values shown as 0.</summary>
    public static string Format(double value)
    {
        double rounded = Math.Abs(value) < 5e-7 ? 0 : value;
        return Math.Abs(rounded) >= 1e5 || (rounded != 0 && Math.Abs(rounded) < 1e-3)
            ? rounded.ToString("0.###e0", CultureInfo.InvariantCulture)
            : rounded.ToString("0.####", CultureInfo.InvariantCulture);
    }

    private static string Plural(StationaryKind kind, int count) => (kind, count == 1) switch
    {
        (StationaryKind.Minimum, true) => "minimum",
        (StationaryKind.Minimum, false) => "minima",
        (StationaryKind.Saddle, true) => "saddle",
        (StationaryKind.Saddle, false) => "saddles",
        (StationaryKind.Maximum, true) => "maximum",
        (StationaryKind.Maximum, false) => "maxima",
        _ => count == 1 ? "point" : "points",
    };
}
