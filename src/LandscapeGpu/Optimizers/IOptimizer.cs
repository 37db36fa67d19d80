using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Optimizers;

/// <summary>
/// One update rule, written once over the number type <typeparamref name="T"/> so that the same step runs in
/// ILGPU kernels and on SIMD lanes. Hyperparameters are fields of type <typeparamref name="T"/>, converted once
/// when the optimizer is built, never inside the loop.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public interface IOptimizer<T> where T : struct, IReal<T>
{
    /// <summary>
    /// Whether <see cref="Advance"/> or <see cref="Step"/> uses the schedule or the state: when not, the descent
    /// loops skip saving and restoring them around their optimistic blocks (a constant per optimizer type, so the
    /// JIT removes the branch).
    /// </summary>
    static abstract bool KeepsState { get; }

    /// <summary>
    /// Moves the schedule on to the next step, once per step for all the starts in flight: every start takes its
    /// t-th step at the same time, so what depends only on t (Adam's bias corrections) is computed once, not once
    /// per start. It starts as <see cref="OptimizerSchedule{T}.Initial"/> and is advanced before each step.
    /// </summary>
    void Advance(ref OptimizerSchedule<T> schedule);

    /// <summary>
    /// Moves (x, y) by one step, given the gradient there. <paramref name="state"/> holds whatever the rule
    /// remembers between steps for this start; it starts as <see cref="OptimizerState{T}.Initial"/>.
    /// </summary>
    void Step<TLandscape>(in TLandscape landscape, in OptimizerSchedule<T> schedule, ref OptimizerState<T> state, ref T x, ref T y, T gradientX, T gradientY)
        where TLandscape : struct, ILandscape;
}

/// <summary>What an optimizer computes once per step for every start (see <see cref="IOptimizer{T}.Advance"/>).</summary>
/// <typeparam name="T">The number type.</typeparam>
public struct OptimizerSchedule<T> where T : struct, IReal<T>
{
    /// <summary>β1 raised to the number of steps taken, this one included (Adam's bias correction).</summary>
    public T Beta1Power;

    /// <summary>β2 raised to the number of steps taken.</summary>
    public T Beta2Power;

    /// <summary>The learning rate of this step with both bias corrections folded in: lr·√(1−β2ᵗ)/(1−β1ᵗ).</summary>
    public T StepSize;

    /// <summary>The same for y, whose learning rate may be its own (a model's per-weight rates).</summary>
    public T StepSizeY;

    /// <summary>ε of this step on the scale of the uncorrected second moment: ε·√(1−β2ᵗ).</summary>
    public T ScaledEpsilon;

    /// <summary>The schedule before the first step: unit powers.</summary>
    public static OptimizerSchedule<T> Initial
    {
        // Compiled like OptimizerState.Initial, for the same reason.
        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        get => new()
        {
            Beta1Power = T.Of(1),
            Beta2Power = T.Of(1),
            StepSize = T.Of(0),
            StepSizeY = T.Of(0),
            ScaledEpsilon = T.Of(0),
        };
    }
}

/// <summary>What any optimizer carries from one step to the next; each rule uses the fields it needs.</summary>
/// <typeparam name="T">The number type.</typeparam>
public struct OptimizerState<T> where T : struct, IReal<T>
{
    /// <summary>First moment or velocity, x component.</summary>
    public T FirstX;

    /// <summary>First moment or velocity, y component.</summary>
    public T FirstY;

    /// <summary>Second moment (running mean of squared gradients), x component.</summary>
    public T SecondX;

    /// <summary>Second moment, y component.</summary>
    public T SecondY;

    /// <summary>The state before the first step: zero moments.</summary>
    public static OptimizerState<T> Initial
    {
        // Fully optimized from the first call: its tier-0 code (a call per constant) cost every descent hundreds of
        // cycles, measured at 16 steps. Not inlined: promoted into the descent loop's registers, the state of the
        // early-exit loop pushed the positions out of them (gd ran at half speed).
        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        get => new()
        {
            FirstX = T.Of(0),
            FirstY = T.Of(0),
            SecondX = T.Of(0),
            SecondY = T.Of(0),
        };
    }
}
