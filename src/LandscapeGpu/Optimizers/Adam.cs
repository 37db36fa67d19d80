using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Optimizers;

/// <summary>Adam with bias correction (Kingma and Ba, 2015).</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="values">Hyperparameters: learning rate, β1, β2 and ε.</param>
public readonly struct Adam<T>(OptimizerValues<T> values) : IOptimizer<T> where T : struct, IReal<T>
{
    // 2⁻⁶⁰ (see Decayed).
    private const double PowerFloor = 8.673617379884035e-19;

    private readonly T learningRate = values.LearningRate;
    private readonly T learningRateY = values.LearningRateY;
    // 1 when both coordinates have the same learning rate; an int because ILGPU passes only blittable kernel
    // parameters, and bool is not.
    private readonly int sameLearningRates = values.SameLearningRates ? 1 : 0;
    private readonly T beta1 = values.Beta1;
    private readonly T oneMinusBeta1 = values.OneMinusBeta1;
    private readonly T beta2 = values.Beta2;
    private readonly T oneMinusBeta2 = values.OneMinusBeta2;
    private readonly T epsilon = values.Epsilon;

    /// <summary>The optimizer with the hyperparameters of <paramref name="settings"/>.</summary>
    public Adam(OptimizerSettings settings)
        : this(OptimizerValues<T>.Of(settings))
    {
    }

    /// <inheritdoc/>
    public static bool KeepsState => true;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(ref OptimizerSchedule<T> schedule)
    {
        // Kingma and Ba's own reordering (section 2): m̂/(√v̂ + ε) with m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ) equals
        // m·√(1−β2ᵗ)/(1−β1ᵗ) / (√v + ε√(1−β2ᵗ)). Both corrections depend on t alone, so they are taken here, once per
        // step for all the starts in flight, and a start's own update keeps one multiplication, one square root and
        // one division per weight.
        T one = T.Of(1);
        schedule.Beta1Power = Decayed(schedule.Beta1Power, beta1);
        schedule.Beta2Power = Decayed(schedule.Beta2Power, beta2);
        T secondCorrection = T.Sqrt(one - schedule.Beta2Power);
        schedule.StepSize = learningRate * secondCorrection / (one - schedule.Beta1Power);
        // With one learning rate (every plain map) y's step size is x's, bit for bit: a division saved per step.
        schedule.StepSizeY = sameLearningRates != 0 ? schedule.StepSize : learningRateY * secondCorrection / (one - schedule.Beta1Power);
        schedule.ScaledEpsilon = epsilon * secondCorrection;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step<TLandscape>(in TLandscape landscape, in OptimizerSchedule<T> schedule, ref OptimizerState<T> state, ref T x, ref T y, T gradientX, T gradientY)
        where TLandscape : struct, ILandscape
    {
        // Read into locals and written back once: the state may live in memory (Descent keeps it there), and
        // reading a moment back after storing it would put the store on the path to the update. The moments move
        // toward their targets, m + (1−β1)(g − m) and v + (1−β2)(g² − v): the same averages as β1·m + (1−β1)·g, with
        // the subtraction on the adders and g² − v one fused multiply-add, so the multiply units do half the work.
        T firstX = T.MultiplyAdd(oneMinusBeta1, gradientX - state.FirstX, state.FirstX);
        T firstY = T.MultiplyAdd(oneMinusBeta1, gradientY - state.FirstY, state.FirstY);
        T secondX = T.MultiplyAdd(oneMinusBeta2, T.MultiplyAdd(gradientX, gradientX, -state.SecondX), state.SecondX);
        T secondY = T.MultiplyAdd(oneMinusBeta2, T.MultiplyAdd(gradientY, gradientY, -state.SecondY), state.SecondY);
        state.FirstX = firstX;
        state.FirstY = firstY;
        state.SecondX = secondX;
        state.SecondY = secondY;
        x -= schedule.StepSize * firstX / (T.Sqrt(secondX) + schedule.ScaledEpsilon);
        y -= schedule.StepSizeY * firstY / (T.Sqrt(secondY) + schedule.ScaledEpsilon);
    }

    // βᵗ⁺¹ from βᵗ, flushed to 0 below 2⁻⁶⁰: 1 − βᵗ is then 1 in float32 and float64 alike, so nothing changes, and the
    // powers never become subnormal (β1 = 0.9 is subnormal in float32 from t ≈ 830 on; each multiplication by a
    // subnormal was measured to slow 2000-step runs by a sixth).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Decayed(T power, T beta) => T.IfLess(power, T.Of(PowerFloor), T.Of(0), power * beta);
}
