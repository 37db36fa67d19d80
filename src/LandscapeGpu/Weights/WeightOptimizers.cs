using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Weights;

/// <summary>Gradient descent over K weights: w ← w − lr·g (as <see cref="GradientDescent{T}"/>: one multiply-add with −lr).</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="values">The hyperparameters (lr).</param>
public readonly struct WeightGradientDescent<T>(OptimizerValues<T> values) : IWeightOptimizer<T> where T : struct, IReal<T>
{
    private readonly T negativeLearningRate = values.NegativeLearningRate;

    /// <inheritdoc/>
    public static bool KeepsState => false;

    /// <inheritdoc/>
    public void Advance(ref OptimizerSchedule<T> schedule)
    {
        // Nothing depends on the step number.
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step<TModel, TWeights, THessian>(in TModel model, in OptimizerSchedule<T> schedule, ref WeightMoments<T, TWeights> moments,
        ref TWeights weights, in TWeights gradient)
        where TModel : struct, IWeightModel
        where TWeights : struct, IWeights<T, TWeights>
        where THessian : struct, ISymmetricWeights<T, THessian> =>
        weights = TWeights.Map(gradient, weights, weights, new ScaledAdd<T>(negativeLearningRate));
}

/// <summary>Heavy-ball momentum over K weights: v ← μ·v + g, w ← w − lr·v (as <see cref="Momentum{T}"/>).</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="values">The hyperparameters (lr, μ).</param>
public readonly struct WeightMomentum<T>(OptimizerValues<T> values) : IWeightOptimizer<T> where T : struct, IReal<T>
{
    private readonly T learningRate = values.LearningRate;
    private readonly T momentum = values.Momentum;

    /// <inheritdoc/>
    public static bool KeepsState => true;

    /// <inheritdoc/>
    public void Advance(ref OptimizerSchedule<T> schedule)
    {
        // Nothing depends on the step number.
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step<TModel, TWeights, THessian>(in TModel model, in OptimizerSchedule<T> schedule, ref WeightMoments<T, TWeights> moments,
        ref TWeights weights, in TWeights gradient)
        where TModel : struct, IWeightModel
        where TWeights : struct, IWeights<T, TWeights>
        where THessian : struct, ISymmetricWeights<T, THessian>
    {
        TWeights velocity = TWeights.Map(moments.First, gradient, gradient, new Velocity<T>(momentum));
        moments.First = velocity;
        weights = TWeights.Map(weights, velocity, velocity, new Subtract<T>(learningRate));
    }
}

/// <summary>Nesterov momentum over K weights: v ← μ·v + g, w ← w − lr·(g + μ·v) (as <see cref="Nesterov{T}"/>).</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="values">The hyperparameters (lr, μ).</param>
public readonly struct WeightNesterov<T>(OptimizerValues<T> values) : IWeightOptimizer<T> where T : struct, IReal<T>
{
    private readonly T learningRate = values.LearningRate;
    private readonly T momentum = values.Momentum;

    /// <inheritdoc/>
    public static bool KeepsState => true;

    /// <inheritdoc/>
    public void Advance(ref OptimizerSchedule<T> schedule)
    {
        // Nothing depends on the step number.
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step<TModel, TWeights, THessian>(in TModel model, in OptimizerSchedule<T> schedule, ref WeightMoments<T, TWeights> moments,
        ref TWeights weights, in TWeights gradient)
        where TModel : struct, IWeightModel
        where TWeights : struct, IWeights<T, TWeights>
        where THessian : struct, ISymmetricWeights<T, THessian>
    {
        TWeights velocity = TWeights.Map(moments.First, gradient, gradient, new Velocity<T>(momentum));
        moments.First = velocity;
        weights = TWeights.Map(weights, gradient, velocity, new NesterovUpdate<T>(learningRate, momentum));
    }
}

/// <summary>RMSProp over K weights: s ← ρ·s + (1−ρ)·g², w ← w − lr·g/(√s + ε), a mean square per weight (as <see cref="RmsProp{T}"/>).</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="values">The hyperparameters (lr, ρ as β2, ε).</param>
public readonly struct WeightRmsProp<T>(OptimizerValues<T> values) : IWeightOptimizer<T> where T : struct, IReal<T>
{
    private readonly T learningRate = values.LearningRate;
    private readonly T decay = values.Beta2;
    private readonly T oneMinusDecay = values.OneMinusBeta2;
    private readonly T epsilon = values.Epsilon;

    /// <inheritdoc/>
    public static bool KeepsState => true;

    /// <inheritdoc/>
    public void Advance(ref OptimizerSchedule<T> schedule)
    {
        // Nothing depends on the step number.
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step<TModel, TWeights, THessian>(in TModel model, in OptimizerSchedule<T> schedule, ref WeightMoments<T, TWeights> moments,
        ref TWeights weights, in TWeights gradient)
        where TModel : struct, IWeightModel
        where TWeights : struct, IWeights<T, TWeights>
        where THessian : struct, ISymmetricWeights<T, THessian>
    {
        TWeights square = TWeights.Map(moments.Second, gradient, gradient, new MeanSquare<T>(decay, oneMinusDecay));
        moments.Second = square;
        weights = TWeights.Map(weights, gradient, square, new Normalized<T>(learningRate, epsilon));
    }
}

/// <summary>
/// Adam over K weights: two moments per weight, the bias corrections shared by all weights and taken once per step by
/// <see cref="Adam{T}.Advance"/> itself (one schedule code for the 2-D and the K-weight rule), the update
/// w ← w − stepSize·m/(√v + ε·√(1−β2ᵗ)) as in <see cref="Adam{T}"/>.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="values">The hyperparameters (lr, β1, β2, ε).</param>
public readonly struct WeightAdam<T>(OptimizerValues<T> values) : IWeightOptimizer<T> where T : struct, IReal<T>
{
    private readonly Adam<T> schedule = new(values);
    private readonly T oneMinusBeta1 = values.OneMinusBeta1;
    private readonly T oneMinusBeta2 = values.OneMinusBeta2;

    /// <inheritdoc/>
    public static bool KeepsState => true;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(ref OptimizerSchedule<T> schedule) => this.schedule.Advance(ref schedule);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step<TModel, TWeights, THessian>(in TModel model, in OptimizerSchedule<T> schedule, ref WeightMoments<T, TWeights> moments,
        ref TWeights weights, in TWeights gradient)
        where TModel : struct, IWeightModel
        where TWeights : struct, IWeights<T, TWeights>
        where THessian : struct, ISymmetricWeights<T, THessian>
    {
        TWeights first = TWeights.Map(moments.First, gradient, gradient, new FirstMoment<T>(oneMinusBeta1));
        TWeights second = TWeights.Map(moments.Second, gradient, gradient, new SecondMoment<T>(oneMinusBeta2));
        moments.First = first;
        moments.Second = second;
        weights = TWeights.Map(weights, first, second, new Normalized<T>(schedule.StepSize, schedule.ScaledEpsilon));
    }
}

/// <summary>
/// Damped Newton over K weights: w ← w − lr·(H + εI)⁻¹g with the model's full Hessian, solved by
/// <see cref="SymmetricSolve.Solve{T, TWeights, THessian}"/> (an LDLᵀ factorization written over the symmetric type).
/// Like the 2-D <see cref="Newton{T}"/> it is drawn to saddles and maxima as much as to minima.
/// </summary>
/// <remarks>
/// Capped at <see cref="WeightDescent.MaxNewtonWeights"/> weights: the factor lives in a
/// <see cref="SymmetricWeights16{T}"/> (136 entries), the largest generated matrix; at float32 it and the three
/// vectors of the step fit one GPU thread's 255 registers, and beyond that the factor (growing as K²) would spill to
/// local memory on every step.
/// </remarks>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="values">The hyperparameters (lr, ε as the damping).</param>
public readonly struct WeightNewton<T>(OptimizerValues<T> values) : IWeightOptimizer<T> where T : struct, IReal<T>
{
    private readonly T negativeLearningRate = values.NegativeLearningRate;
    private readonly T damping = values.Epsilon;

    /// <inheritdoc/>
    public static bool KeepsState => false;

    /// <inheritdoc/>
    public void Advance(ref OptimizerSchedule<T> schedule)
    {
        // Nothing depends on the step number.
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step<TModel, TWeights, THessian>(in TModel model, in OptimizerSchedule<T> schedule, ref WeightMoments<T, TWeights> moments,
        ref TWeights weights, in TWeights gradient)
        where TModel : struct, IWeightModel
        where TWeights : struct, IWeights<T, TWeights>
        where THessian : struct, ISymmetricWeights<T, THessian>
    {
        model.Hessian<T, TWeights, THessian>(weights, out THessian hessian);
        TWeights direction = SymmetricSolve.Solve<T, TWeights, THessian>(ref hessian, damping, gradient, model.Count);
        weights = TWeights.Map(direction, weights, weights, new ScaledAdd<T>(negativeLearningRate));
    }
}
