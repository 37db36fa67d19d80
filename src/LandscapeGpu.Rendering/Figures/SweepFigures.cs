using System.Globalization;
using LandscapeGpu.Basins;
using Box = LandscapeGpu.Landscapes.Box;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Runs.Series;
using ScottPlot;
using SkiaSharp;

namespace LandscapeGpu.Rendering.Figures;

/// <summary>
/// The figures of a sweep: the basin fractions against the parameter as stacked areas in the attractors' colours, a
/// contact sheet of the frames' basin maps, and the frames made one size for an animation.
/// </summary>
public static class SweepFigures
{
    /// <summary>Width of one frame on the contact sheet, in pixels.</summary>
    public const int SheetCellWidth = 360;

    /// <summary>Height of a frame's caption on the contact sheet, in pixels.</summary>
    public const int CaptionHeight = 24;

    /// <summary>
    /// The palette slot of each tracked attractor: the colour it has in the first frame that holds it (the frame's own
    /// figure resolves colour collisions among that frame's attractors, so the slot depends on the set).
    /// </summary>
    public static int[] SlotsOf(IReadOnlyList<TrackedAttractor> tracked, IReadOnlyList<IReadOnlyList<FrameAttractor>> frames, Box usualBox)
    {
        ArgumentNullException.ThrowIfNull(tracked);
        ArgumentNullException.ThrowIfNull(frames);
        var slots = new int[tracked.Count];
        var assigned = new bool[tracked.Count];
        var index = tracked.Select((attractor, i) => (attractor.Key, i)).ToDictionary(entry => entry.Key, entry => entry.i);
        foreach (IReadOnlyList<FrameAttractor> frame in frames)
        {
            var points = frame.Select((attractor, id) => new StationaryPoint(id, attractor.X, attractor.Y, 0, StationaryKind.Minimum, true, 0, 0, 0, false)).ToList();
            int[] frameSlots = AttractorColours.SlotsOf(points, usualBox);
            for (int id = 0; id < frame.Count; id++)
            {
                if (index.TryGetValue(AttractorLocations.KeyOf(frame[id].X, frame[id].Y, usualBox), out int i) && !assigned[i])
                {
                    slots[i] = frameSlots[id];
                    assigned[i] = true;
                }
            }
        }

        return slots;
    }

    /// <summary>
    /// The stacked areas of the fractions: from the bottom, each tracked attractor in order (its colour by location),
    /// then not converged and diverged, so each frame's column sums to 1.
    /// </summary>
    /// <param name="title">The figure's title.</param>
    /// <param name="parameter">The parameter's name, for the x axis.</param>
    /// <param name="values">The parameter's values.</param>
    /// <param name="logarithmic">Draw the parameter's axis in log scale.</param>
    /// <param name="tracked">The attractors matched across frames.</param>
    /// <param name="frames">Each frame's own attractors, for their colours (<see cref="SlotsOf"/>).</param>
    /// <param name="fractions">[frame][attractor] shares of the starts.</param>
    /// <param name="diverged">Per frame, the share that diverged.</param>
    /// <param name="unconverged">Per frame, the share that ran out of steps.</param>
    /// <param name="usualBox">The landscape's usual box: the colours' location grid.</param>
    public static Plot Fractions(string title, string parameter, IReadOnlyList<double> values, bool logarithmic, IReadOnlyList<TrackedAttractor> tracked,
        IReadOnlyList<IReadOnlyList<FrameAttractor>> frames, double[][] fractions, IReadOnlyList<double> diverged, IReadOnlyList<double> unconverged, Box usualBox)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(tracked);
        ArgumentNullException.ThrowIfNull(fractions);
        var culture = CultureInfo.InvariantCulture;
        var plot = new Plot();
        plot.Font.Set(BasinFigure.FontName);
        plot.Title(title, 13);
        double[] xs = values.Select(v => logarithmic ? Math.Log10(v) : v).ToArray();
        var lower = new double[xs.Length];
        int[] slots = SlotsOf(tracked, frames, usualBox);
        void Layer(Func<int, double> share, Rgb colour, string label)
        {
            double[] upper = lower.Select((bottom, frame) => bottom + (double.IsFinite(share(frame)) ? share(frame) : 0)).ToArray();
            var fill = plot.Add.FillY(xs, (double[])lower.Clone(), upper);
            fill.FillColor = new Color(colour.R, colour.G, colour.B);
            fill.LineWidth = 0;
            fill.LegendText = label;
            lower = upper;
        }

