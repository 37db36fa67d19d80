using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Optimizers;

/// <summary>Plain gradient descent: w ← w − lr·g.</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="values">Hyperparameters; only the learning rates (x and y) are used.</param>
public readonly struct GradientDescent<T>(OptimizerValues<T> values) : IOptimizer<T> where T : struct, IReal<T>
{
    // Negated once so the update is one MultiplyAdd; x + (−lr)·g rounds exactly as x − lr·g.
    private readonly T negativeLearningRate = values.NegativeLearningRate;
    private readonly T negativeLearningRateY = values.NegativeLearningRateY;

    /// <summary>The optimizer with the hyperparameters of <paramref name="settings"/>.</summary>
    public GradientDescent(OptimizerSettings settings)
        : this(OptimizerValues<T>.Of(settings))
    {
    }

    /// <inheritdoc/>
    public static bool KeepsState => false;

    /// <inheritdoc/>
    public void Advance(ref OptimizerSchedule<T> schedule)
    {
        // Nothing depends on the step number.
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step<TLandscape>(in TLandscape landscape, in OptimizerSchedule<T> schedule, ref OptimizerState<T> state, ref T x, ref T y, T gradientX, T gradientY)
        where TLandscape : struct, ILandscape
    {
        x = T.MultiplyAdd(negativeLearningRate, gradientX, x);
        y = T.MultiplyAdd(negativeLearningRateY, gradientY, y);
    }
}
