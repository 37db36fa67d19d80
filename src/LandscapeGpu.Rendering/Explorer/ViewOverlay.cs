using System.Globalization;
using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Runs;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Rendering.Gl;
using ScottPlot;
using SkiaSharp;
using MarkerShape = ScottPlot.MarkerShape;

namespace LandscapeGpu.Rendering.Explorer;

/// <summary>Where the overlay's axes lie in the window and what they show.</summary>
/// <param name="DataArea">The window pixels inside the axes (left, right, bottom, top from the top-left corner; right and bottom exclusive).</param>
/// <param name="Horizontal">The horizontal axis's range over the data area: the landscape's first variable.</param>
/// <param name="Vertical">The vertical axis's range: the second variable, or the loss of a 1-D landscape.</param>
/// <param name="XTicks">Ticks of the horizontal axis.</param>
/// <param name="YTicks">Ticks of the vertical axis.</param>
/// <param name="XName">The horizontal axis's name.</param>
/// <param name="YName">The vertical axis's name.</param>
/// <param name="OneDimensional">A 1-D scene: the horizontal axis lies on the basin strip.</param>
public sealed record OverlayAxes(
    PixelRect DataArea, (double Min, double Max) Horizontal, (double Min, double Max) Vertical,
    IReadOnlyList<AxisTick> XTicks, IReadOnlyList<AxisTick> YTicks, string XName, string YName, bool OneDimensional);

/// <summary>
/// The view's axes, ticks, stationary-point ids and legend, drawn over the map with the figure's plotting library
/// (ScottPlot on SkiaSharp, the figure's font, its legend lines and colours) into a transparent RGBA picture the size of
/// the window, which the window composites over the map (<see cref="OverlayImage"/>). The map keeps the whole window:
/// the axes take a band along the left and bottom edges, veiled in white, and their ranges are those of the pixels
/// the data area covers, so ticks sit exactly over the map however it is panned and zoomed.
/// ScottPlot rather than GL text: one figure style for basins.png and the window, with its text layout, legend and
/// vector fonts, at a cost paid only when the view, the map or the window changes (a few milliseconds; hover text
/// is a separate small picture).
/// </summary>
public static class ViewOverlay
{
    /// <summary>Font size of tick labels and the legend, in pixels.</summary>
    public const float FontSize = 12;

    /// <summary>Horizontal ticks are at least this many pixels apart.</summary>
    public const double XTickSpacing = 70;

    /// <summary>Vertical ticks are at least this many pixels apart.</summary>
    public const double YTickSpacing = 60;

    /// <summary>Ticks closer than this many pixels to the window's top or right edge are left out: their labels would be cut.</summary>
    public const double EdgeClearance = 8;

    /// <summary>Height of the band under the data area holding the horizontal axis's ticks and name.</summary>
    public const int BottomBand = 40;

    /// <summary>The veil over the map under the axes' bands: white at this opacity (a 1-D scene's basin strip shows through a lighter one).</summary>
    public const double BandOpacity = 0.8;

    /// <summary>The veil over a 1-D scene's basin strip, which the horizontal axis's labels share.</summary>
    public const double StripOpacity = 0.45;

    /// <summary>Font size of the hover panel's lines, in pixels.</summary>
    public const float PanelFontSize = 13;

    /// <summary>
    /// The names of <paramref name="problem"/>'s horizontal and vertical axes: the landscape's variables (a model's
    /// free weights), or what an axes map varies (<c>lr</c>, <c>momentum</c>, <c>lr:w1</c>).
    /// </summary>
    public static IReadOnlyList<string> AxisNamesOf(DescentProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        LandscapeInfo info = problem.Landscape.Info;
        return problem.Axes is { } axes ? [MapAxes.NameOf(axes.Horizontal, info), MapAxes.NameOf(axes.Vertical, info)] : info.Axes;
    }

