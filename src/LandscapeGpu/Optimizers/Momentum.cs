using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Optimizers;

/// <summary>Heavy-ball momentum: v ← μv + g; w ← w − lr·v (PyTorch's SGD with momentum).</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="settings">Hyperparameters: learning rate and μ.</param>
public readonly struct Momentum<T>(OptimizerSettings settings) : IOptimizer<T> where T : struct, IReal<T>
{
    private readonly T learningRate = T.Of(settings.LearningRate);
    private readonly T momentum = T.Of(settings.Momentum);

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
        y -= learningRate * velocityY;
    }
}
