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
    /// Moves (x, y) by one step, given the gradient there. <paramref name="state"/> holds whatever the rule
    /// remembers between steps; it starts as <see cref="OptimizerState{T}.Initial"/>.
    /// </summary>
    void Step<TLandscape>(in TLandscape landscape, ref OptimizerState<T> state, ref T x, ref T y, T gradientX, T gradientY)
        where TLandscape : struct, ILandscape;
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

    /// <summary>β1 raised to the number of steps taken (Adam's bias correction).</summary>
    public T Beta1Power;

    /// <summary>β2 raised to the number of steps taken.</summary>
    public T Beta2Power;

    /// <summary>The state before the first step: zero moments, unit powers.</summary>
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
            Beta1Power = T.Of(1),
            Beta2Power = T.Of(1),
        };
    }
}
