using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Optimizers;

/// <summary>Plain gradient descent: w ← w − lr·g.</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="settings">Hyperparameters; only the learning rate is used.</param>
public readonly struct GradientDescent<T>(OptimizerSettings settings) : IOptimizer<T> where T : struct, IReal<T>
{
    private readonly T learningRate = T.Of(settings.LearningRate);

    /// <inheritdoc/>
    public void Step<TLandscape>(in TLandscape landscape, ref OptimizerState<T> state, ref T x, ref T y, T gradientX, T gradientY)
        where TLandscape : struct, ILandscape
    {
        x -= learningRate * gradientX;
        y -= learningRate * gradientY;
    }
}
