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
    /// Descends from (<paramref name="x"/>, <paramref name="y"/>) for at most <paramref name="maxSteps"/> steps.
    /// At step k the gradient is taken at w_k: a lane converges when |g|² &lt; <paramref name="tolerance2"/>, and
    /// diverges when |w|² is not below <paramref name="radius2"/> (NaN included); then w_k is its endpoint and k its
    /// step count. A lane still running after <paramref name="maxSteps"/> steps reports that count and
    /// <see cref="DescentOutcome.Unconverged"/>.
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
    public static void Run<TLandscape, TOptimizer, T>(
        in TLandscape landscape, in TOptimizer optimizer, ref T x, ref T y,
        int maxSteps, T tolerance2, T radius2, out T status, out T steps)
        where TLandscape : struct, ILandscape
        where TOptimizer : struct, IOptimizer<T>
        where T : struct, IReal<T>
    {
        T half = T.Of(0.5);
        T running = T.Of((double)DescentOutcome.Unconverged);
        T converged = T.Of((double)DescentOutcome.Converged);
        T diverged = T.Of((double)DescentOutcome.Diverged);
        OptimizerState<T> state = OptimizerState<T>.Initial;
        status = running;
        steps = T.Of(0);
        for (int step = 0; ; step++)
        {
            landscape.Gradient(x, y, out T gradientX, out T gradientY);
            T verdict = T.IfLess(x * x + y * y, radius2,
                T.IfLess(gradientX * gradientX + gradientY * gradientY, tolerance2, converged, running),
                diverged);

            // Only lanes still running (status < 0.5) take the verdict and count this step.
            steps = T.IfLess(status, half, T.Of(step), steps);
            status = T.IfLess(status, half, verdict, status);
            if (T.AllLess(half, status) || step == maxSteps)
            {
                return;
            }

            T nextX = x, nextY = y;
            optimizer.Step(landscape, ref state, ref nextX, ref nextY, gradientX, gradientY);
            x = T.IfLess(status, half, nextX, x);
            y = T.IfLess(status, half, nextY, y);
        }
    }
}
