using System.Globalization;
using LandscapeGpu.Basins;
using LandscapeGpu.Runs.Series;
using ScottPlot;

namespace LandscapeGpu.Rendering.Figures;

/// <summary>
/// A bifurcation diagram as a figure: each kept iterate a small dot at (parameter value, coordinate), the landscape's
/// stationary points as horizontal lines (minima solid, maxima dashed, saddles dotted), the axes named after the
/// parameter and the coordinate, and a title saying what ran. Dots that fall on one pixel are drawn once, so a dense
/// diagram stays a small file.
/// </summary>
public sealed class BifurcationFigure
{
    /// <summary>Width over height of the plot area.</summary>
    public const double Aspect = 1.6;

    /// <summary>Dot diameter in figure units.</summary>
    public const float DotSize = 2f;

    /// <summary>How far the coordinate axis may reach beyond the box, in box widths on each side: diverging iterates otherwise squash the picture.</summary>
    public const double MaxReachBeyondBox = 0.5;

    private BifurcationFigure(Plot plot, int width, int height, double scale)
    {
        Plot = plot;
        Width = width;
        Height = height;
        Scale = scale;
    }

    /// <summary>The ScottPlot plot.</summary>
    public Plot Plot { get; }

    /// <summary>Width in figure units (1/100 inch).</summary>
    public int Width { get; }

    /// <summary>Height in figure units.</summary>
    public int Height { get; }

    /// <summary>Pixels per figure unit.</summary>
    public double Scale { get; }

    /// <summary>Dots drawn after merging those on one pixel.</summary>
    public int DotsDrawn { get; private set; }

    /// <summary>Draws <paramref name="diagram"/>.</summary>
    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public static BifurcationFigure Create(BifurcationDiagram diagram, FigureOptions options)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        ArgumentNullException.ThrowIfNull(options);
        options.Validated();
        var culture = CultureInfo.InvariantCulture;
        var plot = new Plot();
        plot.Font.Set(BasinFigure.FontName);
        int plotWidth = options.Size, plotHeight = (int)Math.Round(options.Size / Aspect);
        var problem = diagram.Problem;
        long dropped = diagram.Dropped.Sum(), total = diagram.Iterates.LongLength;
        string log = diagram.Range.Logarithmic ? " (log)" : "";
        IReadOnlyList<double> values = diagram.Values;
        // The varied parameter's own value in the problem is not one drawn: the title names the others only.
        string rule = WithoutVaried(FigureTitle.Hyperparameters(problem.Optimizer), diagram.Range.Parameter, problem.Optimizer.Kind);
        plot.Title(FigureTitle.What(problem.Landscape.Info) + "\n" + string.Create(culture,
            $"{rule}, {diagram.Range.Name} {values[0]:G4} to {values[^1]:G4} ({values.Count} values{(diagram.Range.Logarithmic ? ", geometric" : "")}): last {diagram.Keep} of {problem.MaxSteps} steps " +
            $"from {diagram.Starts.Count} starts; {dropped:N0} of {total:N0} iterates diverged"), 13);

        Landscapes.Box box = problem.Grid.Box;
        (double boxLow, double boxHigh) = diagram.Coordinate == 0 ? (box.X0, box.X1) : (box.Y0, box.Y1);
        double boxSpan = Math.Max(boxHigh - boxLow, 1e-12);
        double low = boxLow, high = boxHigh;
        foreach (double value in diagram.Iterates)
        {
            if (double.IsFinite(value))
            {
                low = Math.Min(low, value);
                high = Math.Max(high, value);
            }
        }

        low = Math.Max(low, boxLow - MaxReachBeyondBox * boxSpan);
        high = Math.Min(high, boxHigh + MaxReachBeyondBox * boxSpan);
        double margin = 0.03 * (high - low);
        low -= margin;
        high += margin;
        double Along(double value) => diagram.Range.Logarithmic ? Math.Log10(value) : value;
        double left = Along(values[0]), right = Along(values[^1]);
        double step = (right - left) / (values.Count - 1);
        left -= 0.5 * step;
        right += 0.5 * step;

