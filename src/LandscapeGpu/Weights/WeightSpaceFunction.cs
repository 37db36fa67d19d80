using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Weights;

/// <summary>
/// A generated model's loss, gradient and Hessian in float64 on the host (<see cref="IWeightSpaceFunction"/>): the
/// weights are copied into a <typeparamref name="TWeights"/> vector of <see cref="Real64"/> and the model struct's own
/// methods run, so the host reference and the descents compute one formula.
/// </summary>
/// <typeparam name="TModel">The generated model struct; its data view must be host-readable.</typeparam>
/// <typeparam name="TWeights">A weight vector of at least K entries.</typeparam>
/// <typeparam name="THessian">A symmetric matrix of the same capacity.</typeparam>
public sealed class WeightSpaceFunction<TModel, TWeights, THessian> : IWeightSpaceFunction
    where TModel : struct, IWeightModel
    where TWeights : struct, IWeights<Real64, TWeights>
    where THessian : struct, ISymmetricWeights<Real64, THessian>
{
    private readonly TModel model;

    /// <summary>Wraps <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">The model has more weights than <typeparamref name="TWeights"/> holds, or the two capacities differ.</exception>
    public WeightSpaceFunction(TModel model)
    {
        if (model.Count > TWeights.Capacity || THessian.Capacity != TWeights.Capacity)
        {
            throw new ArgumentException(
                $"a model of {model.Count} weights needs vectors of at least that capacity; given {TWeights.Capacity} and a matrix of {THessian.Capacity}", nameof(model));
        }

        this.model = model;
    }

    /// <inheritdoc/>
    public int Dimension => model.Count;

    /// <inheritdoc/>
    public double Loss(ReadOnlySpan<double> weights) => model.Loss<Real64, TWeights>(Vector(weights)).Value;

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> weights, Span<double> gradient)
    {
        CheckLength(gradient.Length, Dimension, nameof(gradient));
        model.Gradient<Real64, TWeights>(Vector(weights), out TWeights result);
        for (int k = 0; k < Dimension; k++)
        {
            gradient[k] = TWeights.Get(result, k).Value;
        }
    }

    /// <inheritdoc/>
    public void Hessian(ReadOnlySpan<double> weights, Span<double> hessian)
    {
        int count = Dimension;
        CheckLength(hessian.Length, count * count, nameof(hessian));
        model.Hessian<Real64, TWeights, THessian>(Vector(weights), out THessian result);
        for (int row = 0; row < count; row++)
        {
            for (int column = 0; column < count; column++)
            {
                hessian[row * count + column] = THessian.Get(result, row, column).Value;
            }
        }
    }

    private TWeights Vector(ReadOnlySpan<double> weights)
    {
        CheckLength(weights.Length, Dimension, nameof(weights));
        TWeights vector = default;
        for (int k = 0; k < weights.Length; k++)
        {
            TWeights.Set(ref vector, k, new Real64(weights[k]));
        }

        return vector;
    }

    private void CheckLength(int length, int expected, string name)
    {
        if (length != expected)
        {
            throw new ArgumentException($"{name} has {length} entries, not the {expected} a function of {Dimension} weights takes", name);
        }
    }
}