    /// <summary>
    /// The axes of a <paramref name="view"/>; <paramref name="axisNames"/> are its axes' names (<see cref="AxisNamesOf"/>);
    /// <paramref name="curveRange"/> is the loss at the bottom and top of a 1-D scene's curve (see <see cref="BasinRenderer.CurveRangeOf"/>);
    /// a <paramref name="logarithmic"/> axis is viewed in log10 of its values and its ticks are labelled with the values (<see cref="LogView"/>).
    /// </summary>
    public static OverlayAxes AxesOf(ViewState view, IReadOnlyList<string> axisNames, (double Bottom, double Top) curveRange, (bool X, bool Y) logarithmic = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(axisNames);
        int width = view.Width, height = view.Height;
        // The vertical axis first: its labels' width sets the band on the left.
        int bottom;
        (double Min, double Max) vertical;
        if (view.OneDimensional)
        {
            // A 1-D scene's curve spans the height above the basin strip; the horizontal axis lies on the strip.
            bottom = (int)Math.Round((1 - FrameStyle.StripHeight) * height);
            vertical = curveRange;
        }
        else
        {
            bottom = Math.Max(1, height - BottomBand);
            vertical = (view.ToWorld(0, bottom).Y, view.Visible.Y1);
        }

        IReadOnlyList<AxisTick> yTicks = (logarithmic.Y ? AxisTicks.Logarithmic(vertical.Min, vertical.Max, bottom, YTickSpacing) : AxisTicks.For(vertical.Min, vertical.Max, bottom, YTickSpacing))
            .Where(tick => (vertical.Max - tick.Position) / (vertical.Max - vertical.Min) * bottom >= EdgeClearance).ToList();
        using var font = new SKFont(Typeface, FontSize);
        float widest = yTicks.Count == 0 ? 0 : yTicks.Max(tick => font.MeasureText(tick.Label));
        int left = Math.Min(width - 1, (int)Math.Ceiling(widest) + 32);
        (double Min, double Max) horizontal = (view.ToWorld(left, 0).X, view.Visible.X1);
        IReadOnlyList<AxisTick> xTicks = (logarithmic.X ? AxisTicks.Logarithmic(horizontal.Min, horizontal.Max, width - left, XTickSpacing) : AxisTicks.For(horizontal.Min, horizontal.Max, width - left, XTickSpacing))
            .Where(tick => (horizontal.Max - tick.Position) / (horizontal.Max - horizontal.Min) * (width - left) >= EdgeClearance).ToList();
        string xName = axisNames.Count > 0 ? axisNames[0] : "x";
        string yName = view.OneDimensional ? "loss" : axisNames.Count > 1 ? axisNames[1] : "y";
        return new OverlayAxes(new PixelRect(left, width, bottom, 0), horizontal, vertical, xTicks, yTicks, xName, yName, view.OneDimensional);
    }

    /// <summary>
    /// The legend of <paramref name="shown"/>: the figure's lines (<see cref="FigureLegend"/>) with the view's session
    /// ids and colours (shaded by each basin's mean steps when <paramref name="shadeBySteps"/>), diverged and not
    /// converged when any start did, and the summary of the points not listed.
    /// </summary>
    public static IReadOnlyList<(Rgb? Swatch, string Text)> LegendOf(ComputedMap shown, bool shadeBySteps)
    {
        ArgumentNullException.ThrowIfNull(shown);
        BasinMap map = shown.Map;
        bool oneDimensional = map.Problem.Landscape.Info.Dimensions == 1;
        double logSlowest = Math.Log(1 + shown.Layer.LargestCount);
        var lines = new List<(Rgb?, string)>();
        IReadOnlyList<StationaryPoint> listed = FigureLegend.Listed(map.Attractors);
        foreach (StationaryPoint point in listed.OrderBy(point => shown.StableIds[point.Id]))
        {
            Rgb colour = AttractorColours.ColourOf(shown.Slots[point.Id]);
            Rgb swatch = shadeBySteps ? colour.Scaled(MapRaster.ShadeOf(point.MeanSteps, logSlowest)) : colour;
            lines.Add((swatch, FigureLegend.LineOf(point with { Id = shown.StableIds[point.Id] }, oneDimensional)));
        }

        var culture = CultureInfo.InvariantCulture;
        if (map.Basins.DivergedFraction > 0)
        {
            lines.Add((BasinPalette.Diverged, string.Create(culture, $"diverged {100 * map.Basins.DivergedFraction:0.0} %")));
        }

        if (map.Basins.UnconvergedFraction > 0)
        {
            lines.Add((BasinPalette.Unconverged, string.Create(culture, $"not converged {100 * map.Basins.UnconvergedFraction:0.0} %")));
        }

        if (FigureLegend.Summary(map.Attractors, listed) is { } summary)
        {
            lines.Add((null, summary));
        }

        return lines;
    }

