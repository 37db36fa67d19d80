using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Optimizers;

/// <summary>
/// The hyperparameters of one start (or, in a SIMD number type, of one start per lane), in float64: what a map whose
/// axes carry hyperparameters (<see cref="Descents.MapAxes"/>) computes per start before its descent.
/// </summary>
/// <param name="LearningRate">lr; with <paramref name="LearningRateY"/>, the learning rate of x (a model's first free weight).</param>
/// <param name="LearningRateY">The learning rate of y (a model's second free weight): lr unless a map's axis gives the weights rates of their own.</param>
/// <param name="Momentum">μ (momentum, nesterov).</param>
/// <param name="Beta1">β1 (adam).</param>
/// <param name="Beta2">β2 (adam; rmsprop's ρ).</param>
/// <param name="Epsilon">ε (adam, rmsprop); the damping (newton).</param>
public readonly record struct Hyperparameters(double LearningRate, double LearningRateY, double Momentum, double Beta1, double Beta2, double Epsilon)
{
    /// <summary>Hyperparameters with one learning rate for both coordinates.</summary>
    public Hyperparameters(double learningRate, double momentum, double beta1, double beta2, double epsilon)
        : this(learningRate, learningRate, momentum, beta1, beta2, epsilon)
    {
    }

    /// <summary>The hyperparameters of <paramref name="settings"/>.</summary>
    public static Hyperparameters Of(OptimizerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(settings.LearningRate, settings.Momentum, settings.Beta1, settings.Beta2, settings.Epsilon);
    }
}

/// <summary>
/// Hyperparameters converted to the number type once, as every optimizer is built from them: the values and the
/// differences the rules use (1 − β), each computed in float64 and then rounded, so that a start's optimizer has the
/// same bits whether it was built from <see cref="OptimizerSettings"/>, from one start's <see cref="Hyperparameters"/>
/// in a kernel, or lane by lane in the SIMD engine. Each coordinate has a learning rate of its own (a model's
/// per-weight rates); with one rate for both, the y rate is the same bits as the x rate, so y − lr·g rounds as before.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public readonly struct OptimizerValues<T> where T : struct, IReal<T>
{
    /// <summary>Builds the values from their parts, each already rounded to <typeparamref name="T"/>.</summary>
    /// <param name="learningRate">lr of x.</param>
    /// <param name="negativeLearningRate">−lr of x.</param>
    /// <param name="learningRateY">lr of y.</param>
    /// <param name="negativeLearningRateY">−lr of y.</param>
    /// <param name="sameLearningRates">Whether the two learning rates are the same bits in every lane (see <see cref="SameLearningRates"/>).</param>
    /// <param name="momentum">μ.</param>
    /// <param name="beta1">β1.</param>
    /// <param name="oneMinusBeta1">1 − β1.</param>
    /// <param name="beta2">β2.</param>
    /// <param name="oneMinusBeta2">1 − β2.</param>
    /// <param name="epsilon">ε.</param>
    public OptimizerValues(T learningRate, T negativeLearningRate, T learningRateY, T negativeLearningRateY, bool sameLearningRates,
        T momentum, T beta1, T oneMinusBeta1, T beta2, T oneMinusBeta2, T epsilon)
    {
        LearningRate = learningRate;
        NegativeLearningRate = negativeLearningRate;
        LearningRateY = learningRateY;
        NegativeLearningRateY = negativeLearningRateY;
        SameLearningRates = sameLearningRates;
        Momentum = momentum;
        Beta1 = beta1;
        OneMinusBeta1 = oneMinusBeta1;
        Beta2 = beta2;
        OneMinusBeta2 = oneMinusBeta2;
        Epsilon = epsilon;
    }

    /// <summary>lr.</summary>
    public T LearningRate { get; }

    /// <summary>−lr.</summary>
    public T NegativeLearningRate { get; }

    /// <summary>lr of y: <see cref="LearningRate"/> unless the weights have rates of their own.</summary>
    public T LearningRateY { get; }

    /// <summary>−lr of y.</summary>
    public T NegativeLearningRateY { get; }

    /// <summary>
    /// Whether <see cref="LearningRateY"/> is <see cref="LearningRate"/> in every lane: a rule may then reuse what it
    /// computed from the x rate for y (Adam's step size, once per step) and get the same bits.
    /// </summary>
    public bool SameLearningRates { get; }

    /// <summary>μ.</summary>
    public T Momentum { get; }

    /// <summary>β1.</summary>
    public T Beta1 { get; }

    /// <summary>1 − β1, computed in float64.</summary>
    public T OneMinusBeta1 { get; }

    /// <summary>β2 (rmsprop's ρ).</summary>
    public T Beta2 { get; }

    /// <summary>1 − β2, computed in float64.</summary>
    public T OneMinusBeta2 { get; }

    /// <summary>ε (newton's damping).</summary>
    public T Epsilon { get; }

    /// <summary>The values of <paramref name="settings"/>, the same in every lane.</summary>
    public static OptimizerValues<T> Of(OptimizerSettings settings) => Of(Hyperparameters.Of(settings));

    /// <summary>The values of <paramref name="hyperparameters"/>, the same in every lane.</summary>
    public static OptimizerValues<T> Of(Hyperparameters hyperparameters) => new(
        T.Of(hyperparameters.LearningRate), T.Of(-hyperparameters.LearningRate), T.Of(hyperparameters.LearningRateY), T.Of(-hyperparameters.LearningRateY),
        BitConverter.DoubleToInt64Bits(hyperparameters.LearningRate) == BitConverter.DoubleToInt64Bits(hyperparameters.LearningRateY), T.Of(hyperparameters.Momentum),
        T.Of(hyperparameters.Beta1), T.Of(1 - hyperparameters.Beta1), T.Of(hyperparameters.Beta2), T.Of(1 - hyperparameters.Beta2),
        T.Of(hyperparameters.Epsilon));
}

