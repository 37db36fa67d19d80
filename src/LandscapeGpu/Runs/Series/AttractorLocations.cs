using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Runs.Series;

/// <summary>An attractor of one run as a series reads it: where it is, what it is and the share of starts it took.</summary>
/// <param name="X">x.</param>
/// <param name="Y">y.</param>
/// <param name="Kind">Its kind as summary.json names it (minimum, saddle, valley, ...).</param>
/// <param name="Fraction">Share of the run's starts that reached it.</param>
public readonly record struct FrameAttractor(double X, double Y, string Kind, double Fraction);

/// <summary>One attractor followed across the runs of a series: matched by <see cref="AttractorLocations.KeyOf"/>.</summary>
/// <param name="Key">The quantised location shared by every run's copy of it.</param>
/// <param name="X">x where it was first seen.</param>
/// <param name="Y">y where it was first seen.</param>
/// <param name="Kind">Its kind where it was first seen.</param>
public sealed record TrackedAttractor((long X, long Y) Key, double X, double Y, string Kind);

/// <summary>
/// Matches attractors across runs over one landscape by location, the rule the figures' colours follow
/// (LandscapeGpu.Rendering's AttractorColours): a location is quantised to a grid of <see cref="LocationQuantum"/> of
/// the landscape's usual box (its largest side), and two attractors with the same quantised location are one. A
/// point lying exactly on a cell's edge could in principle fall on either side in two runs.
/// </summary>
public static class AttractorLocations
{
    /// <summary>Width of a location cell as a fraction of the usual box's largest side: the colours' quantum.</summary>
    public const double LocationQuantum = 1e-3;

    /// <summary>The quantised location of (<paramref name="x"/>, <paramref name="y"/>) on <paramref name="usualBox"/>'s grid; a non-finite coordinate keys as long.MaxValue.</summary>
    public static (long X, long Y) KeyOf(double x, double y, Box usualBox)
    {
        double cell = LocationQuantum * Math.Max(Math.Max(usualBox.Width, usualBox.Height), 1e-12);
        return (Quantise(x, cell), Quantise(y, cell));
    }

    /// <summary>
    /// Every attractor of <paramref name="runs"/> once, in the order first seen (run by run, each run's attractors in
    /// its own order), and for each run the fraction of each tracked attractor (0 where the run has none there; the
    /// fractions of a run's attractors that share a location are summed).
    /// </summary>
    public static (IReadOnlyList<TrackedAttractor> Tracked, double[][] Fractions) Match(IReadOnlyList<IReadOnlyList<FrameAttractor>> runs, Box usualBox)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var tracked = new List<TrackedAttractor>();
        var index = new Dictionary<(long, long), int>();
        foreach (FrameAttractor attractor in runs.SelectMany(run => run))
        {
            var key = KeyOf(attractor.X, attractor.Y, usualBox);
            if (index.TryAdd(key, tracked.Count))
            {
                tracked.Add(new TrackedAttractor(key, attractor.X, attractor.Y, attractor.Kind));
            }
        }

        var fractions = new double[runs.Count][];
        for (int run = 0; run < runs.Count; run++)
        {
            fractions[run] = new double[tracked.Count];
            foreach (FrameAttractor attractor in runs[run])
            {
                fractions[run][index[KeyOf(attractor.X, attractor.Y, usualBox)]] += attractor.Fraction;
            }
        }

        return (tracked, fractions);
    }

    private static long Quantise(double value, double cell) =>
        double.IsFinite(value) ? (long)Math.Round(Math.Clamp(value / cell, -1e15, 1e15)) : long.MaxValue;
}
