using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Optimizers;

/// <summary>Adam with bias correction (Kingma and Ba, 2015).</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="settings">Hyperparameters: learning rate, β1, β2 and ε.</param>
public readonly struct Adam<T>(OptimizerSettings settings) : IOptimizer<T> where T : struct, IReal<T>
{
    private readonly T learningRate = T.Of(settings.LearningRate);
    private readonly T beta1 = T.Of(settings.Beta1);
    private readonly T oneMinusBeta1 = T.Of(1 - settings.Beta1);
    private readonly T beta2 = T.Of(settings.Beta2);
    private readonly T oneMinusBeta2 = T.Of(1 - settings.Beta2);
    private readonly T epsilon = T.Of(settings.Epsilon);

    /// <inheritdoc/>
    public static bool KeepsState => true;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(ref OptimizerSchedule<T> schedule)
    {
        // m̂ = m/(1−β1ᵗ) and v̂ = v/(1−β2ᵗ) depend on t alone: their two divisions are taken here, once per step
        // for all the starts in flight, and each start multiplies. Divisions and square roots share one slow unit,
        // which leaves a start's step with the two divisions and two roots of its own update.
        T one = T.Of(1);
        schedule.Beta1Power *= beta1;
        schedule.Beta2Power *= beta2;
        schedule.StepSize = learningRate / (one - schedule.Beta1Power);
        schedule.SecondCorrection = one / (one - schedule.Beta2Power);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step<TLandscape>(in TLandscape landscape, in OptimizerSchedule<T> schedule, ref OptimizerState<T> state, ref T x, ref T y, T gradientX, T gradientY)
        where TLandscape : struct, ILandscape
    {
        // Read into locals and written back once: the state may live in memory (Descent keeps it there), and
        // reading a moment back after storing it would put the store on the path to the update.
        T firstX = beta1 * state.FirstX + oneMinusBeta1 * gradientX;
        T firstY = beta1 * state.FirstY + oneMinusBeta1 * gradientY;
        T secondX = beta2 * state.SecondX + oneMinusBeta2 * gradientX * gradientX;
        T secondY = beta2 * state.SecondY + oneMinusBeta2 * gradientY * gradientY;
        state.FirstX = firstX;
        state.FirstY = firstY;
        state.SecondX = secondX;
        state.SecondY = secondY;
        x -= schedule.StepSize * firstX / (T.Sqrt(secondX * schedule.SecondCorrection) + epsilon);
        y -= schedule.StepSize * firstY / (T.Sqrt(secondY * schedule.SecondCorrection) + epsilon);
    }
}
