using System.Collections.Concurrent;
using System.Numerics;
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
/// <para>
/// The timing costs at most about <see cref="TimingBudget"/> however slow the landscape, past two passes of one step
/// of its first sample (one compiles, one times; the least any timing can cost): a sample starts as one step of 512
/// starts and grows (steps first, up to the problem's, then starts) only until each plan's
/// sample takes <see cref="MinimumSampleTime"/>, and stops growing where the next size would overrun the budget. A
/// slow model is so timed on its first few hundred steps rather than on whole descents (which stalled one early level
/// of the view on <c>w2*tanh(w1*x)</c> for 3 to 15 s): what sets a plan's speed is mostly the cost of a step. Measured
/// (bench/RESULTS.md), 128 steps found every plan 2 to 7x slower on whole descents; where the plans ran within 10 to 25 %
/// of each other (Muller-Brown, Goldstein-Price with Adam) they picked one 7 to 23 % slower.
/// </para>
/// </remarks>
/// <param name="candidates">The plans to choose from; the first is run while no timing has decided.</param>
/// <param name="clock">Times the samples; <see cref="TimeProvider.System"/> unless a test gives a clock of its own.</param>
internal sealed class SimdPlanTuner(IReadOnlyList<SimdPlan> candidates, TimeProvider? clock = null)
{
    /// <summary>Each plan's sample must take this long (the best of up to <see cref="Rounds"/>) for the timing to decide.</summary>
    /// <remarks>
    /// Short samples, but many passes: on the loaded 2-core machine (load 20), samples grown to just past 2 ms and the
    /// best of as many passes as 0.1 s holds (five to seven) picked a 512-bit plan for <c>w2*tanh(w1*x)</c> in 24 of 24
    /// timings (the 256-bit ones run it 2.1x slower; the two 512-bit ones alike), where three passes of samples grown
    /// up to 16x past it (up to 8 ms) picked a 256-bit plan once in 12 and differed by 2x between timings.
    /// </remarks>
    public static readonly TimeSpan MinimumSampleTime = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// The most the timed samples of one kind may take together (the first, compiling pass of one step apart): a
    /// sample stops growing, and the rounds stop, where the next would overrun it.
    /// </summary>
    public static readonly TimeSpan TimingBudget = TimeSpan.FromSeconds(0.1);

    // Passes at the deciding size, as many as the budget holds: the more, the likelier each plan has one that no other
    // process interrupted (the view's own frames included).
    private const int Rounds = 8;

    private const int Segments = 8;

    // One chunk of the widest lanes (four groups of 16) per segment, so that no plan's sample is mostly padding.
    private const int FirstSegmentStarts = 64;

    // One step: the first timed pass of a very slow landscape then costs what the compiling pass does, and no more.
    private const int FirstSteps = 1;

    // A sample grows at most this much at once (towards MinimumSampleTime), so that one step cannot overrun the budget by much.
    private const int MaximumGrowth = 16;

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
    /// which descends one sample tile with a given plan for at most the given steps (its results are thrown away); else
    /// <see cref="Default"/>. A tile whose whole work takes less than <see cref="MinimumSampleTime"/> cannot decide: it
    /// runs with the default.
    /// </summary>
    public SimdPlan Choose(DescentProblem problem, TileSpec tile, Action<SimdPlan, TileSpec, int> runSample, bool timeNow = false)
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

        // The first pass compiles every plan's code, so that no timed pass includes the JIT; one step is enough.
        int segmentStarts = FirstSegmentStarts;
        TileSpec[] sample = Sample(tile, segmentStarts);
        foreach (SimdPlan plan in candidates)
        {
            Time(sample, 1, plan, runSample);
        }

        int steps = FirstSteps;
        var times = new TimeSpan[candidates.Count];
        TimeSpan spent = TimeSpan.Zero;
        while (true)
        {
            TimeSpan pass = TimePass(sample, steps, runSample, times);
            spent += pass;
            TimeSpan fastest = times.Min();
            if (fastest >= MinimumSampleTime)
            {
                break;
            }

            bool wholeTile = sample.Length == 1 && sample[0] == tile;
            if (wholeTile && steps == problem.MaxSteps)
            {
                return Default;
            }

            // Grow to about MinimumSampleTime for the fastest plan (not past it: the budget is better spent on more
            // passes), unless the next pass would overrun the budget (a sample that slow already tells the plans apart:
            // only plans far slower than the fastest make it so).
            double growth = fastest <= TimeSpan.Zero ? MaximumGrowth : Math.Clamp(1.1 * (MinimumSampleTime / fastest), 1.25, MaximumGrowth);
            if (spent + TypicalPass(times) * growth > TimingBudget)
            {
                break;
            }

            int grownSteps = (int)Math.Min(problem.MaxSteps, Math.Ceiling(steps * growth));
            double startsGrowth = steps * growth / grownSteps;
            segmentStarts = wholeTile || startsGrowth <= 1 ? segmentStarts
                : (int)Math.Min(tile.Count, (long)segmentStarts * (int)BitOperations.RoundUpToPowerOf2((uint)Math.Ceiling(startsGrowth)));
            steps = grownSteps;
            sample = Sample(tile, segmentStarts);
        }

        // The best of up to Rounds passes at the size that decided, as many as the budget leaves room for.
        var best = (TimeSpan[])times.Clone();
        for (int round = 1; round < Rounds && spent + TypicalPass(best) <= TimingBudget; round++)
        {
            spent += TimePass(sample, steps, runSample, times);
            for (int candidate = 0; candidate < best.Length; candidate++)
            {
                best[candidate] = times[candidate] < best[candidate] ? times[candidate] : best[candidate];
            }
        }

        return choices.GetOrAdd(kind, candidates[Array.IndexOf(best, best.Min())]);
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

    // What the next pass of the same size should take: the median plan's time for each plan, so that one sample that
    // lost the cores to another process (common on a loaded machine) does not stop the timing short.
    private static TimeSpan TypicalPass(TimeSpan[] times)
    {
        TimeSpan[] sorted = [.. times.Order()];
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2 * sorted.Length;
    }

    // Times every candidate once on the sample; returns the pass's whole time.
    private TimeSpan TimePass(TileSpec[] sample, int steps, Action<SimdPlan, TileSpec, int> runSample, TimeSpan[] times)
    {
        TimeSpan pass = TimeSpan.Zero;
        for (int candidate = 0; candidate < candidates.Count; candidate++)
        {
            times[candidate] = Time(sample, steps, candidates[candidate], runSample);
            pass += times[candidate];
        }

        return pass;
    }

    private TimeSpan Time(TileSpec[] sample, int steps, SimdPlan plan, Action<SimdPlan, TileSpec, int> runSample)
    {
        long started = clock.GetTimestamp();
        foreach (TileSpec segment in sample)
        {
            runSample(plan, segment, steps);
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