        for (int i = 0; i < tracked.Count; i++)
        {
            int attractor = i;
            Layer(frame => fractions[frame][attractor], AttractorColours.ColourOf(slots[i]), string.Create(culture,
                $"{tracked[i].Kind} ({FigureLegend.Format(tracked[i].X)}, {FigureLegend.Format(tracked[i].Y)})"));
        }

        Layer(frame => unconverged[frame], BasinPalette.Unconverged, "not converged");
        Layer(frame => diverged[frame], BasinPalette.Diverged, "diverged");
        plot.Axes.SetLimits(xs[0], xs[^1], 0, 1);
        if (logarithmic)
        {
            plot.Axes.Bottom.TickGenerator = LogAxisTicks.Between(xs[0], xs[^1]);
        }

        plot.XLabel(parameter + (logarithmic ? " (log)" : ""), 14);
        plot.YLabel("fraction of starts", 14);
        plot.Legend.FontName = BasinFigure.FontName;
        plot.Legend.FontSize = 11;
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>
    /// The frames' images side by side in rows, each scaled to <see cref="SheetCellWidth"/> pixels wide with its
    /// caption above it, on white.
    /// </summary>
    public static SKBitmap ContactSheet(IReadOnlyList<SKBitmap> frames, IReadOnlyList<string> captions)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(captions);
        ArgumentOutOfRangeException.ThrowIfZero(frames.Count);
        int columns = (int)Math.Ceiling(Math.Sqrt(frames.Count));
        int rows = (frames.Count + columns - 1) / columns;
        double scale = (double)SheetCellWidth / frames.Max(frame => frame.Width);
        int cellHeight = (int)Math.Ceiling(frames.Max(frame => frame.Height) * scale) + CaptionHeight;
        var sheet = new SKBitmap(columns * SheetCellWidth, rows * cellHeight, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(sheet);
        canvas.Clear(SKColors.White);
        using var font = new SKFont(SKTypeface.FromFamilyName(BasinFigure.FontName), 15);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var sampling = new SKPaint { IsAntialias = true };
        for (int i = 0; i < frames.Count; i++)
        {
            float left = i % columns * SheetCellWidth, top = i / columns * cellHeight;
            canvas.DrawText(captions[i], left + 6, top + CaptionHeight - 7, font, ink);
            var target = SKRect.Create(left, top + CaptionHeight, (float)(frames[i].Width * scale), (float)(frames[i].Height * scale));
            using SKImage image = SKImage.FromBitmap(frames[i]);
            canvas.DrawImage(image, target, new SKSamplingOptions(SKCubicResampler.Mitchell), sampling);
        }

        return sheet;
    }

    /// <summary>
    /// Each frame drawn onto a white canvas of the largest frame's size (top left), as PNG: an animation's frames must
    /// share one size, and a map's figure grows with its legend.
    /// </summary>
    public static IReadOnlyList<byte[]> AnimationFrames(IReadOnlyList<SKBitmap> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        int width = frames.Max(frame => frame.Width), height = frames.Max(frame => frame.Height);
        var encoded = new List<byte[]>(frames.Count);
        foreach (SKBitmap frame in frames)
        {
            using var canvasBitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
            using (var canvas = new SKCanvas(canvasBitmap))
            {
                canvas.Clear(SKColors.White);
                canvas.DrawBitmap(frame, 0, 0);
            }

            using SKData data = canvasBitmap.Encode(SKEncodedImageFormat.Png, 100);
            encoded.Add(data.ToArray());
        }

        return encoded;
    }
}