    /// <summary>
    /// Draws the overlay for <paramref name="axes"/> in a <paramref name="width"/> x <paramref name="height"/> window:
    /// premultiplied RGBA bytes, top row first, transparent over the data area except for the legend, the ids of the
    /// <paramref name="labels"/> (world position and text) and the frame.
    /// </summary>
    public static byte[] Draw(int width, int height, OverlayAxes axes, IReadOnlyList<(Rgb? Swatch, string Text)> legend, IReadOnlyList<(double X, double Y, string Text)> labels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(axes);
        ArgumentNullException.ThrowIfNull(legend);
        ArgumentNullException.ThrowIfNull(labels);
        var plot = new Plot();
        plot.Font.Set(BasinFigure.FontName);
        plot.FigureBackground.Color = Colors.Transparent;
        plot.DataBackground.Color = Colors.Transparent;
        plot.HideGrid();
        plot.Axes.SetLimits(axes.Horizontal.Min, axes.Horizontal.Max, axes.Vertical.Min, axes.Vertical.Max);
        plot.Axes.Bottom.TickLabelStyle.FontSize = FontSize;
        plot.Axes.Left.TickLabelStyle.FontSize = FontSize;
        // ScottPlot generates ticks while it lays the plot out, which a fixed layout skips: they are generated here.
        PixelRect area = axes.DataArea;
        plot.Axes.Bottom.TickGenerator = TicksOf(axes.XTicks);
        plot.Axes.Left.TickGenerator = TicksOf(axes.YTicks);
        using (Paint paint = Paint.NewDisposablePaint())
        {
            plot.Axes.Bottom.RegenerateTicks(new PixelLength(area.Right - area.Left), paint);
            plot.Axes.Left.RegenerateTicks(new PixelLength(area.Bottom - area.Top), paint);
        }

        plot.XLabel(axes.XName, FontSize + 1);
        plot.YLabel(axes.YName, FontSize + 1);
        plot.Layout.Fixed(axes.DataArea);

        foreach ((double x, double y, string text) in labels)
        {
            var label = plot.Add.Text(text, x, y);
            label.LabelFontName = BasinFigure.FontName;
            label.LabelFontSize = FontSize;
            label.LabelBold = true;
            label.LabelFontColor = Colors.Black;
            label.LabelBackgroundColor = Colors.White.WithAlpha(0.75);
            label.LabelPadding = 1;
            label.OffsetX = 9;
            label.OffsetY = -9;
            label.LabelAlignment = Alignment.LowerLeft;
        }

        foreach ((Rgb? swatch, string text) in legend)
        {
            plot.Legend.ManualItems.Add(swatch is { } colour
                ? new LegendItem
                {
                    LabelText = text,
                    MarkerShape = MarkerShape.FilledSquare,
                    MarkerSize = 11,
                    MarkerFillColor = new Color(colour.R, colour.G, colour.B),
                    MarkerLineColor = Colors.Black,
                    MarkerLineWidth = 0.5f,
                }
                : new LegendItem { LabelText = text, MarkerShape = MarkerShape.None });
        }

        plot.Legend.FontName = BasinFigure.FontName;
        plot.Legend.FontSize = FontSize - 1;
        plot.Legend.Alignment = Alignment.UpperRight;
        if (legend.Count > 0)
        {
            plot.ShowLegend();
        }
        else
        {
            plot.HideLegend();
        }

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var pixels = new byte[4 * width * height];
        using (SKSurface surface = SKSurface.Create(info))
        {
            SKCanvas canvas = surface.Canvas;
            plot.Render(canvas, width, height);
            // The veil goes under what ScottPlot drew (it clears its canvas first, so it cannot go before).
            PixelRect data = axes.DataArea;
            using (var veil = new SKPaint { Color = SKColors.White.WithAlpha((byte)Math.Round(255 * BandOpacity)), BlendMode = SKBlendMode.DstOver })
            using (var lightVeil = new SKPaint { Color = SKColors.White.WithAlpha((byte)Math.Round(255 * StripOpacity)), BlendMode = SKBlendMode.DstOver })
            {
                canvas.DrawRect(0, 0, data.Left, height, veil);
                canvas.DrawRect(data.Left, data.Bottom, width - data.Left, height - data.Bottom, axes.OneDimensional ? lightVeil : veil);
            }

            canvas.Flush();
            ReadPixels(surface, info, pixels);
        }

        return pixels;
    }

    /// <summary>The hover panel: <paramref name="lines"/> in black on translucent white, as premultiplied RGBA bytes, top row first, with its size.</summary>
    public static (byte[] Pixels, int Width, int Height) DrawPanel(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        using var font = new SKFont(Typeface, PanelFontSize);
        const int Padding = 5;
        float lineHeight = font.Spacing;
        int width = Math.Max(1, (int)Math.Ceiling(lines.Count == 0 ? 0 : lines.Max(line => font.MeasureText(line))) + 2 * Padding);
        int height = Math.Max(1, (int)Math.Ceiling(lineHeight * lines.Count) + 2 * Padding);
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var pixels = new byte[4 * width * height];
        using (SKSurface surface = SKSurface.Create(info))
        {
            SKCanvas canvas = surface.Canvas;
            canvas.Clear(SKColors.Transparent);
            using (var background = new SKPaint { Color = SKColors.White.WithAlpha((byte)Math.Round(255 * BandOpacity)) })
            {
                canvas.DrawRect(0, 0, width, height, background);
            }

            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            for (int i = 0; i < lines.Count; i++)
            {
                canvas.DrawText(lines[i], Padding, Padding - font.Metrics.Ascent + i * lineHeight, SKTextAlign.Left, font, ink);
            }

            canvas.Flush();
            ReadPixels(surface, info, pixels);
        }

        return (pixels, width, height);
    }

    private static ScottPlot.TickGenerators.NumericManual TicksOf(IReadOnlyList<AxisTick> ticks) =>
        new(ticks.Select(t => t.Position).ToArray(), ticks.Select(t => t.Label).ToArray());

    /// <summary>Copies <paramref name="surface"/>'s pixels, as <paramref name="info"/> describes them, into <paramref name="pixels"/>.</summary>
    internal static unsafe void ReadPixels(SKSurface surface, SKImageInfo info, byte[] pixels)
    {
        fixed (byte* destination = pixels)
        {
            if (!surface.ReadPixels(info, (nint)destination, info.RowBytes, 0, 0))
            {
                throw new InvalidOperationException("SkiaSharp could not read back the overlay's pixels");
            }
        }
    }

    private static SKTypeface Typeface { get; } = SKTypeface.FromFamilyName(BasinFigure.FontName) ?? SKTypeface.Default;
}
