using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Descents;

/// <summary>
/// The descent loop, written once: the ILGPU kernel runs it with two starts per thread, the SIMD engine with one
/// start per lane of two lane groups, and tests with a float64 scalar as the reference. Lanes that finish are frozen
/// in place by selection, so a lane's result never depends on its neighbours; the loop leaves as soon as every lane
/// of both groups is done.
/// </summary>
/// <remarks>
/// Why two groups ("chains") in one loop: one step of a descent is a chain of dependent operations (about 18 cycles
/// of latency for himmelblau), so one group alone leaves the floating-point units idle while it waits for its own
/// results. Two independent groups, written one after the other in the loop body, let the processor overlap them.
/// The statements for the two groups are spelled out side by side on purpose: passing the loop's values by
/// reference to a helper, or keeping them in a struct, was measured to move them from registers to memory and to
/// make the SIMD engine 2 to 5 times slower. A third group spilled registers and was slower than two.
/// </remarks>
// SkipLocalsInit: every local is assigned before it is read; zeroing the loop's vector state (about a kilobyte)
// on every call was measurable next to a 200-step descent.
[SkipLocalsInit]
public static class Descent
{
    /// <summary>
    /// Steps taken optimistically at once, with the per-step verdicts replaced by one cheap test (see
    /// <see cref="Run"/>): long enough to pay off, short enough that undoing a block when a lane finishes costs little.
    /// </summary>
    public const int BlockSteps = 8;

    /// <summary>Independent groups of starts <see cref="Run"/> descends at once (starts per GPU thread).</summary>
    public const int Groups = 2;

    /// <summary>Independent groups of starts <see cref="RunFixed"/> descends at once (starts per GPU thread).</summary>
    public const int FixedGroups = 4;

    /// <summary>The groups the loop of <paramref name="fixedSteps"/> (<see cref="RunFixed"/>, else <see cref="Run"/>) descends at once.</summary>
    public static int GroupsFor(bool fixedSteps) => fixedSteps ? FixedGroups : Groups;

