using System.Globalization;
using ScottPlot.TickGenerators;

namespace LandscapeGpu.Rendering.Figures;

/// <summary>Ticks of an axis that holds log10 of its values: ScottPlot 5 has no log scale, so a figure plots log10(v) and labels it with v.</summary>
public static class LogAxisTicks
{
    /// <summary>Ticks at 1, 2 and 5 times the powers of ten between 10^<paramref name="low"/> and 10^<paramref name="high"/>, labelled with the values.</summary>
    public static NumericManual Between(double low, double high)
    {
        var ticks = new NumericManual();
        for (int decade = (int)Math.Floor(low) - 1; decade <= (int)Math.Ceiling(high); decade++)
        {
            foreach (int mantissa in new[] { 1, 2, 5 })
            {
                double at = decade + Math.Log10(mantissa);
                if (at >= low && at <= high)
                {
                    ticks.AddMajor(at, (mantissa * Math.Pow(10, decade)).ToString("G3", CultureInfo.InvariantCulture));
                }
            }
        }

        return ticks;
    }
}
