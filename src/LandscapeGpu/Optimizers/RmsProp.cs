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
        T squareX = decay * state.SecondX + oneMinusDecay * gradientX * gradientX;
        T squareY = decay * state.SecondY + oneMinusDecay * gradientY * gradientY;
        state.SecondX = squareX;
        state.SecondY = squareY;
        x -= learningRate * gradientX / (T.Sqrt(squareX) + epsilon);
        y -= learningRate * gradientY / (T.Sqrt(squareY) + epsilon);
    }
}
