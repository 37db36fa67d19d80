using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Optimizers;

/// <summary>RMSProp: s ← ρs + (1−ρ)g²; w ← w − lr·g/(√s + ε), with ρ given as β2.</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="values">Hyperparameters: learning rate, β2 (as ρ) and ε.</param>
public readonly struct RmsProp<T>(OptimizerValues<T> values) : IOptimizer<T> where T : struct, IReal<T>
{
    private readonly T learningRate = values.LearningRate;
    private readonly T learningRateY = values.LearningRateY;
    private readonly T decay = values.Beta2;
    private readonly T oneMinusDecay = values.OneMinusBeta2;
    private readonly T epsilon = values.Epsilon;

    /// <summary>The optimizer with the hyperparameters of <paramref name="settings"/>.</summary>
    public RmsProp(OptimizerSettings settings)
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
        T squareX = decay * state.SecondX + oneMinusDecay * gradientX * gradientX;
        T squareY = decay * state.SecondY + oneMinusDecay * gradientY * gradientY;
        state.SecondX = squareX;
        state.SecondY = squareY;
        x -= learningRate * gradientX / (T.Sqrt(squareX) + epsilon);
        y -= learningRateY * gradientY / (T.Sqrt(squareY) + epsilon);
    }
}
