using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Gl;
using LandscapeGpu.Runs;
using ScottPlot;
using MarkerShape = ScottPlot.MarkerShape;

namespace LandscapeGpu.Rendering.Figures;

/// <summary>A 1-D landscape: the cost curve, every stationary point on it (maxima too) and the basin strip under it.</summary>
public sealed partial class BasinFigure
{
    /// <summary>Width over height of a 1-D figure's plot area (loss and x have different units).</summary>
    public const double CurveAspect = 2.5;

    /// <summary>Points along the drawn curve.</summary>
    public const int CurveSamples = 1024;

    private static (int Width, int Height) DrawCurve(Plot plot, BasinMap map, FigureOptions options, int[] slots, IReadOnlyList<StationaryPoint> listed)
    {
        var box = map.Grid.Box;
        (int plotWidth, int plotHeight) = PlotAreaOf(CurveAspect, options.Size);
        LandscapeProbe probe = LandscapeProbe.For(map.Problem.Landscape);
        double Loss(double x) => probe.Loss(x, 0);

        var xs = new double[CurveSamples];
        var ys = new double[CurveSamples];
        for (int i = 0; i < CurveSamples; i++)
        {
            xs[i] = box.X0 + (box.X1 - box.X0) * i / (CurveSamples - 1);
            ys[i] = Loss(xs[i]);
        }

        var finite = ys.Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        double low = finite.Min(), high = finite.Max();
        double range = Math.Max(high - low, 1e-12);
        // The strip sits under the curve, inside the plot area: its own band of the loss axis.
        double stripTop = low - 0.06 * range, stripBottom = low - 0.16 * range;
        var curve = plot.Add.ScatterLine(xs, ys, Colors.Black);
        curve.LineWidth = 1.5f;
        curve.MarkerSize = 0;

        int pixelWidth = (int)Math.Round(plotWidth * options.Scale);
        int stripPixels = Math.Max(4, (int)Math.Round(0.1 / 1.26 * plotHeight * options.Scale));
        LossColours? lossColours = options.ColourBy == MapColouring.Loss ? LossColours.Of(map.Attractors) : null;
        MapLayer layer = LayerOf(map, slots, pixelWidth, lossColours);
        var strip = plot.Add.ImageRect(ImageOf(MapRaster.Draw(layer, pixelWidth, stripPixels)), new CoordinateRect(box.X0, box.X1, stripBottom, stripTop));
        strip.AntiAlias = false;
        var limits = new CoordinateRect(box.X0, box.X1, low - 0.18 * range, high + 0.08 * range);
        plot.Axes.SetLimits(limits);
        plot.XLabel(map.Problem.Landscape.Info.Axes[0], 14);
        plot.YLabel("loss (strip below: basin of each start)", 12);

        double logSlowest = Math.Log(1 + layer.LargestCount);
        foreach (StationaryPoint point in listed)
        {
            AddMarker(plot, point.X, point.Loss, ShapeOf(point.Kind), point.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), limits);
            Rgb swatch = lossColours?.ById[point.Id] ?? AttractorColours.ColourOf(slots[point.Id]).Scaled(MapRaster.ShadeOf(point.MeanSteps, logSlowest));
            plot.Legend.ManualItems.Add(Swatch(swatch, FigureLegend.LineOf(point, oneDimensional: true)));
        }

        if (FigureLegend.Summary(map.Attractors, listed) is { } summary)
        {
            plot.Legend.ManualItems.Add(TextLine(summary));
        }

        foreach ((double x, double loss) in CurveMaxima.Find(Loss, box.X0, box.X1))
        {
            AddMarker(plot, x, loss, MarkerShape.OpenTriangleUp, "max", limits);
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = $"max x = {FigureLegend.Format(x)}, f = {FigureLegend.Format(loss)}",
                MarkerShape = MarkerShape.OpenTriangleUp,
                MarkerSize = 10,
                MarkerLineColor = Colors.Black,
                MarkerLineWidth = 1.5f,
            });
        }

        if (lossColours is not null)
        {
            AddLossBar(plot, lossColours);
            return (plotWidth, plotHeight);
        }

        var bar = plot.Add.ColorBar(new StepShadingScale(layer.LargestCount), Edge.Right);
        bar.Label = "steps (shade of the basin colour)";
        bar.LabelStyle.FontSize = 11;
        return (plotWidth, plotHeight);
    }
}