    /// <summary>
    /// Descends the first group of starts (<paramref name="firstX"/>, <paramref name="firstY"/>) and the second
    /// (<paramref name="secondX"/>, <paramref name="secondY"/>), independently, for at most <paramref name="maxSteps"/>
    /// steps each. At step k the gradient is taken at w_k: a lane converges when |g|² &lt; <paramref name="tolerance2"/>,
    /// and diverges when |w|² is not below <paramref name="radius2"/> (NaN included); then w_k is its endpoint and k
    /// its step count. A lane still running after <paramref name="maxSteps"/> steps reports that count and
    /// <see cref="DescentOutcome.Unconverged"/>. Each lane's result is exactly what it would be alone.
    /// </summary>
    /// <remarks>
    /// Squared norms are computed as MultiplyAdd(a, a, b·b): one-lane kernel types round that exactly as a·a + b·b,
    /// SIMD types may fuse it. Steps are taken in optimistic blocks of <see cref="BlockSteps"/> that are undone and
    /// retaken one by one whenever a running lane would finish inside them, so results are those of the plain
    /// step-by-step loop while most steps skip its bookkeeping.
    /// </remarks>
    /// <param name="landscape">The cost surface.</param>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="memory">Where the optimizer's states live during the descent (see <see cref="DescentMemory{T}"/>); the loop starts them.</param>
    /// <param name="firstX">First group: starts in, endpoints out.</param>
    /// <param name="firstY">First group: starts in, endpoints out.</param>
    /// <param name="secondX">Second group: starts in, endpoints out.</param>
    /// <param name="secondY">Second group: starts in, endpoints out.</param>
    /// <param name="maxSteps">The step budget.</param>
    /// <param name="tolerance2">The squared gradient-norm tolerance.</param>
    /// <param name="radius2">The squared divergence radius.</param>
    /// <param name="firstStatus">The <see cref="DescentOutcome"/> of each lane of the first group, as a number.</param>
    /// <param name="firstSteps">The steps each lane of the first group took.</param>
    /// <param name="secondStatus">The same for the second group.</param>
    /// <param name="secondSteps">The same for the second group.</param>
    // Compiled once, fully optimized, as a method of its own: too large for the JIT to inline, and its tiered
    // re-compilation with on-stack replacement was measured to keep the SIMD state in memory.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TLandscape, TOptimizer, T>(
        in TLandscape landscape, in TOptimizer optimizer, ref DescentMemory<T> memory,
        ref T firstX, ref T firstY, ref T secondX, ref T secondY,
        int maxSteps, T tolerance2, T radius2,
        out T firstStatus, out T firstSteps, out T secondStatus, out T secondSteps)
        where TLandscape : struct, ILandscape
        where TOptimizer : struct, IOptimizer<T>
        where T : struct, IReal<T>
    {
        T half = T.Of(0.5);
        T zero = T.Of(0);
        T one = T.Of(1);
        T running = T.Of((double)DescentOutcome.Unconverged);
        DescentMemory<T>.Start(ref memory, TOptimizer.KeepsState);

        // The loop works on private copies (suffix A: first group, B: second), written back once at the end: a
        // by-reference parameter is a memory location to the JIT, and SIMD state that lives in memory was measured
        // to run several times slower.
        T xA = firstX, yA = firstY, xB = secondX, yB = secondY;
        T statusA = running, statusB = running;
        T stepsA = zero, stepsB = zero;
        int step = 0;
        for (;;)
        {
            // Optimistic block: BlockSteps steps with only a cheap record of whether any running lane would have
            // finished. If none would, the block is exactly what the step-by-step loop below computes for running
            // lanes, and it is kept (finished lanes are put back where they ended). Otherwise it is undone and the
            // same steps are taken one by one. Never used for the step that could be the last (step == maxSteps).
            if (step + BlockSteps <= maxSteps)
            {
                T blockXA = xA, blockYA = yA, blockXB = xB, blockYB = yB;
                if (TOptimizer.KeepsState)
                {
                    DescentMemory<T>.SaveBlock(ref memory);
                }

                T finishingA = zero, finishingB = zero;
                for (int inBlock = 0; inBlock < BlockSteps; inBlock++)
                {
                    landscape.Gradient(xA, yA, out T gradientXA, out T gradientYA);
                    landscape.Gradient(xB, yB, out T gradientXB, out T gradientYB);
                    finishingA = Finishing(xA, yA, gradientXA, gradientYA, finishingA, tolerance2, radius2, one);
                    finishingB = Finishing(xB, yB, gradientXB, gradientYB, finishingB, tolerance2, radius2, one);
                    T steppedXA = xA, steppedYA = yA, steppedXB = xB, steppedYB = yB;
                    optimizer.Advance(ref memory.Schedule);
                    optimizer.Step(landscape, memory.Schedule, ref memory.A, ref steppedXA, ref steppedYA, gradientXA, gradientYA);
                    optimizer.Step(landscape, memory.Schedule, ref memory.B, ref steppedXB, ref steppedYB, gradientXB, gradientYB);
                    xA = steppedXA;
                    yA = steppedYA;
                    xB = steppedXB;
                    yB = steppedYB;
                }

                if (T.AllLess(T.IfLess(statusA, half, finishingA, zero), half) && T.AllLess(T.IfLess(statusB, half, finishingB, zero), half))
                {
                    step += BlockSteps;
                    T lastStep = T.Of(step - 1);
                    stepsA = T.IfLess(statusA, half, lastStep, stepsA);
                    stepsB = T.IfLess(statusB, half, lastStep, stepsB);
                    xA = T.IfLess(statusA, half, xA, blockXA);
                    yA = T.IfLess(statusA, half, yA, blockYA);
                    xB = T.IfLess(statusB, half, xB, blockXB);
                    yB = T.IfLess(statusB, half, yB, blockYB);
                    continue;
                }

                xA = blockXA;
                yA = blockYA;
                xB = blockXB;
                yB = blockYB;
                if (TOptimizer.KeepsState)
                {
                    DescentMemory<T>.RestoreBlock(ref memory);
                }
            }

            for (int blockEnd = step + BlockSteps; step < blockEnd; step++)
            {
                landscape.Gradient(xA, yA, out T gradientXA, out T gradientYA);
                landscape.Gradient(xB, yB, out T gradientXB, out T gradientYB);

                // Only lanes still running (status < 0.5) take the verdict and count this step.
                T thisStep = T.Of(step);
                stepsA = T.IfLess(statusA, half, thisStep, stepsA);
                stepsB = T.IfLess(statusB, half, thisStep, stepsB);
                statusA = T.IfLess(statusA, half, Verdict(xA, yA, gradientXA, gradientYA, tolerance2, radius2), statusA);
                statusB = T.IfLess(statusB, half, Verdict(xB, yB, gradientXB, gradientYB, tolerance2, radius2), statusB);
                if ((T.AllLess(half, statusA) && T.AllLess(half, statusB)) || step == maxSteps)
                {
                    firstX = xA;
                    firstY = yA;
                    secondX = xB;
                    secondY = yB;
                    firstStatus = statusA;
                    firstSteps = stepsA;
                    secondStatus = statusB;
                    secondSteps = stepsB;
                    return;
                }

                T nextXA = xA, nextYA = yA, nextXB = xB, nextYB = yB;
                optimizer.Advance(ref memory.Schedule);
                optimizer.Step(landscape, memory.Schedule, ref memory.A, ref nextXA, ref nextYA, gradientXA, gradientYA);
                optimizer.Step(landscape, memory.Schedule, ref memory.B, ref nextXB, ref nextYB, gradientXB, gradientYB);
                xA = T.IfLess(statusA, half, nextXA, xA);
                yA = T.IfLess(statusA, half, nextYA, yA);
                xB = T.IfLess(statusB, half, nextXB, xB);
                yB = T.IfLess(statusB, half, nextYB, yB);
            }
        }
    }

    /// <summary>
    /// Takes exactly <paramref name="steps"/> steps from each of four groups of starts, with no early exit, and judges
    /// each lane where it ends: <see cref="DescentOutcome.Diverged"/> when |w|² is not below <paramref name="radius2"/>
    /// (NaN included), <see cref="DescentOutcome.Converged"/> when the gradient there has |g|² &lt; <paramref name="tolerance2"/>,
    /// else <see cref="DescentOutcome.Unconverged"/>. Every lane's step count is <paramref name="steps"/>.
    /// </summary>
    /// <remarks>
    /// The same landscape and optimizer code as <see cref="Run"/>, without its per-step bookkeeping: with nothing to
    /// check inside the loop, four independent groups fit the registers (two in <see cref="Run"/>), and the loop runs
    /// at the floating-point units' throughput rather than at one chain's latency. A lane that never finishes in
    /// <see cref="Run"/> ends at exactly the same point here.
    /// </remarks>
    /// <param name="landscape">The cost surface.</param>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="memory">Where the optimizer's states live during the descent (see <see cref="DescentMemory{T}"/>); the loop starts them.</param>
    /// <param name="x0">Group 0: starts in, endpoints out.</param>
    /// <param name="y0">Group 0: starts in, endpoints out.</param>
    /// <param name="x1">Group 1.</param>
    /// <param name="y1">Group 1.</param>
    /// <param name="x2">Group 2.</param>
    /// <param name="y2">Group 2.</param>
    /// <param name="x3">Group 3.</param>
    /// <param name="y3">Group 3.</param>
    /// <param name="steps">The steps every lane takes.</param>
    /// <param name="tolerance2">The squared gradient-norm tolerance of the final verdict.</param>
    /// <param name="radius2">The squared divergence radius of the final verdict.</param>
    /// <param name="status0">The <see cref="DescentOutcome"/> of each lane of group 0, as a number.</param>
    /// <param name="status1">Group 1's outcomes.</param>
    /// <param name="status2">Group 2's outcomes.</param>
    /// <param name="status3">Group 3's outcomes.</param>
    // Compiled once, fully optimized, as a method of its own, like Run.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunFixed<TLandscape, TOptimizer, T>(
        in TLandscape landscape, in TOptimizer optimizer, ref DescentMemory<T> memory,
        ref T x0, ref T y0, ref T x1, ref T y1, ref T x2, ref T y2, ref T x3, ref T y3,
        int steps, T tolerance2, T radius2, out T status0, out T status1, out T status2, out T status3)
        where TLandscape : struct, ILandscape
        where TOptimizer : struct, IOptimizer<T>
        where T : struct, IReal<T>
    {
        DescentMemory<T>.Start(ref memory, TOptimizer.KeepsState);

        // Private copies, as in Run; each Step works on fresh copies so that no loop value has its address taken.
        T xA = x0, yA = y0, xB = x1, yB = y1, xC = x2, yC = y2, xD = x3, yD = y3;
        for (int step = 0; step < steps; step++)
        {
            optimizer.Advance(ref memory.Schedule);
            landscape.Gradient(xA, yA, out T gradientXA, out T gradientYA);
            T nextXA = xA, nextYA = yA;
            optimizer.Step(landscape, memory.Schedule, ref memory.A, ref nextXA, ref nextYA, gradientXA, gradientYA);
            xA = nextXA;
            yA = nextYA;
            landscape.Gradient(xB, yB, out T gradientXB, out T gradientYB);
            T nextXB = xB, nextYB = yB;
            optimizer.Step(landscape, memory.Schedule, ref memory.B, ref nextXB, ref nextYB, gradientXB, gradientYB);
            xB = nextXB;
            yB = nextYB;
            landscape.Gradient(xC, yC, out T gradientXC, out T gradientYC);
            T nextXC = xC, nextYC = yC;
            optimizer.Step(landscape, memory.Schedule, ref memory.C, ref nextXC, ref nextYC, gradientXC, gradientYC);
            xC = nextXC;
            yC = nextYC;
            landscape.Gradient(xD, yD, out T gradientXD, out T gradientYD);
            T nextXD = xD, nextYD = yD;
            optimizer.Step(landscape, memory.Schedule, ref memory.D, ref nextXD, ref nextYD, gradientXD, gradientYD);
            xD = nextXD;
            yD = nextYD;
        }

        status0 = FinalVerdict(landscape, xA, yA, tolerance2, radius2);
        status1 = FinalVerdict(landscape, xB, yB, tolerance2, radius2);
        status2 = FinalVerdict(landscape, xC, yC, tolerance2, radius2);
        status3 = FinalVerdict(landscape, xD, yD, tolerance2, radius2);
        x0 = xA;
        y0 = yA;
        x1 = xB;
        y1 = yB;
        x2 = xC;
        y2 = yC;
        x3 = xD;
        y3 = yD;
    }

    /// <summary>
    /// Descends one group of starts: <see cref="Run"/>
    /// with the same starts in both groups, so it does the work twice. For references and single paths, where
    /// speed does not matter and the results must be exactly those of the engines.
    /// </summary>
    /// <param name="landscape">The cost surface.</param>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="x">Start in, endpoint out.</param>
    /// <param name="y">Start in, endpoint out.</param>
    /// <param name="maxSteps">The step budget.</param>
    /// <param name="tolerance2">The squared gradient-norm tolerance.</param>
    /// <param name="radius2">The squared divergence radius.</param>
    /// <param name="status">The <see cref="DescentOutcome"/> of each lane, as a number.</param>
    /// <param name="steps">The steps each lane took.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void RunSingle<TLandscape, TOptimizer, T>(
        in TLandscape landscape, in TOptimizer optimizer, ref T x, ref T y,
        int maxSteps, T tolerance2, T radius2, out T status, out T steps)
        where TLandscape : struct, ILandscape
        where TOptimizer : struct, IOptimizer<T>
        where T : struct, IReal<T>
    {
        T twinX = x, twinY = y;
        var memory = default(DescentMemory<T>);
        Run(landscape, optimizer, ref memory, ref x, ref y, ref twinX, ref twinY, maxSteps, tolerance2, radius2, out status, out steps, out _, out _);
    }

    // 1 in lanes that would finish at this step (converge, or leave the radius), else the running record.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Finishing<T>(T x, T y, T gradientX, T gradientY, T finishing, T tolerance2, T radius2, T one)
        where T : struct, IReal<T>
    {
        finishing = T.IfLess(T.MultiplyAdd(x, x, y * y), radius2, finishing, one);
        return T.IfLess(T.MultiplyAdd(gradientX, gradientX, gradientY * gradientY), tolerance2, one, finishing);
    }

    // The outcome of a lane that stops at (x, y).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T FinalVerdict<TLandscape, T>(in TLandscape landscape, T x, T y, T tolerance2, T radius2)
        where TLandscape : struct, ILandscape
        where T : struct, IReal<T>
    {
        landscape.Gradient(x, y, out T gradientX, out T gradientY);
        return Verdict(x, y, gradientX, gradientY, tolerance2, radius2);
    }

    /// <summary>
    /// The stopping rule every descent shares (the engines' loops, <see cref="DescentPath"/>): the outcome of a lane at
    /// (<paramref name="x"/>, <paramref name="y"/>) with this gradient: diverged when |w|² is not below
    /// <paramref name="radius2"/> (NaN included), else converged when |g|² is below <paramref name="tolerance2"/>,
    /// else still running (<see cref="DescentOutcome.Unconverged"/>); as a number per lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Verdict<T>(T x, T y, T gradientX, T gradientY, T tolerance2, T radius2)
        where T : struct, IReal<T> =>
        T.IfLess(T.MultiplyAdd(x, x, y * y), radius2,
            T.IfLess(T.MultiplyAdd(gradientX, gradientX, gradientY * gradientY), tolerance2,
                T.Of((double)DescentOutcome.Converged), T.Of((double)DescentOutcome.Unconverged)),
            T.Of((double)DescentOutcome.Diverged));
}
