using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Runs;
using ScottPlot;
using SkiaSharp;

namespace LandscapeGpu.Rendering.Figures;

/// <summary>
/// A basin map as a figure a scientist can read and publish (ScottPlot on SkiaSharp): the map in data coordinates
/// with equal units on both axes, ticks, axis names that are the landscape's variables, a title saying what was
/// mapped and how, markers by kind with ids on the listed stationary points, a legend whose swatches are the map's
/// colours at each basin's mean steps, and a colour bar for the shading by steps. A 1-D landscape is drawn as its
/// cost curve with every stationary point marked (maxima too) and the basin strip under it.
/// </summary>
public sealed partial class BasinFigure
{
    /// <summary>The figure's font: DejaVu ships with Debian and has every glyph the labels use.</summary>
    public const string FontName = "DejaVu Sans";

    /// <summary>A plot area more elongated than this is drawn at this aspect ratio (its units then differ on the two axes).</summary>
    public const double MaxAspect = 8;

    /// <summary>Fraction of the plot near its top and right edges where a marker's label goes below or left of it, to stay inside.</summary>
    public const double LabelFlipMargin = 0.08;

    private BasinFigure(Plot plot, int width, int height, double scale, PixelRect plotArea)
    {
        Plot = plot;
        Width = width;
        Height = height;
        Scale = scale;
        PlotArea = plotArea;
    }

    /// <summary>The ScottPlot plot, laid out.</summary>
    public Plot Plot { get; }

    /// <summary>Width in figure units (1/100 inch).</summary>
    public int Width { get; }

    /// <summary>Height in figure units.</summary>
    public int Height { get; }

    /// <summary>Pixels per figure unit.</summary>
    public double Scale { get; }

    /// <summary>Where the plot area lies, in figure units.</summary>
    public PixelRect PlotArea { get; }