        // Lines first: the dots on a stable point are drawn over its line.
        foreach (StationaryLocation point in diagram.StationaryPoints)
        {
            double at = diagram.Coordinate == 0 ? point.X : point.Y;
            (Color colour, LinePattern pattern) = point.Kind switch
            {
                StationaryKind.Minimum => (new Color(31, 119, 180), LinePattern.Solid),
                StationaryKind.Maximum => (new Color(214, 39, 40), LinePattern.Dashed),
                _ => (new Color(255, 127, 14), LinePattern.Dotted),
            };
            var line = plot.Add.HorizontalLine(at, 1.2f, colour.WithAlpha(0.8), pattern);
            line.LegendText = string.Create(culture, $"{point.Kind.ToString().ToLowerInvariant()} {diagram.CoordinateName} = {FigureLegend.Format(at)}");
        }

        (double[] xs, double[] ys) = Dots(diagram, Along, left, right, low, high, (int)Math.Ceiling(plotWidth * options.Scale), (int)Math.Ceiling(plotHeight * options.Scale));
        var dots = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, DotSize, Colors.Black.WithAlpha(0.8));
        dots.LegendText = $"last {diagram.Keep} iterates";

        plot.Axes.SetLimits(left, right, low, high);
        plot.XLabel(diagram.Range.Name + log, 14);
        plot.YLabel(diagram.CoordinateName, 14);
        if (diagram.Range.Logarithmic)
        {
            plot.Axes.Bottom.TickGenerator = LogAxisTicks.Between(left, right);
        }

        plot.Legend.FontName = BasinFigure.FontName;
        plot.Legend.FontSize = 11;
        plot.ShowLegend(Edge.Right);
        // Room for the title, axes and legend around the plot area.
        int width = plotWidth + 330, height = plotHeight + 140;
        plot.Layout.Fixed(new PixelPadding(80, 250, 60, 80));
        return new BifurcationFigure(plot, width, height, options.Scale) { DotsDrawn = xs.Length };
    }

    /// <summary>Writes the figure in <paramref name="format"/>.</summary>
    public void Save(Stream stream, FigureFormat format) => FigureFile.Save(Plot, Width, Height, Scale, stream, format);

    /// <summary><paramref name="hyperparameters"/> (as <see cref="FigureTitle.Hyperparameters"/> writes them) without the one that varies.</summary>
    private static string WithoutVaried(string hyperparameters, SeriesParameter varied, Optimizers.OptimizerKind kind)
    {
        string name = varied switch
        {
            SeriesParameter.LearningRate => "lr",
            SeriesParameter.Momentum => "mu",
            SeriesParameter.Beta1 => "beta1",
            SeriesParameter.Beta2 => kind == Optimizers.OptimizerKind.RmsProp ? "rho" : "beta2",
            _ => "",
        };
        return string.Join(' ', hyperparameters.Split(' ').Where(word => !word.StartsWith(name + "=", StringComparison.Ordinal)));
    }

    /// <summary>The kept iterates as dot positions, one per pixel of the plot area at most, in the diagram's order.</summary>
    private static (double[] Xs, double[] Ys) Dots(BifurcationDiagram diagram, Func<double, double> along,
        double left, double right, double low, double high, int pixelsWide, int pixelsHigh)
    {
        var seen = new HashSet<long>();
        var xs = new List<double>();
        var ys = new List<double>();
        int perValue = diagram.Starts.Count * diagram.Keep;
        for (int value = 0; value < diagram.Values.Count; value++)
        {
            double x = along(diagram.Values[value]);
            long column = (long)Math.Floor((x - left) / (right - left) * pixelsWide);
            for (int i = 0; i < perValue; i++)
            {
                double y = diagram.Iterates[(long)value * perValue + i];
                if (!(y >= low && y <= high))
                {
                    continue;
                }

                long row = (long)Math.Floor((y - low) / (high - low) * pixelsHigh);
                if (seen.Add(column * (pixelsHigh + 1L) + row))
                {
                    xs.Add(x);
                    ys.Add(y);
                }
            }
        }

        return (xs.ToArray(), ys.ToArray());
    }
}
