namespace LandscapeGpu.Rendering.Figures;

/// <summary>
/// The local maxima of a 1-D cost curve inside an interval, which descents never reach and so a map does not list:
/// the curve is sampled, every interior sample higher than both neighbours brackets a maximum, and golden-section
/// search refines it in float64.
/// </summary>
public static class CurveMaxima
{
    /// <summary>Samples taken across the interval.</summary>
    public const int Samples = 4096;

    /// <summary>Golden-section search stops when its bracket is this fraction of the interval.</summary>
    public const double Resolution = 1e-10;

    /// <summary>The maxima of <paramref name="loss"/> strictly inside [<paramref name="x0"/>, <paramref name="x1"/>], left to right, as (x, loss).</summary>
    public static IReadOnlyList<(double X, double Loss)> Find(Func<double, double> loss, double x0, double x1)
    {
        ArgumentNullException.ThrowIfNull(loss);
        double step = (x1 - x0) / (Samples - 1);
        var values = new double[Samples];
        for (int i = 0; i < Samples; i++)
        {
            values[i] = loss(x0 + i * step);
        }

        var maxima = new List<(double, double)>();
        for (int i = 1; i < Samples - 1; i++)
        {
            // A flat top spanning several samples is found once, at its first sample.
            if (values[i] > values[i - 1] && values[i] >= values[i + 1] && double.IsFinite(values[i]))
            {
                double x = Refine(loss, x0 + (i - 1) * step, x0 + (i + 1) * step, Resolution * (x1 - x0));
                maxima.Add((x, loss(x)));
            }
        }

        return maxima;
    }

    private static double Refine(Func<double, double> loss, double low, double high, double resolution)
    {
        double ratio = (Math.Sqrt(5) - 1) / 2;
        double a = high - ratio * (high - low), b = low + ratio * (high - low);
        double fa = loss(a), fb = loss(b);
        while (high - low > resolution)
        {
            if (fa >= fb)
            {
                high = b;
                b = a;
                fb = fa;
                a = high - ratio * (high - low);
                fa = loss(a);
            }
            else
            {
                low = a;
                a = b;
                fa = fb;
                b = low + ratio * (high - low);
                fb = loss(b);
            }
        }

        return (low + high) / 2;
    }
}