/// <summary>
/// Builds an optimizer of type <typeparamref name="TOptimizer"/> from <see cref="OptimizerValues{T}"/>: how an engine
/// gives each start of a hyperparameter map its own optimizer, in a kernel or per group of SIMD lanes.
/// </summary>
/// <typeparam name="TOptimizer">The optimizer.</typeparam>
/// <typeparam name="T">The number type.</typeparam>
public interface IOptimizerFactory<TOptimizer, T>
    where TOptimizer : struct, IOptimizer<T>
    where T : struct, IReal<T>
{
    /// <summary>The optimizer with these hyperparameters.</summary>
    TOptimizer Create(in OptimizerValues<T> values);
}

/// <summary>Builds <see cref="GradientDescent{T}"/>.</summary>
/// <typeparam name="T">The number type.</typeparam>
public readonly struct GradientDescentFactory<T> : IOptimizerFactory<GradientDescent<T>, T> where T : struct, IReal<T>
{
    /// <inheritdoc/>
    public GradientDescent<T> Create(in OptimizerValues<T> values) => new(values);
}

/// <summary>Builds <see cref="Momentum{T}"/>.</summary>
/// <typeparam name="T">The number type.</typeparam>
public readonly struct MomentumFactory<T> : IOptimizerFactory<Momentum<T>, T> where T : struct, IReal<T>
{
    /// <inheritdoc/>
    public Momentum<T> Create(in OptimizerValues<T> values) => new(values);
}

/// <summary>Builds <see cref="Nesterov{T}"/>.</summary>
/// <typeparam name="T">The number type.</typeparam>
public readonly struct NesterovFactory<T> : IOptimizerFactory<Nesterov<T>, T> where T : struct, IReal<T>
{
    /// <inheritdoc/>
    public Nesterov<T> Create(in OptimizerValues<T> values) => new(values);
}

/// <summary>Builds <see cref="RmsProp{T}"/>.</summary>
/// <typeparam name="T">The number type.</typeparam>
public readonly struct RmsPropFactory<T> : IOptimizerFactory<RmsProp<T>, T> where T : struct, IReal<T>
{
    /// <inheritdoc/>
    public RmsProp<T> Create(in OptimizerValues<T> values) => new(values);
}

/// <summary>Builds <see cref="Adam{T}"/>.</summary>
/// <typeparam name="T">The number type.</typeparam>
public readonly struct AdamFactory<T> : IOptimizerFactory<Adam<T>, T> where T : struct, IReal<T>
{
    /// <inheritdoc/>
    public Adam<T> Create(in OptimizerValues<T> values) => new(values);
}

/// <summary>Builds <see cref="Newton{T}"/>.</summary>
/// <typeparam name="T">The number type.</typeparam>
public readonly struct NewtonFactory<T> : IOptimizerFactory<Newton<T>, T> where T : struct, IReal<T>
{
    /// <inheritdoc/>
    public Newton<T> Create(in OptimizerValues<T> values) => new(values);
}
