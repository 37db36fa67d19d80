using LandscapeGpu.Arithmetic;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Weights;

/// <summary>
/// An update rule over the whole trained weight vector: the K-weight form of <see cref="IOptimizer{T}"/>, with the same
/// hyperparameters and the same per-weight arithmetic (each rule applies to every weight what the 2-D rule applies to
/// x and y). Implementations are small readonly structs, so each specializes the descent loop in kernels and on SIMD lanes.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public interface IWeightOptimizer<T> where T : struct, IReal<T>
{
    /// <summary>Whether the rule keeps per-weight moments between steps (<see cref="WeightMoments{T, TWeights}"/>).</summary>
    static abstract bool KeepsState { get; }

    /// <summary>Moves the shared, per-step part of the rule (Adam's bias corrections) to the next step.</summary>
    void Advance(ref OptimizerSchedule<T> schedule);

    /// <summary>One step from <paramref name="weights"/> with the gradient <paramref name="gradient"/> taken there.</summary>
    /// <typeparam name="TModel">The model (Newton asks it for the Hessian).</typeparam>
    /// <typeparam name="TWeights">The weight vector.</typeparam>
    /// <typeparam name="THessian">The symmetric matrix of the weight vector's capacity.</typeparam>
    void Step<TModel, TWeights, THessian>(in TModel model, in OptimizerSchedule<T> schedule, ref WeightMoments<T, TWeights> moments,
        ref TWeights weights, in TWeights gradient)
        where TModel : struct, IWeightModel
        where TWeights : struct, IWeights<T, TWeights>
        where THessian : struct, ISymmetricWeights<T, THessian>;
}

/// <summary>The per-weight moments of a start: velocity (momentum, nesterov), mean square (rmsprop), or Adam's two moments.</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <typeparam name="TWeights">The weight vector.</typeparam>
public struct WeightMoments<T, TWeights>
    where T : struct, IReal<T>
    where TWeights : struct, IWeights<T, TWeights>
{
    /// <summary>The first moment (velocity; Adam's m), zero at the start.</summary>
    public TWeights First;

    /// <summary>The second moment (RMSProp's mean square; Adam's v), zero at the start.</summary>
    public TWeights Second;
}
