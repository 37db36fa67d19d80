using System.Collections.Concurrent;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Devices;

/// <summary>
/// Chooses the SIMD engine's <see cref="SimdPlan"/> for each kind of problem by timing every candidate on a sample of
/// that problem's own starts, once per kind (the landscape's compiled type, the optimizer, the precision, the loop), the
/// way FFTW plans a transform by timing its candidates. Every plan computes every lane bit for bit alike (tested), so
/// the choice changes the speed of a run, never its results.
/// </summary>
/// <remarks>
/// A kind is timed only once it has spent <see cref="TuneAfter"/> descending with the default plan (or when asked,
/// as <c>landscape bench</c> does): timing compiles every candidate, a cost a short run would not win back (a default
/// 512 x 512 map takes a few milliseconds of descents). Why timed rather than fixed: on an AMD Zen 4, whose 512-bit operations run as two halves on 256-bit units,
/// 512-bit lanes ran himmelblau with gd 1.5x faster (twice the starts in flight hide a step's latency) and Adam, sines
/// and tanh 1.2 to 1.4x slower; calling the gradient rather than inlining it made small polynomials 3 to 5x slower
/// and Muller-Brown's formula 3.5x faster. Other CPUs differ again.
/// </remarks>
/// <param name="candidates">The plans to choose from; the first is run while no timing has decided.</param>
/// <param name="clock">Times the samples; <see cref="TimeProvider.System"/> unless a test gives a clock of its own.</param>
internal sealed class SimdPlanTuner(IReadOnlyList<SimdPlan> candidates, TimeProvider? clock = null)
{
    /// <summary>Each plan's sample must take this long (the best of <see cref="Rounds"/>) for the timing to decide.</summary>
    public static readonly TimeSpan MinimumSampleTime = TimeSpan.FromMilliseconds(2);

    private const int Rounds = 3;

    private const int Segments = 8;

    private const int FirstSegmentStarts = 256;

    /// <summary>How long a kind of problem descends with the default plan before its plans are timed.</summary>
    public static readonly TimeSpan TuneAfter = TimeSpan.FromSeconds(0.2);

    private readonly TimeProvider clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<ProblemKind, SimdPlan> choices = new();
    private readonly ConcurrentDictionary<ProblemKind, TimeSpan> untimedWork = new();

    /// <summary>The plan for runs whose timing has not decided yet (or cannot, on a tile too small to time).</summary>
    public SimdPlan Default => candidates[0];

    /// <summary>The plan chosen for <paramref name="problem"/>'s kind, or null while none is.</summary>
    public SimdPlan? ChosenFor(DescentProblem problem) =>
        candidates.Count == 1 ? candidates[0] : choices.TryGetValue(ProblemKind.Of(problem), out SimdPlan plan) ? plan : null;

    /// <summary>
    /// The plan to run <paramref name="tile"/> of <paramref name="problem"/> with: the one chosen for its kind; else,
    /// once the kind has descended for <see cref="TuneAfter"/> (see <see cref="Record"/>) or when
    /// <paramref name="timeNow"/>, the fastest candidate on samples of this tile timed with <paramref name="runSample"/>,
    /// which descends one sample tile with a given plan (its results are thrown away); else <see cref="Default"/>. A
    /// tile whose whole work takes less than <see cref="MinimumSampleTime"/> cannot decide: it runs with the default.
    /// </summary>
    public SimdPlan Choose(DescentProblem problem, TileSpec tile, Action<SimdPlan, TileSpec> runSample, bool timeNow = false)
    {
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        var kind = ProblemKind.Of(problem);
        if (choices.TryGetValue(kind, out SimdPlan chosen))
        {
            return chosen;
        }

        if (!timeNow && untimedWork.GetValueOrDefault(kind) < TuneAfter)
        {
            return Default;
        }

        // The first pass compiles every plan's code, so that no timed round includes the JIT.
        TileSpec[] sample = Sample(tile, FirstSegmentStarts);
        foreach (SimdPlan plan in candidates)
        {
            Time(sample, plan, runSample);
        }

        var best = new TimeSpan[candidates.Count];
        for (int segmentStarts = FirstSegmentStarts; ; segmentStarts *= 2)
        {
            sample = Sample(tile, segmentStarts);
            Array.Fill(best, TimeSpan.MaxValue);
            for (int round = 0; round < Rounds; round++)
            {
                for (int candidate = 0; candidate < candidates.Count; candidate++)
                {
                    TimeSpan time = Time(sample, candidates[candidate], runSample);
                    best[candidate] = time < best[candidate] ? time : best[candidate];
                }
            }

            if (best.Min() >= MinimumSampleTime)
            {
                return choices.GetOrAdd(kind, candidates[Array.IndexOf(best, best.Min())]);
            }

            if (sample.Length == 1 && sample[0] == tile)
            {
                return Default;
            }
        }
    }

    /// <summary>Counts <paramref name="elapsed"/> of descents of <paramref name="problem"/>'s kind while no plan is chosen for it.</summary>
    public void Record(DescentProblem problem, TimeSpan elapsed)
    {
        if (candidates.Count > 1)
        {
            var kind = ProblemKind.Of(problem);
            if (!choices.ContainsKey(kind))
            {
                untimedWork.AddOrUpdate(kind, elapsed, (_, sum) => sum + elapsed);
            }
        }
    }

    // Segments of about segmentStarts starts (part of a row, or whole rows), spread evenly over the tile so that the
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
            int rows = Math.Min(Math.Max(1, segmentStarts / tile.Width), tile.Height);
            column = Math.Min(column, tile.Width - width);
            row = Math.Min(row, tile.Height - rows);
            segments[segment] = new TileSpec(tile.X + column, tile.Y + row, width, rows);
        }

        return segments;
    }

    private TimeSpan Time(TileSpec[] sample, SimdPlan plan, Action<SimdPlan, TileSpec> runSample)
    {
        long started = clock.GetTimestamp();
        foreach (TileSpec segment in sample)
        {
            runSample(plan, segment);
        }

        return clock.GetElapsedTime(started);
    }

    // What decides the speed of a plan: the code the engine compiles (landscape type, optimizer, number type, loop).
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
