using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Optimizers;

/// <summary>Heavy-ball momentum: v ← μv + g; w ← w − lr·v (PyTorch's SGD with momentum).</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="values">Hyperparameters: learning rate and μ.</param>
public readonly struct Momentum<T>(OptimizerValues<T> values) : IOptimizer<T> where T : struct, IReal<T>
{
    private readonly T learningRate = values.LearningRate;
    private readonly T learningRateY = values.LearningRateY;
    private readonly T momentum = values.Momentum;

    /// <summary>The optimizer with the hyperparameters of <paramref name="settings"/>.</summary>
    public Momentum(OptimizerSettings settings)
        : this(OptimizerValues<T>.Of(settings))
    {
    }

    /// <inheritdoc/>
    public static bool KeepsState => true;

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
        T velocityX = momentum * state.FirstX + gradientX;
        T velocityY = momentum * state.FirstY + gradientY;
        state.FirstX = velocityX;
        state.FirstY = velocityY;
        x -= learningRate * velocityX;
        y -= learningRateY * velocityY;
    }
}
