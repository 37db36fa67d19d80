using System.Globalization;
using LandscapeGpu.Basins;
using LandscapeGpu.Rendering.Cpu;
using ScottPlot;

namespace LandscapeGpu.Rendering.Figures;

/// <summary>What a map's basins are coloured by.</summary>
public enum MapColouring
{
    /// <summary>Each attractor its own palette colour (<see cref="AttractorColours"/>), shaded by steps.</summary>
    Attractor,

    /// <summary>
    /// Each start by the loss of the attractor it reached, on a continuous colour map (<see cref="LossColours"/>):
    /// symmetric copies of one solution, which have equal loss, share a colour.
    /// </summary>
    Loss,
}

/// <summary>Names of <see cref="MapColouring"/> values as the command line and summary.json spell them.</summary>
public static class MapColourings
{
    /// <summary>The valid names, in the order help lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["attractor", "loss"];

    /// <summary>The name of <paramref name="colouring"/>: attractor or loss.</summary>
    public static string NameOf(MapColouring colouring) => colouring switch
    {
        MapColouring.Attractor => "attractor",
        MapColouring.Loss => "loss",
        _ => throw new ArgumentOutOfRangeException(nameof(colouring), colouring, "unknown colouring"),
    };

    /// <summary>Parses attractor or loss (any case).</summary>
    /// <exception cref="ArgumentException">Any other text, named in the message.</exception>
    public static MapColouring Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "attractor" => MapColouring.Attractor,
            "loss" => MapColouring.Loss,
            _ => throw new ArgumentException($"--color-by '{name}' is invalid; valid: {string.Join(", ", Names)}"),
        };
    }
}

/// <summary>
/// The colour of each attractor by its loss, on the viridis colour map (dark purple: the lowest loss, yellow: the
/// highest): linear in the loss, or in log10 of it when every loss is positive and the losses span at least
/// <see cref="LogDecades"/> decades (and at most <see cref="NegligibleRatio"/>, past which the smallest is taken for a
/// zero that rounding left positive). Losses equal to within <see cref="EqualLossTolerance"/> are one group and get
/// exactly one colour, that of the group's smallest loss, so symmetric copies of a solution never differ by a shade.
/// An attractor whose loss is not finite is drawn as <see cref="BasinPalette.Unconverged"/>.
/// </summary>
public sealed class LossColours
{
    /// <summary>
    /// Losses a and b are equal when |a - b| is at most this times the larger of |a| and |b|, or this times the span
    /// of all losses: far above the rounding of a refined attractor's loss, far below any difference a colour shows.
    /// </summary>
    public const double EqualLossTolerance = 1e-6;

    /// <summary>Decades the losses must span (largest over smallest) for a log scale.</summary>
    public const double LogDecades = 2;

    /// <summary>A smallest loss under the largest times this is a zero left positive by rounding: the scale stays linear.</summary>
    public const double NegligibleRatio = 1e-8;

    private static readonly IColormap Map = new ScottPlot.Colormaps.Viridis();

    private LossColours(IReadOnlyList<Rgb> byId, double low, double high, bool logarithmic, int groups)
    {
        ById = byId;
        Low = low;
        High = high;
        Logarithmic = logarithmic;
        Groups = groups;
    }

    /// <summary>The colour of each attractor, indexed by id.</summary>
    public IReadOnlyList<Rgb> ById { get; }

    /// <summary>The smallest finite loss (the colour map's start).</summary>
    public double Low { get; }

    /// <summary>The largest finite loss (the colour map's end).</summary>
    public double High { get; }

    /// <summary>Whether the colour map runs over log10 of the loss.</summary>
    public bool Logarithmic { get; }

    /// <summary>Distinct losses (groups of equal ones) among the attractors with a finite loss.</summary>
    public int Groups { get; }

    /// <summary>The colour bar's label.</summary>
    public string Label => Logarithmic ? "loss (log scale)" : "loss";

    /// <summary>The colour map.</summary>
    public static IColormap Colormap => Map;

    /// <summary>The colours of <paramref name="attractors"/> by their loss.</summary>
    public static LossColours Of(IReadOnlyList<StationaryPoint> attractors)
    {
        ArgumentNullException.ThrowIfNull(attractors);
        var byId = new Rgb[attractors.Count == 0 ? 0 : attractors.Max(a => a.Id) + 1];
        Array.Fill(byId, BasinPalette.Unconverged);
        List<StationaryPoint> finite = attractors.Where(a => double.IsFinite(a.Loss)).OrderBy(a => a.Loss).ThenBy(a => a.Id).ToList();
        if (finite.Count == 0)
        {
            return new LossColours(byId, 0, 1, logarithmic: false, groups: 0);
        }

        double low = finite[0].Loss, high = finite[^1].Loss;
        bool logarithmic = low > 0 && high >= Math.Pow(10, LogDecades) * low && low >= NegligibleRatio * high;
        double span = high - low;
        double groupLoss = low;
        double previous = low;
        int groups = 1;
        foreach (StationaryPoint point in finite)
        {
            // Chained in sorted order: each loss joins its neighbour's group when equal to it.
            double tolerance = EqualLossTolerance * Math.Max(Math.Max(Math.Abs(point.Loss), Math.Abs(previous)), span);
            if (point.Loss - previous > tolerance)
            {
                groupLoss = point.Loss;
                groups++;
            }

            previous = point.Loss;
            byId[point.Id] = ColourAt(Position(groupLoss, low, high, logarithmic));
        }

        return new LossColours(byId, low, high, logarithmic, groups);
    }

    /// <summary>Where <paramref name="loss"/> lies on the colour map, 0 to 1.</summary>
    public double PositionOf(double loss) => Position(loss, Low, High, Logarithmic);

    /// <summary>The colour map's colour at <paramref name="position"/> (clamped to [0, 1]).</summary>
    public static Rgb ColourAt(double position)
    {
        Color colour = Map.GetColor(Math.Clamp(position, 0, 1));
        return new Rgb(colour.R, colour.G, colour.B);
    }

    /// <summary>A legend line's note on the scale: the loss range and whether it is logarithmic.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"colour: loss {FigureLegend.Format(Low)} to {FigureLegend.Format(High)}{(Logarithmic ? " (log scale)" : "")}, {Groups} distinct");

    private static double Position(double loss, double low, double high, bool logarithmic) =>
        high <= low ? 0
        : logarithmic ? (Math.Log10(loss) - Math.Log10(low)) / (Math.Log10(high) - Math.Log10(low))
        : (loss - low) / (high - low);
}
