using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Gl;
using LandscapeGpu.Runs;
using ScottPlot;
using MarkerShape = ScottPlot.MarkerShape;

namespace LandscapeGpu.Rendering.Figures;

/// <summary>The 2-D map: the basins as an image in data coordinates, markers, legend and the colour bar of the step shading.</summary>
public sealed partial class BasinFigure
{
    private static (int Width, int Height) DrawMap(Plot plot, BasinMap map, FigureOptions options, int[] slots, IReadOnlyList<StationaryPoint> listed)
    {
        var box = map.Grid.Box;
        MapAxes? mapAxes = map.Problem.Axes;
        // Hyperparameters and log scales have no common unit with the other axis: such a map is drawn square.
        bool commensurable = mapAxes is null || (!mapAxes.VariesHyperparameters && !mapAxes.LogHorizontal && !mapAxes.LogVertical);
        (int plotWidth, int plotHeight) = PlotAreaOf(commensurable ? box.Width / box.Height : 1, options.Size);
        int pixelWidth = (int)Math.Round(plotWidth * options.Scale), pixelHeight = (int)Math.Round(plotHeight * options.Scale);
        MapLayer layer = LayerOf(map, slots, Math.Max(pixelWidth, pixelHeight));
        RgbImage raster = options.DrawMapArea?.Invoke(layer, pixelWidth, pixelHeight) ?? MapRaster.Draw(layer, pixelWidth, pixelHeight);
        if (raster.Width != pixelWidth || raster.Height != pixelHeight)
        {
            throw new InvalidOperationException($"the map area was drawn {raster.Width}x{raster.Height}; the figure needs {pixelWidth}x{pixelHeight}");
        }

        // A log axis is drawn in log10 of its values, with ticks labelled by the values (AxisTicks).
        bool logX = mapAxes?.LogHorizontal == true, logY = mapAxes?.LogVertical == true;
        var limits = new CoordinateRect(
            logX ? Math.Log10(box.X0) : box.X0, logX ? Math.Log10(box.X1) : box.X1,
            logY ? Math.Log10(box.Y0) : box.Y0, logY ? Math.Log10(box.Y1) : box.Y1);
        var image = plot.Add.ImageRect(ImageOf(raster), limits);
        image.AntiAlias = false;
        plot.Axes.SetLimits(limits);
        LandscapeInfo info = map.Problem.Landscape.Info;
        IReadOnlyList<string> axes = mapAxes is null ? info.Axes : [MapAxes.NameOf(mapAxes.Horizontal, info), MapAxes.NameOf(mapAxes.Vertical, info)];
        plot.XLabel(axes[0], 14);
        plot.YLabel(axes.Count > 1 ? axes[1] : "y", 14);
        if (logX)
        {
            plot.Axes.Bottom.TickGenerator = AxisTicks.Logarithmic(box.X0, box.X1);
        }

        if (logY)
        {
            plot.Axes.Left.TickGenerator = AxisTicks.Logarithmic(box.Y0, box.Y1);
        }

        double logSlowest = Math.Log(1 + layer.LargestCount);
        foreach (StationaryPoint point in listed)
        {
            // Attractors live in the landscape's x,y space: marked only where the axes are x and y.
            if (mapAxes is null && point.X >= box.X0 && point.X <= box.X1 && point.Y >= box.Y0 && point.Y <= box.Y1)
            {
                AddMarker(plot, point.X, point.Y, ShapeOf(point.Kind), point.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), limits);
            }

            Rgb swatch = AttractorColours.ColourOf(slots[point.Id]).Scaled(MapRaster.ShadeOf(point.MeanSteps, logSlowest));
            plot.Legend.ManualItems.Add(Swatch(swatch, FigureLegend.LineOf(point, oneDimensional: map.Problem.Landscape.Info.Dimensions == 1)));
        }

        if (FigureLegend.Summary(map.Attractors, listed) is { } summary)
        {
            plot.Legend.ManualItems.Add(TextLine(summary));
        }

        var bar = plot.Add.ColorBar(new StepShadingScale(layer.LargestCount), Edge.Right);
        bar.Label = "steps (shade of the basin colour)";
        bar.LabelStyle.FontSize = 11;
        return (plotWidth, plotHeight);
    }

    /// <summary>The map reduced to at most <paramref name="maxSide"/> cells a side, its ids replaced by palette slots.</summary>
    private static MapLayer LayerOf(BasinMap map, int[] slots, int maxSide)
    {
        (GridSpec grid, int[] ids, int[] steps) = MapReduction.Reduce(map, maxSide);
        var classes = new int[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            classes[i] = ids[i] >= 0 ? slots[ids[i]] : ids[i];
        }

        var box = grid.Box;
        return new MapLayer(grid.Width, grid.Height, classes, steps, new float[ids.Length], new WorldRect(box.X0, box.X1, box.Y0, box.Y1), oneDimensional: false);
    }

    /// <summary>The colour bar's scale: the shade factor of the map's step shading, as grey, over 0 to the slowest start's steps.</summary>
    private sealed class StepShadingScale(int slowest) : IHasColorAxis
    {
        public IColormap Colormap { get; set; } = new ShadeColormap(Math.Log(1 + slowest), slowest);

        public ScottPlot.Range GetRange() => new(0, slowest);
    }

    private sealed class ShadeColormap(double logSlowest, int slowest) : IColormap
    {
        public string Name => "step shading";

        public Color GetColor(double normalizedIntensity)
        {
            double shade = MapRaster.ShadeOf(Math.Clamp(normalizedIntensity, 0, 1) * slowest, logSlowest);
            byte level = (byte)Math.Round(255 * shade);
            return new Color(level, level, level);
        }
    }
}