    /// <summary>Draws <paramref name="map"/>.</summary>
    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public static BasinFigure Create(BasinMap map, FigureOptions options)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(options);
        options.Validated();
        var plot = new Plot();
        plot.Font.Set(FontName);
        LandscapeInfo info = map.Problem.Landscape.Info;
        int[] slots = options.ColourSlots is { } given ? SlotsGiven(given, map.Attractors) : AttractorColours.SlotsOf(map.Attractors, info.Box);
        IReadOnlyList<StationaryPoint> listed = FigureLegend.Listed(map.Attractors);
        plot.Title(options.Title ?? FigureTitle.What(info) + "\n" + FigureTitle.How(map.Problem, options.RunGrid ?? map.Grid), 13);
        // An axes map is a 2-D map even on a 1-D landscape (its axes are x and a hyperparameter, or two hyperparameters).
        (int plotWidth, int plotHeight) = info.Dimensions == 1 && map.Problem.Axes is null
            ? DrawCurve(plot, map, options, slots, listed)
            : DrawMap(plot, map, options, slots, listed);
        AddStatusLegend(plot, map);
        return LaidOut(plot, plotWidth, plotHeight, options.Scale);
    }

    /// <summary>
    /// Lays out and draws a tiny figure with the parts a basin figure has (title, image, markers, legend, colour bar)
    /// onto no canvas, and encodes a tiny PNG, so that the first real figure of the process finds ScottPlot, SkiaSharp
    /// and the font loaded and their code compiled (its layout pass went from 0.6 to 0.06 s here). A run whose descents
    /// leave the CPU free (on a GPU) calls it on another thread meanwhile; it has no effect on any figure.
    /// </summary>
    public static void WarmUp()
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title("warm-up\nwarm-up", 13);
        var raster = new RgbImage(4, 4);
        plot.Add.ImageRect(ImageOf(raster), new CoordinateRect(0, 1, 0, 1)).AntiAlias = false;
        AddMarker(plot, 0.5, 0.5, MarkerShape.OpenCircle, "0", new CoordinateRect(0, 1, 0, 1));
        plot.Legend.ManualItems.Add(Swatch(BasinPalette.Diverged, "diverged 0.0 %"));
        plot.ShowLegend(Edge.Right);
        plot.Add.ColorBar(new StepShadingScale(10), Edge.Right).Label = "steps";
        plot.XLabel("x", 14);
        plot.YLabel("y", 14);
        BasinFigure figure = LaidOut(plot, 100, 100, 1);
        using var sink = new MemoryStream();
        figure.Save(sink, FigureFormat.Png);
    }

    /// <summary>The plot area (width, height) in figure units for a box <paramref name="aspect"/> times wider than tall.</summary>
    public static (int Width, int Height) PlotAreaOf(double aspect, int size)
    {
        aspect = Math.Clamp(double.IsFinite(aspect) && aspect > 0 ? aspect : 1, 1 / MaxAspect, MaxAspect);
        return aspect >= 1 ? (size, Math.Max(1, (int)Math.Round(size / aspect))) : (Math.Max(1, (int)Math.Round(size * aspect)), size);
    }

    /// <summary>Writes the figure in <paramref name="format"/>.</summary>
    public void Save(Stream stream, FigureFormat format) =>
        FigureFile.Save(stream, format, Width, Height, Scale, canvas => Plot.Render(canvas, Width, Height));

    /// <summary>Writes the figure to <paramref name="path"/> in the format its extension names.</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        FigureFormat format = FigureFormats.ParseList(Path.GetExtension(path).TrimStart('.'))[0];
        using FileStream stream = File.Create(path);
        Save(stream, format);
    }

    private static int[] SlotsGiven(IReadOnlyList<int> given, IReadOnlyList<StationaryPoint> attractors)
    {
        if (attractors.FirstOrDefault(point => point.Id >= given.Count || given[point.Id] is < 0 or >= AttractorColours.PaletteSize) is { } missing)
        {
            throw new ArgumentException($"the colour slots given ({given.Count}) hold no slot from 0 to {AttractorColours.PaletteSize - 1} for attractor {missing.Id}");
        }

        return given.ToArray();
    }

    private static void AddStatusLegend(Plot plot, BasinMap map)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        plot.Legend.ManualItems.Add(Swatch(BasinPalette.Diverged, string.Create(culture, $"diverged {100 * map.Basins.DivergedFraction:0.0} %")));
        plot.Legend.ManualItems.Add(Swatch(BasinPalette.Unconverged, string.Create(culture, $"not converged {100 * map.Basins.UnconvergedFraction:0.0} %")));
        plot.Legend.FontName = FontName;
        plot.Legend.FontSize = 11;
        plot.ShowLegend(Edge.Right);
    }

    private static LegendItem Swatch(Rgb colour, string text) => new()
    {
        LabelText = text,
        MarkerShape = MarkerShape.FilledSquare,
        MarkerSize = 12,
        MarkerFillColor = ColourOf(colour),
        MarkerLineColor = Colors.Black,
        MarkerLineWidth = 0.5f,
    };

    private static LegendItem TextLine(string text) => new() { LabelText = text, MarkerShape = MarkerShape.None };

    private static Color ColourOf(Rgb colour) => new(colour.R, colour.G, colour.B);

    private static MarkerShape ShapeOf(StationaryKind kind) => kind switch
    {
        StationaryKind.Minimum => MarkerShape.OpenCircle,
        StationaryKind.Saddle => MarkerShape.Eks,
        StationaryKind.Maximum => MarkerShape.OpenTriangleUp,
        _ => MarkerShape.OpenSquare,
    };

    /// <summary>
    /// A marker readable on every basin colour (white over a black outline) with its label beside it: above right, or
    /// below / left where the point lies in the top or right <see cref="LabelFlipMargin"/> of the plot.
    /// </summary>
    private static void AddMarker(Plot plot, double x, double y, MarkerShape shape, string label, CoordinateRect limits)
    {
        foreach ((Color colour, float width) in new[] { (Colors.Black, 3.5f), (Colors.White, 1.5f) })
        {
            var marker = plot.Add.Marker(x, y, shape, 13, colour);
            marker.MarkerLineWidth = width;
        }

        var text = plot.Add.Text(label, x, y);
        text.LabelFontName = FontName;
        text.LabelFontSize = 11;
        text.LabelBold = true;
        text.LabelFontColor = Colors.Black;
        text.LabelBackgroundColor = Colors.White.WithAlpha(0.75);
        text.LabelPadding = 1;
        bool below = (limits.Top - y) < LabelFlipMargin * (limits.Top - limits.Bottom);
        bool left = (limits.Right - x) < LabelFlipMargin * (limits.Right - limits.Left);
        text.OffsetX = left ? -8 : 8;
        text.OffsetY = below ? 8 : -8;
        text.LabelAlignment = (below, left) switch
        {
            (false, false) => Alignment.LowerLeft,
            (false, true) => Alignment.LowerRight,
            (true, false) => Alignment.UpperLeft,
            (true, true) => Alignment.UpperRight,
        };
    }

    private static ScottPlot.Image ImageOf(RgbImage raster)
    {
        using SKBitmap bitmap = PngFile.ToBitmap(raster);
        return new ScottPlot.Image(bitmap);
    }

    /// <summary>
    /// Fixes the layout so that the plot area is exactly <paramref name="plotWidth"/> x <paramref name="plotHeight"/>
    /// units: one measuring pass (drawing nothing) finds the room title, axes, legend and colour bar take.
    /// </summary>
    private static BasinFigure LaidOut(Plot plot, int plotWidth, int plotHeight, double scale)
    {
        int guessWidth = plotWidth + 500, guessHeight = plotHeight + 200;
        using (var measure = new SKNoDrawCanvas(guessWidth, guessHeight))
        {
            plot.Render(measure, guessWidth, guessHeight);
        }

        PixelRect data = plot.LastRender.DataRect;
        float left = (float)Math.Ceiling(data.Left), top = (float)Math.Ceiling(data.Top);
        float right = (float)Math.Ceiling(guessWidth - data.Right), bottom = (float)Math.Ceiling(guessHeight - data.Bottom);
        float legendHeight = plot.Legend.LastRenderSize.Height + 20;
        float extra = Math.Max(0, legendHeight - (top + plotHeight + bottom));
        bottom += extra;
        plot.Layout.Fixed(new PixelPadding(left, right, bottom, top));
        int width = (int)(left + plotWidth + right), height = (int)(top + plotHeight + bottom);
        return new BasinFigure(plot, width, height, scale, new PixelRect(left, left + plotWidth, top + plotHeight, top));
    }
}
