using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Weights;

/// <summary>
/// The descent loop over the whole trained weight vector, written once: the ILGPU kernel runs it with one start per
/// thread, the SIMD engine with one start per lane, and tests with a float64 scalar as the reference. The rules are
/// those of <see cref="Descent"/> on the full vectors: at step k the gradient is taken at w_k; a lane converges when
/// |g|² &lt; tol², diverges when |w|² is not below radius² (NaN included); a finished lane is frozen by selection, so
/// its result never depends on its neighbours.
/// </summary>
/// <remarks>
/// One group of starts per call, not two as in the 2-D loop: with K weights the state (weights, gradient, moments) is
/// already 3K to 5K values, and registers, not latency, are the limit.
/// </remarks>
[SkipLocalsInit]
public static class WeightDescent
{
    /// <summary>The most trained weights a descent holds: the capacity of the largest generated weight vector (<see cref="Weights16{T}"/>).</summary>
    public const int MaxWeights = 16;

    /// <summary>The most trained weights Newton's method accepts (see <see cref="WeightNewton{T}"/> for why).</summary>
    public const int MaxNewtonWeights = 16;

    /// <summary>
    /// Descends the starts in <paramref name="weights"/> (one per lane of <typeparamref name="T"/>) for at most
    /// <paramref name="maxSteps"/> steps; at the end <paramref name="weights"/> holds the endpoints,
    /// <paramref name="status"/> each lane's <see cref="DescentOutcome"/> as a number and <paramref name="steps"/> its
    /// step count (the step at which it finished, or <paramref name="maxSteps"/>).
    /// </summary>
    /// <typeparam name="TModel">The loss.</typeparam>
    /// <typeparam name="TOptimizer">The update rule.</typeparam>
    /// <typeparam name="T">The number type.</typeparam>
    /// <typeparam name="TWeights">The weight vector (capacity at least the model's weight count).</typeparam>
    /// <typeparam name="THessian">The symmetric matrix of the same capacity (used by Newton).</typeparam>
    /// <param name="model">The loss.</param>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="weights">Starts in, endpoints out.</param>
    /// <param name="maxSteps">The step budget.</param>
    /// <param name="tolerance2">The squared gradient-norm tolerance.</param>
    /// <param name="radius2">The squared divergence radius.</param>
    /// <param name="status">The outcome of each lane, as a number.</param>
    /// <param name="steps">The steps each lane took.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TModel, TOptimizer, T, TWeights, THessian>(
        in TModel model, in TOptimizer optimizer, ref TWeights weights, int maxSteps, T tolerance2, T radius2, out T status, out T steps)
        where TModel : struct, IWeightModel
        where TOptimizer : struct, IWeightOptimizer<T>
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
        where THessian : struct, ISymmetricWeights<T, THessian>
    {
        T half = T.Of(0.5);
        T running = T.Of((double)DescentOutcome.Unconverged);
        var schedule = OptimizerSchedule<T>.Initial;
        var moments = default(WeightMoments<T, TWeights>);
        TWeights current = weights;
        T laneStatus = running;
        T laneSteps = T.Of(0);
        for (int step = 0; ; step++)
        {
            model.Gradient<T, TWeights>(current, out TWeights gradient);

            // Only lanes still running (status < 0.5) take the verdict and count this step.
            laneSteps = T.IfLess(laneStatus, half, T.Of(step), laneSteps);
            laneStatus = T.IfLess(laneStatus, half, Verdict<T, TWeights>(current, gradient, tolerance2, radius2), laneStatus);
            if (T.AllLess(half, laneStatus) || step == maxSteps)
            {
                break;
            }

            TWeights next = current;
            optimizer.Advance(ref schedule);
            optimizer.Step<TModel, TWeights, THessian>(model, schedule, ref moments, ref next, gradient);
            current = TWeights.Map(next, current, current, new WhereRunning<T>(laneStatus));
        }

        weights = current;
        status = laneStatus;
        steps = laneSteps;
    }

    /// <summary>
    /// <see cref="Run"/> on two independent groups of starts at once (<paramref name="first"/>, <paramref name="second"/>),
    /// their statements interleaved in one loop body so that the processor overlaps one group's dependent chain with
    /// the other's; the loop leaves when every lane of both groups is done. Each lane's result is exactly what
    /// <see cref="Run"/> gives it alone (finished lanes are frozen by selection; the shared schedule depends on the step only).
    /// </summary>
    /// <typeparam name="TModel">The loss.</typeparam>
    /// <typeparam name="TOptimizer">The update rule.</typeparam>
    /// <typeparam name="T">The number type.</typeparam>
    /// <typeparam name="TWeights">The weight vector.</typeparam>
    /// <typeparam name="THessian">The symmetric matrix of the same capacity.</typeparam>
    /// <param name="model">The loss.</param>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="first">First group: starts in, endpoints out.</param>
    /// <param name="second">Second group: starts in, endpoints out.</param>
    /// <param name="maxSteps">The step budget.</param>
    /// <param name="tolerance2">The squared gradient-norm tolerance.</param>
    /// <param name="radius2">The squared divergence radius.</param>
    /// <param name="firstStatus">The outcome of each lane of the first group, as a number.</param>
    /// <param name="firstSteps">The steps each lane of the first group took.</param>
    /// <param name="secondStatus">The same for the second group.</param>
    /// <param name="secondSteps">The same for the second group.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunPair<TModel, TOptimizer, T, TWeights, THessian>(
        in TModel model, in TOptimizer optimizer, ref TWeights first, ref TWeights second, int maxSteps, T tolerance2, T radius2,
        out T firstStatus, out T firstSteps, out T secondStatus, out T secondSteps)
        where TModel : struct, IWeightModel
        where TOptimizer : struct, IWeightOptimizer<T>
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
        where THessian : struct, ISymmetricWeights<T, THessian>
    {
        T half = T.Of(0.5);
        T running = T.Of((double)DescentOutcome.Unconverged);
        var schedule = OptimizerSchedule<T>.Initial;
        var momentsA = default(WeightMoments<T, TWeights>);
        var momentsB = default(WeightMoments<T, TWeights>);
        TWeights currentA = first, currentB = second;
        T statusA = running, statusB = running;
        T stepsA = T.Of(0), stepsB = T.Of(0);
        for (int step = 0; ; step++)
        {
            model.Gradient<T, TWeights>(currentA, out TWeights gradientA);
            model.Gradient<T, TWeights>(currentB, out TWeights gradientB);
            T thisStep = T.Of(step);
            stepsA = T.IfLess(statusA, half, thisStep, stepsA);
            stepsB = T.IfLess(statusB, half, thisStep, stepsB);
            statusA = T.IfLess(statusA, half, Verdict<T, TWeights>(currentA, gradientA, tolerance2, radius2), statusA);
            statusB = T.IfLess(statusB, half, Verdict<T, TWeights>(currentB, gradientB, tolerance2, radius2), statusB);
            if ((T.AllLess(half, statusA) && T.AllLess(half, statusB)) || step == maxSteps)
            {
                break;
            }

            TWeights nextA = currentA, nextB = currentB;
            optimizer.Advance(ref schedule);
            optimizer.Step<TModel, TWeights, THessian>(model, schedule, ref momentsA, ref nextA, gradientA);
            optimizer.Step<TModel, TWeights, THessian>(model, schedule, ref momentsB, ref nextB, gradientB);
            currentA = TWeights.Map(nextA, currentA, currentA, new WhereRunning<T>(statusA));
            currentB = TWeights.Map(nextB, currentB, currentB, new WhereRunning<T>(statusB));
        }

        first = currentA;
        second = currentB;
        firstStatus = statusA;
        firstSteps = stepsA;
        secondStatus = statusB;
        secondSteps = stepsB;
    }

    /// <summary>
    /// Takes exactly <paramref name="steps"/> steps from the starts in <paramref name="weights"/>, with no early exit,
    /// and judges each lane where it ends (as <see cref="Descent.RunFixed"/> does in 2-D): diverged when |w|² is not
    /// below <paramref name="radius2"/> (NaN included), converged when |g|² &lt; <paramref name="tolerance2"/> there,
    /// else unconverged.
    /// </summary>
    /// <typeparam name="TModel">The loss.</typeparam>
    /// <typeparam name="TOptimizer">The update rule.</typeparam>
    /// <typeparam name="T">The number type.</typeparam>
    /// <typeparam name="TWeights">The weight vector.</typeparam>
    /// <typeparam name="THessian">The symmetric matrix of the same capacity.</typeparam>
    /// <param name="model">The loss.</param>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="weights">Starts in, endpoints out.</param>
    /// <param name="steps">The steps every lane takes.</param>
    /// <param name="tolerance2">The squared gradient-norm tolerance of the final verdict.</param>
    /// <param name="radius2">The squared divergence radius of the final verdict.</param>
    /// <param name="status">The outcome of each lane, as a number.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunFixed<TModel, TOptimizer, T, TWeights, THessian>(
        in TModel model, in TOptimizer optimizer, ref TWeights weights, int steps, T tolerance2, T radius2, out T status)
        where TModel : struct, IWeightModel
        where TOptimizer : struct, IWeightOptimizer<T>
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
        where THessian : struct, ISymmetricWeights<T, THessian>
    {
        var schedule = OptimizerSchedule<T>.Initial;
        var moments = default(WeightMoments<T, TWeights>);
        TWeights current = weights;
        for (int step = 0; step < steps; step++)
        {
            model.Gradient<T, TWeights>(current, out TWeights gradient);
            optimizer.Advance(ref schedule);
            optimizer.Step<TModel, TWeights, THessian>(model, schedule, ref moments, ref current, gradient);
        }

        model.Gradient<T, TWeights>(current, out TWeights last);
        status = Verdict<T, TWeights>(current, last, tolerance2, radius2);
        weights = current;
    }

    /// <summary>
    /// <see cref="RunFixed"/> on two independent groups of starts at once (<paramref name="first"/>, <paramref name="second"/>):
    /// the statements of the two groups interleave in one loop body, so the processor overlaps one group's dependent
    /// chain (gradient, update, next gradient) with the other's, as <see cref="Descent.RunFixed"/> does in 2-D. Each
    /// lane's result is exactly what <see cref="RunFixed"/> gives it alone.
    /// </summary>
    /// <typeparam name="TModel">The loss.</typeparam>
    /// <typeparam name="TOptimizer">The update rule.</typeparam>
    /// <typeparam name="T">The number type.</typeparam>
    /// <typeparam name="TWeights">The weight vector.</typeparam>
    /// <typeparam name="THessian">The symmetric matrix of the same capacity.</typeparam>
    /// <param name="model">The loss.</param>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="first">First group: starts in, endpoints out.</param>
    /// <param name="second">Second group: starts in, endpoints out.</param>
    /// <param name="steps">The steps every lane takes.</param>
    /// <param name="tolerance2">The squared gradient-norm tolerance of the final verdict.</param>
    /// <param name="radius2">The squared divergence radius of the final verdict.</param>
    /// <param name="firstStatus">The outcome of each lane of the first group, as a number.</param>
    /// <param name="secondStatus">The same for the second group.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunFixedPair<TModel, TOptimizer, T, TWeights, THessian>(
        in TModel model, in TOptimizer optimizer, ref TWeights first, ref TWeights second, int steps, T tolerance2, T radius2,
        out T firstStatus, out T secondStatus)
        where TModel : struct, IWeightModel
        where TOptimizer : struct, IWeightOptimizer<T>
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
        where THessian : struct, ISymmetricWeights<T, THessian>
    {
        var schedule = OptimizerSchedule<T>.Initial;
        var momentsA = default(WeightMoments<T, TWeights>);
        var momentsB = default(WeightMoments<T, TWeights>);
        TWeights currentA = first, currentB = second;
        for (int step = 0; step < steps; step++)
        {
            model.Gradient<T, TWeights>(currentA, out TWeights gradientA);
            model.Gradient<T, TWeights>(currentB, out TWeights gradientB);
            optimizer.Advance(ref schedule);
            optimizer.Step<TModel, TWeights, THessian>(model, schedule, ref momentsA, ref currentA, gradientA);
            optimizer.Step<TModel, TWeights, THessian>(model, schedule, ref momentsB, ref currentB, gradientB);
        }

        model.Gradient<T, TWeights>(currentA, out TWeights lastA);
        model.Gradient<T, TWeights>(currentB, out TWeights lastB);
        firstStatus = Verdict<T, TWeights>(currentA, lastA, tolerance2, radius2);
        secondStatus = Verdict<T, TWeights>(currentB, lastB, tolerance2, radius2);
        first = currentA;
        second = currentB;
    }

    /// <summary>
    /// The stopping rule of <see cref="Descent.Verdict"/> on full vectors: diverged when |w|² is not below
    /// <paramref name="radius2"/> (NaN included), else converged when |g|² &lt; <paramref name="tolerance2"/>, else running.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Verdict<T, TWeights>(in TWeights weights, in TWeights gradient, T tolerance2, T radius2)
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights> =>
        T.IfLess(TWeights.Dot(weights, weights), radius2,
            T.IfLess(TWeights.Dot(gradient, gradient), tolerance2,
                T.Of((double)DescentOutcome.Converged), T.Of((double)DescentOutcome.Unconverged)),
            T.Of((double)DescentOutcome.Diverged));
}
