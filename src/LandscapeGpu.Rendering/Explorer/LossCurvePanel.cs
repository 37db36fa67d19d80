using System.Globalization;
using LandscapeGpu.Descents;
using LandscapeGpu.Rendering.Figures;
using ScottPlot;
using SkiaSharp;

namespace LandscapeGpu.Rendering.Explorer;

/// <summary>What the loss-curve panel plots: loss against step, on a log axis or a linear one.</summary>
/// <param name="Steps">The step of each point.</param>
/// <param name="Losses">The loss at each step, in float64 (non-finite where the descent diverged).</param>
/// <param name="Logarithmic">Whether the loss axis is logarithmic (see <see cref="LossCurvePanel.IsLogarithmic"/>).</param>
/// <param name="Outcome">How the descent ended.</param>
public sealed record LossCurve(IReadOnlyList<int> Steps, IReadOnlyList<double> Losses, bool Logarithmic, DescentOutcome Outcome)
{
    /// <summary>The curve of <paramref name="trajectory"/>: each point's step and loss.</summary>
    public static LossCurve Of(Trajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var steps = new int[trajectory.Points.Count];
        var losses = new double[trajectory.Points.Count];
        for (int i = 0; i < steps.Length; i++)
        {
            steps[i] = trajectory.StepOf(i);
            losses[i] = trajectory.Points[i].Loss;
        }

        return new LossCurve(steps, losses, LossCurvePanel.IsLogarithmic(losses), trajectory.Outcome);
    }
}

/// <summary>
/// The view's loss-curve panel: the loss of a clicked start's descent against the step, drawn with the figures'
/// plotting library (ScottPlot on SkiaSharp) into a small opaque RGBA picture that the window composites over the
/// map's top-left corner (<see cref="Gl.OverlayImage"/>). ScottPlot has no log scale: a log axis plots log10 of the
/// loss and labels its ticks with the loss.
/// </summary>
public static class LossCurvePanel
{
    /// <summary>The panel's width in pixels.</summary>
    public const int Width = 300;

    /// <summary>The panel's height in pixels.</summary>
    public const int Height = 180;

    /// <summary>The loss axis is logarithmic when every loss is positive and the largest is at least this many decades above the smallest.</summary>
    public const double LogarithmicDecades = 2;

    /// <summary>Font size of the panel's labels, in pixels.</summary>
    public const float FontSize = 11;

    /// <summary>Ticks of a log loss axis are at least this many pixels apart.</summary>
    public const double LogTickSpacing = 22;

    // About how much of the panel's height the title, the step axis and its label take.
    private const int PlotMargins = 70;

    /// <summary>
    /// Where the panel goes in a window whose map fills <paramref name="dataArea"/>: its top-left corner's pixel, at
    /// <paramref name="inset"/> pixels from the data area's top-left corner (the legend takes the top-right one, the
    /// hover panel the bottom-left), or from its bottom-right corner when fewer of the path's points
    /// (<paramref name="pathPixels"/>, window pixels from the top-left) lie there, so the panel hides little of the path.
    /// </summary>
    public static (int Left, int Top) Place(PixelRect dataArea, IReadOnlyList<(double X, double Y)> pathPixels, int inset)
    {
        ArgumentNullException.ThrowIfNull(pathPixels);
        var topLeft = ((int)dataArea.Left + inset, (int)dataArea.Top + inset);
        var bottomRight = ((int)dataArea.Right - inset - Width, (int)dataArea.Bottom - inset - Height);
        int Covered((int Left, int Top) corner) => pathPixels.Count(p => p.X >= corner.Left && p.X < corner.Left + Width && p.Y >= corner.Top && p.Y < corner.Top + Height);
        return Covered(bottomRight) < Covered(topLeft) ? bottomRight : topLeft;
    }

