using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Gl;
using LandscapeGpu.Runs;
using ScottPlot;
using MarkerShape = ScottPlot.MarkerShape;

namespace LandscapeGpu.Rendering.Figures;

/// <summary>
/// The 2-D map: the basins as an image in data coordinates, markers, legend and the colour bar of the step shading; a
/// valley's basin is shaded by position along the valley instead of by steps (light at one end, dark at the other).
/// </summary>
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
        LossColours? loss = options.ColourBy == MapColouring.Loss ? LossColours.Of(map.Attractors) : null;
        MapLayer layer = LayerOf(map, slots, Math.Max(pixelWidth, pixelHeight), loss);
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
        bool rampShown = layer.RampPositions is not null;
        foreach (StationaryPoint point in listed)
        {
            // Attractors live in the landscape's x,y space: marked only where the axes are x and y.
            if (mapAxes is null && point.X >= box.X0 && point.X <= box.X1 && point.Y >= box.Y0 && point.Y <= box.Y1)
            {
                AddMarker(plot, point.X, point.Y, ShapeOf(point.Kind), point.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), limits);
            }

            // A valley's basin runs through its ramp; the ramp's middle is the basin's own colour.
            Rgb swatch = loss is not null ? loss.ById[point.Id]
                : rampShown && point.Shape == StationaryShape.Valley
                ? MapRaster.RampColourOf(slots[point.Id], 0.5)
                : AttractorColours.ColourOf(slots[point.Id]).Scaled(MapRaster.ShadeOf(point.MeanSteps, logSlowest));
            plot.Legend.ManualItems.Add(Swatch(swatch, FigureLegend.LineOf(point, oneDimensional: map.Problem.Landscape.Info.Dimensions == 1)));
        }

        if (FigureLegend.Summary(map.Attractors, listed) is { } summary)
        {
            plot.Legend.ManualItems.Add(TextLine(summary));
        }

        if (rampShown)
        {
            plot.Legend.ManualItems.Add(TextLine(ValleyRampNote));
        }

        if (loss is not null)
        {
            AddLossBar(plot, loss);
            return (plotWidth, plotHeight);
        }

        var bar = plot.Add.ColorBar(new StepShadingScale(layer.LargestCount), Edge.Right);
        bar.Label = rampShown ? "steps (shade of the basin colour; valleys: by position)" : "steps (shade of the basin colour)";
        bar.LabelStyle.FontSize = 11;
        return (plotWidth, plotHeight);
    }

    /// <summary>The legend's line on how a valley's basin is shaded.</summary>
    public const string ValleyRampNote = "valley basins: light → dark by position along the valley (0 → 1)";

    /// <summary>Whether <paramref name="map"/> holds a valley whose starts have positions along it (valleyPosition.npy; an overview's averaged from its tiles').</summary>
    public static bool ShadesValleys(BasinMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.Attractors.Any(a => a.Shape == StationaryShape.Valley) && map.ValleyPositions.Any(p => !float.IsNaN(p));
    }

    /// <summary>
    /// The map reduced to at most <paramref name="maxSide"/> cells a side, its ids replaced by palette slots; a map
    /// with valleys carries each cell's position along its valley as the layer's ramp.
    /// </summary>
    private static MapLayer LayerOf(BasinMap map, int[] slots, int maxSide, LossColours? loss)
    {
        (GridSpec grid, int[] ids, int[] steps) = MapReduction.Reduce(map, maxSide);
        var box = grid.Box;
        var extent = new WorldRect(box.X0, box.X1, box.Y0, box.Y1);
        if (loss is not null)
        {
            // Classes are the ids themselves, each drawn flat in its loss colour: no step shading, no valley ramp.
            return new MapLayer(grid.Width, grid.Height, ids, steps, new float[ids.Length], extent, oneDimensional: false) { ClassColours = loss.ById };
        }

        float[]? ramp = ShadesValleys(map) ? MapReduction.MeanOfWinners(map, maxSide, ids, map.ValleyPositions) : null;
        var classes = new int[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            classes[i] = ids[i] >= 0 ? slots[ids[i]] : ids[i];
        }

        return new MapLayer(grid.Width, grid.Height, classes, steps, new float[ids.Length], extent, oneDimensional: false)
        {
            RampPositions = ramp,
        };
    }

    /// <summary>The colour bar of a map coloured by loss: the colour map over the losses, ticks at loss values (powers of ten on a log scale).</summary>
    private static void AddLossBar(Plot plot, LossColours loss)
    {
        plot.Legend.ManualItems.Add(TextLine(loss.Describe()));
        var bar = plot.Add.ColorBar(new LossScale(loss), Edge.Right);
        bar.Label = loss.Label;
        bar.LabelStyle.FontSize = 11;
        if (loss.Logarithmic)
        {
            bar.Axis.TickGenerator = AxisTicks.Logarithmic(loss.Low, loss.High);
        }
    }

    /// <summary>The loss colour bar's scale: the losses, or log10 of them, from the lowest to the highest.</summary>
    private sealed class LossScale(LossColours loss) : IHasColorAxis
    {
        public IColormap Colormap { get; set; } = LossColours.Colormap;

        public ScottPlot.Range GetRange() =>
            loss.Logarithmic ? new(Math.Log10(loss.Low), Math.Log10(loss.High))
            : loss.High > loss.Low ? new(loss.Low, loss.High)
            : new(loss.Low, loss.Low + Math.Max(Math.Abs(loss.Low), 1));
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
