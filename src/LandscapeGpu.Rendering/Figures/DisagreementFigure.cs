using System.Globalization;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Rendering.Cpu;
using ScottPlot;
using SkiaSharp;

namespace LandscapeGpu.Rendering.Figures;

/// <summary>
/// The disagreement map as a figure (<c>disagreement.png</c>): per start, how many distinct outcomes the compared
/// optimizers reach, from light (all agree) to dark red (all differ), in data coordinates with axes, a title naming
/// the optimizers, and a colour bar of the counts.
/// </summary>
public sealed class DisagreementFigure
{
    // Room the title, axes and colour bar take around the plot area, in figure units.
    private const int MarginWidth = 260;
    private const int MarginHeight = 170;

    private static readonly Rgb Agree = new(255, 255, 204);
    private static readonly Rgb AllDiffer = new(128, 0, 38);

    private DisagreementFigure(Plot plot, int width, int height, double scale)
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

    /// <summary>
    /// Draws <paramref name="counts"/> (distinct outcomes per start of <paramref name="grid"/>, row 0 at the box's bottom)
    /// of the optimizers <paramref name="optimizers"/> over <paramref name="info"/>'s landscape.
    /// </summary>
    /// <exception cref="ArgumentException">The counts do not cover the grid, or a count is outside 1 to the number of optimizers.</exception>
    public static DisagreementFigure Create(ReadOnlySpan<byte> counts, GridSpec grid, LandscapeInfo info, IReadOnlyList<string> optimizers, FigureOptions options)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(optimizers);
        ArgumentNullException.ThrowIfNull(options);
        options.Validated();
        int runs = optimizers.Count;
        if (counts.Length != grid.Count)
        {
            throw new ArgumentException($"the counts hold {counts.Length} starts; the {grid.Width}x{grid.Height} grid has {grid.Count}", nameof(counts));
        }

        var raster = new RgbImage(grid.Width, grid.Height);
        for (int row = 0; row < grid.Height; row++)
        {
            for (int column = 0; column < grid.Width; column++)
            {
                byte count = counts[row * grid.Width + column];
                if (count < 1 || count > runs)
                {
                    throw new ArgumentException($"start ({column}, {row}) has {count} distinct outcomes; {runs} optimizers reach 1 to {runs}", nameof(counts));
                }

                // Row 0 of the grid is the box's bottom; row 0 of an image its top.
                raster.Set(column, grid.Height - 1 - row, ColourOf(count, runs));
            }
        }

        var plot = new Plot();
        plot.Font.Set(BasinFigure.FontName);
        plot.Title($"{FigureTitle.What(info)}\ndistinct outcomes per start of {string.Join(", ", optimizers)} (diverged and not converged count as outcomes)", 13);
        LandscapeGpu.Landscapes.Box box = grid.Box;
        // A 1-D landscape's starts lie on a line: drawn as a strip of the widest plot area, with no y axis.
        bool oneDimensional = info.Dimensions == 1;
        var limits = oneDimensional ? new CoordinateRect(box.X0, box.X1, 0, 1) : new CoordinateRect(box.X0, box.X1, box.Y0, box.Y1);
        using (SKBitmap bitmap = PngFile.ToBitmap(raster))
        {
            var image = plot.Add.ImageRect(new ScottPlot.Image(bitmap), limits);
            image.AntiAlias = false;
        }

        plot.Axes.SetLimits(limits);
        plot.XLabel(info.Axes[0], 14);
        if (oneDimensional)
        {
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        }
        else
        {
            plot.YLabel(info.Axes.Count > 1 ? info.Axes[1] : "y", 14);
        }

        var bar = plot.Add.ColorBar(new CountScale(runs), Edge.Right);
        bar.Label = "distinct outcomes";
        bar.LabelStyle.FontSize = 11;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int count = 1; count <= runs; count++)
        {
            ticks.AddMajor(count, count.ToString(CultureInfo.InvariantCulture));
        }

        bar.Axis.TickGenerator = ticks;
        (int plotWidth, int plotHeight) = BasinFigure.PlotAreaOf(oneDimensional ? BasinFigure.MaxAspect : box.Width / box.Height, options.Size);
        return new DisagreementFigure(plot, plotWidth + MarginWidth, plotHeight + MarginHeight, options.Scale);
    }

    /// <summary>The colour of <paramref name="count"/> distinct outcomes among <paramref name="runs"/> optimizers.</summary>
    public static Rgb ColourOf(int count, int runs)
    {
        double t = runs <= 1 ? 0 : Math.Clamp((count - 1) / (double)(runs - 1), 0, 1);
        return new Rgb(Mix(Agree.R, AllDiffer.R, t), Mix(Agree.G, AllDiffer.G, t), Mix(Agree.B, AllDiffer.B, t));
    }

    /// <summary>Writes the figure in <paramref name="format"/>.</summary>
    public void Save(Stream stream, FigureFormat format) =>
        FigureFile.Save(stream, format, Width, Height, Scale, canvas => Plot.Render(canvas, Width, Height));

    private static byte Mix(byte from, byte to, double t) => (byte)Math.Round(from + (to - from) * t);

    /// <summary>The colour bar: one band per count from 1 to the number of optimizers.</summary>
    private sealed class CountScale(int runs) : IHasColorAxis
    {
        public IColormap Colormap { get; set; } = new CountColormap(runs);

        public ScottPlot.Range GetRange() => new(0.5, runs + 0.5);
    }

    private sealed class CountColormap(int runs) : IColormap
    {
        public string Name => string.Create(CultureInfo.InvariantCulture, $"1 to {runs} outcomes");

        public Color GetColor(double normalizedIntensity)
        {
            int count = 1 + (int)Math.Clamp(Math.Floor(normalizedIntensity * runs), 0, runs - 1);
            Rgb colour = ColourOf(count, runs);
            return new Color(colour.R, colour.G, colour.B);
        }
    }
}
