using System.Globalization;

namespace LandscapeGpu.Rendering.Explorer;

/// <summary>One tick of an axis: where it lies (in the axis's variable) and its label.</summary>
/// <param name="Position">The value at the tick.</param>
/// <param name="Label">The text drawn beside it.</param>
public readonly record struct AxisTick(double Position, string Label);

/// <summary>
/// The view's ticks: round steps (1, 2 or 5 times a power of ten) at most one per <c>minimumSpacing</c> pixels, and
/// labels with just the digits that tell neighbouring ticks apart, so that they follow the view down to float64's
/// resolution (a view 1e-9 wide about 3 is labelled 3.000000001, 3.000000002, ...).
/// </summary>
public static class AxisTicks
{
    /// <summary>The ticks of an axis from <paramref name="min"/> to <paramref name="max"/> over <paramref name="pixels"/> pixels, at least <paramref name="minimumSpacing"/> pixels apart.</summary>
    public static IReadOnlyList<AxisTick> For(double min, double max, double pixels, double minimumSpacing)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || !(max > min))
        {
            throw new ArgumentException($"an axis from {min} to {max} is not a finite, non-empty range");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minimumSpacing);
        double step = StepFor(max - min, Math.Max(1, Math.Floor(pixels / minimumSpacing)));
        double first = Math.Ceiling(min / step), last = Math.Floor(max / step);
        var ticks = new List<AxisTick>();
        for (double k = first; k <= last; k++)
        {
            double position = k * step;
            ticks.Add(new AxisTick(position, Label(position, step, Math.Max(Math.Abs(min), Math.Abs(max)))));
        }

        return ticks;
    }

    /// <summary>
    /// The ticks of a log axis viewed in u = log10 of its values, from u = <paramref name="min"/> to <paramref name="max"/>
    /// over <paramref name="pixels"/> pixels, at least <paramref name="minimumSpacing"/> apart, placed at u and labelled
    /// with the values: at 1, 2 and 5 times the powers of ten where those are far enough apart, else at powers of ten
    /// (every decade, or every 2nd, 5th, ...); a view too narrow for two of those gets round steps of the values.
    /// </summary>
    public static IReadOnlyList<AxisTick> Logarithmic(double min, double max, double pixels, double minimumSpacing)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || !(max > min))
        {
            throw new ArgumentException($"an axis from {min} to {max} is not a finite, non-empty range");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minimumSpacing);
        var culture = CultureInfo.InvariantCulture;
        var ticks = new List<AxisTick>();
        double pixelsPerDecade = pixels / (max - min);
        // 1 and 2 (and 5 and 10) are the closest of 1, 2, 5: log10(2) of a decade apart.
        if (pixelsPerDecade * Math.Log10(2) >= minimumSpacing)
        {
            for (double decade = Math.Floor(min); decade <= Math.Ceiling(max); decade++)
            {
                foreach (double multiple in new[] { 1.0, 2.0, 5.0 })
                {
                    double position = decade + Math.Log10(multiple);
                    if (position >= min && position <= max)
                    {
                        ticks.Add(new AxisTick(position, (multiple * Math.Pow(10, decade)).ToString("G3", culture)));
                    }
                }
            }
        }
        else
        {
            double decades = Math.Max(1, StepFor(max - min, Math.Max(1, Math.Floor(pixels / minimumSpacing))));
            for (double k = Math.Ceiling(min / decades); k * decades <= max; k++)
            {
                ticks.Add(new AxisTick(k * decades, Math.Pow(10, k * decades).ToString("G3", culture)));
            }
        }

        if (ticks.Count >= 2)
        {
            return ticks;
        }

        // Zoomed in within a factor of about 2: round steps of the values, spaced for the narrowest (at the top).
        double from = Math.Pow(10, min), to = Math.Pow(10, max);
        return For(from, to, pixels * from / to, minimumSpacing)
            .Select(tick => tick with { Position = Math.Log10(tick.Position) })
            .Where(tick => tick.Position >= min && tick.Position <= max)
            .ToList();
    }

    /// <summary>The smallest round step (1, 2 or 5 times a power of ten) that puts at most <paramref name="count"/> steps in <paramref name="span"/>.</summary>
    public static double StepFor(double span, double count)
    {
        double raw = span / count;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (double factor in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            // A relative slack: 0.30000000000000004 / 0.1 must still count as 3 steps.
            if (factor * magnitude >= raw * (1 - 1e-12))
            {
                return factor * magnitude;
            }
        }

        return 10 * magnitude;
    }

    /// <summary>
    /// <paramref name="value"/> with the significant digits that resolve <paramref name="step"/> at the axis's largest
    /// magnitude <paramref name="reach"/> (general format: exponents for very large and very small numbers).
    /// </summary>
    public static string Label(double value, double step, double reach)
    {
        if (Math.Abs(value) < 1e-9 * step)
        {
            return "0";
        }

        int digits = (int)Math.Clamp(Math.Floor(Math.Log10(Math.Max(reach, Math.Abs(value)))) - Math.Floor(Math.Log10(step)) + 1, 1, 17);
        return value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
