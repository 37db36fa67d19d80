using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Descents;

/// <summary>
/// The descent loop, written once: the ILGPU kernel runs it with one start per thread, the SIMD engine with
/// one start per lane, and tests with a float64 scalar as the reference. Lanes that finish are frozen in place
/// by selection, so a lane's result never depends on its neighbours; the loop leaves as soon as every lane is done.
/// </summary>
public static class Descent
{
    /// <summary>
    /// Steps taken optimistically at once, with the per-step verdicts replaced by one cheap test (see
    /// <see cref="Run"/>): long enough to pay off, short enough that undoing a block when a lane finishes costs little.
    /// </summary>
    public const int BlockSteps = 8;

    /// <summary>
    /// Descends from (<paramref name="x"/>, <paramref name="y"/>) for at most <paramref name="maxSteps"/> steps.
    /// At step k the gradient is taken at w_k: a lane converges when |g|² &lt; <paramref name="tolerance2"/>, and
    /// diverges when |w|² is not below <paramref name="radius2"/> (NaN included); then w_k is its endpoint and k its
    /// step count. A lane still running after <paramref name="maxSteps"/> steps reports that count and
    /// <see cref="DescentOutcome.Unconverged"/>.
    /// </summary>
    /// <remarks>
    /// Squared norms are computed as MultiplyAdd(a, a, b·b): one-lane kernel types round that exactly as a·a + b·b,
    /// SIMD types may fuse it. Steps are taken in optimistic blocks of <see cref="BlockSteps"/> that are undone and
    /// retaken one by one whenever a running lane would finish inside them, so results are those of the plain
    /// step-by-step loop while most steps skip its bookkeeping.
    /// </remarks>
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
    public static void Run<TLandscape, TOptimizer, T>(
        in TLandscape landscape, in TOptimizer optimizer, ref T x, ref T y,
        int maxSteps, T tolerance2, T radius2, out T status, out T steps)
        where TLandscape : struct, ILandscape
        where TOptimizer : struct, IOptimizer<T>
        where T : struct, IReal<T>
    {
        T half = T.Of(0.5);
        T zero = T.Of(0);
        T one = T.Of(1);
        T running = T.Of((double)DescentOutcome.Unconverged);
        T converged = T.Of((double)DescentOutcome.Converged);
        T diverged = T.Of((double)DescentOutcome.Diverged);
        OptimizerState<T> state = OptimizerState<T>.Initial;
        OptimizerState<T> blockState = OptimizerState<T>.Initial;

        // The loop works on private copies, written back once at the end: a by-reference parameter is a memory
        // location to the JIT, and SIMD state that lives in memory was measured to run several times slower.
        T currentX = x, currentY = y;
        T currentStatus = running;
        T currentSteps = zero;
        int step = 0;
        for (;;)
        {
            // Optimistic block: BlockSteps steps with only a cheap record of whether any running lane would have
            // finished. If none would, the block is exactly what the step-by-step loop below computes for running
            // lanes, and it is kept (finished lanes are put back where they ended). Otherwise it is undone and the
            // same steps are taken one by one. Never used for the step that could be the last (step == maxSteps).
            if (step + BlockSteps <= maxSteps)
            {
                T blockX = currentX, blockY = currentY;
                CopyState(state, ref blockState);
                T finishing = zero;
                for (int inBlock = 0; inBlock < BlockSteps; inBlock++)
                {
                    landscape.Gradient(currentX, currentY, out T blockGradientX, out T blockGradientY);
                    finishing = T.IfLess(T.MultiplyAdd(currentX, currentX, currentY * currentY), radius2, finishing, one);
                    finishing = T.IfLess(T.MultiplyAdd(blockGradientX, blockGradientX, blockGradientY * blockGradientY), tolerance2, one, finishing);
                    T steppedX = currentX, steppedY = currentY;
                    optimizer.Step(landscape, ref state, ref steppedX, ref steppedY, blockGradientX, blockGradientY);
                    currentX = steppedX;
                    currentY = steppedY;
                }

                if (T.AllLess(T.IfLess(currentStatus, half, finishing, zero), half))
                {
                    step += BlockSteps;
                    currentSteps = T.IfLess(currentStatus, half, T.Of(step - 1), currentSteps);
                    currentX = T.IfLess(currentStatus, half, currentX, blockX);
                    currentY = T.IfLess(currentStatus, half, currentY, blockY);
                    continue;
                }

                currentX = blockX;
                currentY = blockY;
                CopyState(blockState, ref state);
            }

            for (int blockEnd = step + BlockSteps; step < blockEnd; step++)
            {
                landscape.Gradient(currentX, currentY, out T gradientX, out T gradientY);
                T verdict = T.IfLess(T.MultiplyAdd(currentX, currentX, currentY * currentY), radius2,
                    T.IfLess(T.MultiplyAdd(gradientX, gradientX, gradientY * gradientY), tolerance2, converged, running),
                    diverged);

                // Only lanes still running (status < 0.5) take the verdict and count this step.
                currentSteps = T.IfLess(currentStatus, half, T.Of(step), currentSteps);
                currentStatus = T.IfLess(currentStatus, half, verdict, currentStatus);
                if (T.AllLess(half, currentStatus) || step == maxSteps)
                {
                    x = currentX;
                    y = currentY;
                    status = currentStatus;
                    steps = currentSteps;
                    return;
                }

                T nextX = currentX, nextY = currentY;
                optimizer.Step(landscape, ref state, ref nextX, ref nextY, gradientX, gradientY);
                currentX = T.IfLess(currentStatus, half, nextX, currentX);
                currentY = T.IfLess(currentStatus, half, nextY, currentY);
            }
        }
    }

    // Field by field on purpose: a whole-struct copy of a SIMD state (hundreds of bytes) is compiled to a call to
    // a memory-copy helper, and the vector registers live across that call were measured to be kept in memory
    // through the whole block that follows, which made the SIMD engine several times slower.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyState<T>(in OptimizerState<T> source, ref OptimizerState<T> destination)
        where T : struct, IReal<T>
    {
        destination.FirstX = source.FirstX;
        destination.FirstY = source.FirstY;
        destination.SecondX = source.SecondX;
        destination.SecondY = source.SecondY;
        destination.Beta1Power = source.Beta1Power;
        destination.Beta2Power = source.Beta2Power;
    }
}
