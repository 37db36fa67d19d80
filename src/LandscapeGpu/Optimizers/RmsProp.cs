using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Optimizers;

/// <summary>RMSProp: s ← ρs + (1−ρ)g²; w ← w − lr·g/(√s + ε), with ρ given as β2.</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="settings">Hyperparameters: learning rate, β2 (as ρ) and ε.</param>
public readonly struct RmsProp<T>(OptimizerSettings settings) : IOptimizer<T> where T : struct, IReal<T>
{
    private readonly T learningRate = T.Of(settings.LearningRate);
    private readonly T decay = T.Of(settings.Beta2);
    private readonly T oneMinusDecay = T.Of(1 - settings.Beta2);
    private readonly T epsilon = T.Of(settings.Epsilon);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step<TLandscape>(in TLandscape landscape, ref OptimizerState<T> state, ref T x, ref T y, T gradientX, T gradientY)
        where TLandscape : struct, ILandscape
    {
        state.SecondX = decay * state.SecondX + oneMinusDecay * gradientX * gradientX;
        state.SecondY = decay * state.SecondY + oneMinusDecay * gradientY * gradientY;
        x -= learningRate * gradientX / (T.Sqrt(state.SecondX) + epsilon);
        y -= learningRate * gradientY / (T.Sqrt(state.SecondY) + epsilon);
    }
}