    /// <summary>
    /// Whether a curve of <paramref name="losses"/> is drawn on a log axis: when the finite losses are all positive and
    /// span at least <see cref="LogarithmicDecades"/> decades (a descent to a zero minimum, whose convergence a linear
    /// axis would flatten into its last steps); a linear one otherwise (a loss at or below zero has no logarithm).
    /// </summary>
    public static bool IsLogarithmic(IReadOnlyList<double> losses)
    {
        ArgumentNullException.ThrowIfNull(losses);
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (double loss in losses)
        {
            if (!double.IsFinite(loss))
            {
                continue;
            }

            if (loss <= 0)
            {
                return false;
            }

            low = Math.Min(low, loss);
            high = Math.Max(high, loss);
        }

        return high >= low * Math.Pow(10, LogarithmicDecades);
    }

    /// <summary>The panel's title: steps and outcome.</summary>
    public static string TitleOf(LossCurve curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        string outcome = curve.Outcome switch
        {
            DescentOutcome.Converged => "converged",
            DescentOutcome.Diverged => "diverged",
            _ => "not converged",
        };
        int steps = curve.Steps.Count == 0 ? 0 : curve.Steps[^1];
        double last = curve.Losses.Count == 0 ? double.NaN : curve.Losses[^1];
        return string.Create(CultureInfo.InvariantCulture, $"loss: {steps} steps, {outcome}, f = {last:G4}");
    }

    /// <summary>
    /// Draws <paramref name="curve"/>: opaque premultiplied RGBA bytes (<see cref="Width"/> x <see cref="Height"/>),
    /// top row first. Points whose loss is not finite (a diverged descent) are left out of the line.
    /// </summary>
    public static byte[] Draw(LossCurve curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i < curve.Steps.Count; i++)
        {
            double loss = curve.Losses[i];
            if (double.IsFinite(loss) && (!curve.Logarithmic || loss > 0))
            {
                xs.Add(curve.Steps[i]);
                ys.Add(curve.Logarithmic ? Math.Log10(loss) : loss);
            }
        }

        var plot = new Plot();
        plot.Font.Set(BasinFigure.FontName);
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.08);
        plot.Title(TitleOf(curve), FontSize + 1);
        plot.XLabel("step", FontSize);
        plot.YLabel(curve.Logarithmic ? "loss (log)" : "loss", FontSize);
        plot.Axes.Bottom.TickLabelStyle.FontSize = FontSize - 1;
        plot.Axes.Left.TickLabelStyle.FontSize = FontSize - 1;
        if (xs.Count > 0)
        {
            var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), new Color(31, 119, 180));
            line.LineWidth = 1.5f;
            line.MarkerSize = xs.Count <= 60 ? 3 : 0;
            double low = ys.Min(), high = ys.Max();
            double margin = Math.Max(0.05 * (high - low), curve.Logarithmic ? 0.05 : Math.Max(1e-12, 0.05 * Math.Abs(high)));
            double first = xs[0], end = Math.Max(xs[^1], first + 1);
            plot.Axes.SetLimits(first, end, low - margin, high + margin);
            if (curve.Logarithmic)
            {
                // The view's own log ticks: every decade, or every 2nd, 5th, ... so that labels do not crowd a small panel.
                IReadOnlyList<AxisTick> ticks = AxisTicks.Logarithmic(low - margin, high + margin, Height - PlotMargins, LogTickSpacing);
                plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.Select(t => t.Position).ToArray(), ticks.Select(t => t.Label).ToArray());
            }
        }

        var info = new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var pixels = new byte[4 * Width * Height];
        using (SKSurface surface = SKSurface.Create(info))
        {
            SKCanvas canvas = surface.Canvas;
            plot.Render(canvas, Width, Height);
            using (var border = new SKPaint { Color = SKColors.Gray, IsStroke = true, StrokeWidth = 1 })
            {
                canvas.DrawRect(0.5f, 0.5f, Width - 1, Height - 1, border);
            }

            canvas.Flush();
            ViewOverlay.ReadPixels(surface, info, pixels);
        }

        return pixels;
    }
}
