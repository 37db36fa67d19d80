using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Weights;

/// <summary>
/// A weight model as a float64 <see cref="IWeightSpaceFunction"/> for the full-space clustering: the model's own
/// generic Loss, Gradient and Hessian with <see cref="Real64"/> in a <see cref="Weights16{T}"/> (one code for the
/// descents and the refinement). Safe to call from several threads: it keeps no state.
/// </summary>
/// <typeparam name="TModel">The model (bound to host memory).</typeparam>
/// <param name="model">The model.</param>
public sealed class WeightModelFunction<TModel>(TModel model) : IWeightSpaceFunction
    where TModel : struct, IWeightModel
{
    private readonly TModel model = model;

    /// <inheritdoc/>
    public int Dimension => model.Count;

    /// <inheritdoc/>
    public double Loss(ReadOnlySpan<double> weights) => model.Loss<Real64, Weights16<Real64>>(Load(weights)).Value;

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> weights, Span<double> gradient)
    {
        model.Gradient<Real64, Weights16<Real64>>(Load(weights), out Weights16<Real64> result);
        for (int k = 0; k < model.Count; k++)
        {
            gradient[k] = Weights16<Real64>.Get(result, k).Value;
        }
    }

    /// <inheritdoc/>
    public void Hessian(ReadOnlySpan<double> weights, Span<double> hessian)
    {
        int count = model.Count;
        model.Hessian<Real64, Weights16<Real64>, SymmetricWeights16<Real64>>(Load(weights), out SymmetricWeights16<Real64> result);
        for (int row = 0; row < count; row++)
        {
            for (int column = 0; column < count; column++)
            {
                hessian[row * count + column] = SymmetricWeights16<Real64>.Get(result, row, column).Value;
            }
        }
    }

    private Weights16<Real64> Load(ReadOnlySpan<double> weights)
    {
        if (weights.Length != model.Count)
        {
            throw new ArgumentException($"the model has {model.Count} weights, not {weights.Length}", nameof(weights));
        }

        var vector = default(Weights16<Real64>);
        for (int k = 0; k < weights.Length; k++)
        {
            Weights16<Real64>.Set(ref vector, k, Real64.Of(weights[k]));
        }

        return vector;
    }
}
