using System.Collections.Concurrent;
using System.Diagnostics;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Devices;

/// <summary>
/// Chooses the SIMD engine's lane width for each kind of problem by timing both widths on a sample of that problem's
/// own starts, once per kind (the landscape's compiled type, the optimizer, the precision, the loop), the way FFTW
/// plans a transform by timing its candidates. Both widths compute every lane bit for bit alike (tested), so the
/// choice changes the speed of a run, never its results.
/// </summary>
/// <remarks>
/// Why timed rather than fixed: on an AMD Zen 4, whose 512-bit operations run as two halves on 256-bit units,
/// 512-bit lanes ran himmelblau with gd 1.5x faster (twice the starts in flight hide a step's latency) and Adam, sines
/// and tanh 1.2 to 1.4x slower; other CPUs differ again.
/// </remarks>
/// <param name="has512">Whether the CPU runs 512-bit vectors natively; where not, 256 bits are always chosen.</param>
internal sealed class SimdWidthTuner(bool has512)
{
    /// <summary>Each width's sample must take this long (the best of <see cref="Rounds"/>) for the timing to decide.</summary>
    public static readonly TimeSpan MinimumSampleTime = TimeSpan.FromMilliseconds(2);

    private const int Rounds = 3;

    private const int Segments = 8;

    private const int FirstSegmentStarts = 256;

    private readonly ConcurrentDictionary<ProblemKind, SimdWidth> choices = new();

    /// <summary>The width for runs whose timing has not decided yet (or cannot, on a tile too small to time).</summary>
    public SimdWidth Default => has512 ? SimdWidth.Bits512 : SimdWidth.Bits256;

    /// <summary>The width chosen for <paramref name="problem"/>'s kind, or null while none is.</summary>
    public SimdWidth? ChosenFor(DescentProblem problem) =>
        has512 ? (choices.TryGetValue(ProblemKind.Of(problem), out SimdWidth width) ? width : null) : SimdWidth.Bits256;

    /// <summary>
    /// The width to run <paramref name="tile"/> of <paramref name="problem"/> with: the one chosen for its kind, or
    /// else the faster of the two on samples of this tile timed with <paramref name="runSample"/>, which descends one
    /// sample tile at a given width (its results are thrown away). A tile whose whole work takes less than
    /// <see cref="MinimumSampleTime"/> runs at <see cref="Default"/> and leaves the choice to a later, larger tile.
    /// </summary>
    public SimdWidth Choose(DescentProblem problem, TileSpec tile, Action<SimdWidth, TileSpec> runSample)
    {
        if (!has512)
        {
            return SimdWidth.Bits256;
        }

        var kind = ProblemKind.Of(problem);
        if (choices.TryGetValue(kind, out SimdWidth chosen))
        {
            return chosen;
        }

        // The first pass compiles both widths' code, so that no timed round includes the JIT.
        TileSpec[] sample = Sample(tile, FirstSegmentStarts);
        Time(sample, SimdWidth.Bits256, runSample);
        Time(sample, SimdWidth.Bits512, runSample);
        for (int segmentStarts = FirstSegmentStarts; ; segmentStarts *= 2)
        {
            sample = Sample(tile, segmentStarts);
            TimeSpan narrow = TimeSpan.MaxValue, wide = TimeSpan.MaxValue;
            for (int round = 0; round < Rounds; round++)
            {
                narrow = Min(narrow, Time(sample, SimdWidth.Bits256, runSample));
                wide = Min(wide, Time(sample, SimdWidth.Bits512, runSample));
            }

            if (Min(narrow, wide) >= MinimumSampleTime)
            {
                return choices.GetOrAdd(kind, wide < narrow ? SimdWidth.Bits512 : SimdWidth.Bits256);
            }

            if (sample.Length == 1 && sample[0] == tile)
            {
                return Default;
            }
        }
    }

    // Segments of up to segmentStarts consecutive starts, each within one row, spread evenly over the tile so that the
    // sample sees its regions in proportion (a corner that diverges at once is not the whole sample); the whole tile
    // once the segments would cover it.
    private static TileSpec[] Sample(TileSpec tile, int segmentStarts)
    {
        if ((long)Segments * segmentStarts >= tile.Count)
        {
            return [tile];
        }

        var segments = new TileSpec[Segments];
        for (int segment = 0; segment < Segments; segment++)
        {
            long start = (2L * segment + 1) * tile.Count / (2 * Segments);
            int row = (int)(start / tile.Width);
            int column = (int)(start % tile.Width);
            int width = Math.Min(segmentStarts, tile.Width);
            column = Math.Min(column, tile.Width - width);
            segments[segment] = new TileSpec(tile.X + column, tile.Y + row, width, 1);
        }

        return segments;
    }

    private static TimeSpan Time(TileSpec[] sample, SimdWidth width, Action<SimdWidth, TileSpec> runSample)
    {
        long started = Stopwatch.GetTimestamp();
        foreach (TileSpec segment in sample)
        {
            runSample(width, segment);
        }

        return Stopwatch.GetElapsedTime(started);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    // What decides the speed of a width: the code the engine compiles (landscape type, optimizer, number type, loop).
    private readonly record struct ProblemKind(Type Landscape, OptimizerKind Optimizer, Precision Precision, bool FixedSteps)
    {
        public static ProblemKind Of(DescentProblem problem) =>
            new(problem.Landscape.Accept(new LandscapeTypeOf()), problem.Optimizer.Kind, problem.Precision, problem.FixedSteps);
    }

    private sealed class LandscapeTypeOf : ILandscapeVisitor<Type>
    {
        public Type Visit<TLandscape>(TLandscape landscape) where TLandscape : struct, ILandscape => typeof(TLandscape);
    }
}
