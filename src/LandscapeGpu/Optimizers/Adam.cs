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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step<TLandscape>(in TLandscape landscape, ref OptimizerState<T> state, ref T x, ref T y, T gradientX, T gradientY)
        where TLandscape : struct, ILandscape
    {
        state.FirstX = beta1 * state.FirstX + oneMinusBeta1 * gradientX;
        state.FirstY = beta1 * state.FirstY + oneMinusBeta1 * gradientY;
        state.SecondX = beta2 * state.SecondX + oneMinusBeta2 * gradientX * gradientX;
        state.SecondY = beta2 * state.SecondY + oneMinusBeta2 * gradientY * gradientY;
        state.Beta1Power *= beta1;
        state.Beta2Power *= beta2;

        // lr·m̂/(√v̂ + ε) with m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ). Both corrections come from one division by
        // (1−β1ᵗ)(1−β2ᵗ): divisions and square roots share one slow unit, and this leaves three divisions and two
        // roots per step instead of four and two.
        T one = T.Of(1);
        T firstComplement = one - state.Beta1Power;
        T secondComplement = one - state.Beta2Power;
        T inverseProduct = one / (firstComplement * secondComplement);
        T stepSize = learningRate * secondComplement * inverseProduct;
        T secondCorrection = firstComplement * inverseProduct;
        x -= stepSize * state.FirstX / (T.Sqrt(state.SecondX * secondCorrection) + epsilon);
        y -= stepSize * state.FirstY / (T.Sqrt(state.SecondY * secondCorrection) + epsilon);
    }
}
