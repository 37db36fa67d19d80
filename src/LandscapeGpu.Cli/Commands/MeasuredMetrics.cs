using System.Diagnostics;
using System.Globalization;
using LandscapeGpu.Metrics;

namespace LandscapeGpu.Cli.Commands;

/// <summary>A map's basin metrics with the time they took, and the footer lines that print them.</summary>
/// <param name="Metrics">The metrics; null when the grid holds no box of <paramref name="BoxSide"/>.</param>
/// <param name="BoxSide">The entropy box side asked for.</param>
/// <param name="Width">Grid width.</param>
/// <param name="Height">Grid height.</param>
/// <param name="Seconds">Wall-clock seconds the metrics took.</param>
public sealed record MeasuredMetrics(BasinMetrics? Metrics, int BoxSide, int Width, int Height, double Seconds)
{
    /// <summary>Times <paramref name="compute"/>, or skips it when a <paramref name="width"/> x <paramref name="height"/> grid holds no box.</summary>
    public static MeasuredMetrics Of(int width, int height, int boxSide, Func<BasinMetrics> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        if (!BasinMetrics.FitsIn(width, height, boxSide))
        {
            return new MeasuredMetrics(null, boxSide, width, height, 0);
        }

        return Timed(compute) with { Width = width, Height = height };
    }

    /// <summary>Times <paramref name="compute"/>, which throws when its box side does not fit its grid.</summary>
    public static MeasuredMetrics Timed(Func<BasinMetrics> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var stopwatch = Stopwatch.StartNew();
        BasinMetrics metrics = compute();
        return new MeasuredMetrics(metrics, metrics.BoxSide, 0, 0, stopwatch.Elapsed.TotalSeconds);
    }

    /// <summary>Throws a usage error when a box side given on the command line cannot fit the grid.</summary>
    public static void Validate(int boxSide, int width, int height)
    {
        if (!BasinMetrics.FitsIn(width, height, boxSide))
        {
            throw new UsageException($"--box-side {boxSide} is invalid: it must be between {BasinMetrics.MinimumBoxSide} and the grid's shorter side ({Math.Min(width, height)} of {width}x{height})");
        }
    }

    /// <summary>The footer: basin entropy, uncertainty exponent and the time taken.</summary>
    public void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var culture = CultureInfo.InvariantCulture;
        if (Metrics is not { } metrics)
        {
            output.WriteLine($"basin metrics: none: the {Width}x{Height} grid holds no {BoxSide}x{BoxSide} box");
            return;
        }

        output.WriteLine(string.Create(culture,
            $"basin entropy Sb {metrics.BasinEntropy:0.0000}, boundary Sbb {metrics.BoundaryBasinEntropy:0.0000} ({metrics.BoundaryBoxes} of {metrics.Boxes} boxes of {metrics.BoxSide}x{metrics.BoxSide} on a boundary); " +
            $"fractal boundary: {(metrics.FractalBoundary ? "yes (Sbb > ln 2)" : "not shown (Sbb <= ln 2; the test is sufficient, not necessary)")}"));
        string sides = metrics.UncertaintyCurve.Count > 0 ? $"box sides 2 to {metrics.UncertaintyCurve[^1].Side}" : "no box side: grid under 16";
        string exponent = metrics.UncertaintyExponent is { } alpha
            ? string.Create(culture, $"uncertainty exponent alpha {alpha:0.000}, boundary dimension {2 - alpha:0.000}")
            : "uncertainty exponent: none (fewer than two box sides see a boundary)";
        output.WriteLine(string.Create(culture, $"{exponent} ({sides}); metrics took {Seconds:0.000} s"));
    }
}
