using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace LandscapeGpu.Rendering.Figures;

/// <summary>Tick generators for the figures' axes.</summary>
public static class AxisTicks
{
    /// <summary>
    /// Ticks of a log axis drawn in log10 of its values, from <paramref name="from"/> to <paramref name="to"/> (both
    /// positive): labelled major ticks at the powers of ten, or at 1, 2 and 5 times them where the range spans fewer
    /// than two decades, and unlabelled minor ticks at every whole multiple of a power of ten in between.
    /// </summary>
    public static ITickGenerator Logarithmic(double from, double to)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(from);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(to, from);
        var ticks = new NumericManual();
        int firstDecade = (int)Math.Floor(Math.Log10(from)), lastDecade = (int)Math.Ceiling(Math.Log10(to));
        bool decadesOnly = lastDecade - firstDecade > 2;
        for (int decade = firstDecade; decade <= lastDecade; decade++)
        {
            for (int multiple = 1; multiple <= 9; multiple++)
            {
                double value = multiple * Math.Pow(10, decade);
                if (value < from * (1 - 1e-12) || value > to * (1 + 1e-12))
                {
                    continue;
                }

                bool major = multiple == 1 || (!decadesOnly && multiple is 2 or 5);
                if (major)
                {
                    ticks.AddMajor(Math.Log10(value), value.ToString("G3", CultureInfo.InvariantCulture));
                }
                else
                {
                    ticks.AddMinor(Math.Log10(value));
                }
            }
        }

        return ticks;
    }
}
