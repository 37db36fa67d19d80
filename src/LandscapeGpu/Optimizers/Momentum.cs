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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step<TLandscape>(in TLandscape landscape, ref OptimizerState<T> state, ref T x, ref T y, T gradientX, T gradientY)
        where TLandscape : struct, ILandscape
    {
        state.FirstX = momentum * state.FirstX + gradientX;
        state.FirstY = momentum * state.FirstY + gradientY;
        x -= learningRate * state.FirstX;
        y -= learningRate * state.FirstY;
    }
}
