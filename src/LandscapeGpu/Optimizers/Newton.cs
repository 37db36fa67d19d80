using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Optimizers;

/// <summary>
/// Damped Newton: w ← w − lr·(H + εI)⁻¹g, with the exact Hessian from automatic differentiation. It is drawn
/// to saddles and maxima as much as to minima, which is what its basin maps show. The damping ε keeps 1-D
/// landscapes (whose Hessian has a zero row) solvable. With a learning rate per coordinate (a model's per-weight
/// rates), each coordinate of the Newton step is scaled by its own rate.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="values">Hyperparameters: learning rate and ε (the damping).</param>
public readonly struct Newton<T>(OptimizerValues<T> values) : IOptimizer<T> where T : struct, IReal<T>
{
    private readonly T learningRate = values.LearningRate;
    private readonly T learningRateY = values.LearningRateY;
    private readonly T damping = values.Epsilon;

    /// <summary>The optimizer with the hyperparameters of <paramref name="settings"/>.</summary>
    public Newton(OptimizerSettings settings)
        : this(OptimizerValues<T>.Of(settings))
    {
    }

    /// <inheritdoc/>
    public static bool KeepsState => false;

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
        HyperDual<T> second = Derivatives.SecondOrder(landscape, x, y);
        T hxx = second.Dxx + damping;
        T hyy = second.Dyy + damping;
        T hxy = second.Dxy;
        T determinant = hxx * hyy - hxy * hxy;
        x -= learningRate * (hyy * gradientX - hxy * gradientY) / determinant;
        y -= learningRateY * (hxx * gradientY - hxy * gradientX) / determinant;
    }
}
