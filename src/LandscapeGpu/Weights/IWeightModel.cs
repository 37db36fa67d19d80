using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Weights;

/// <summary>
/// A fixed-capacity vector of trained weights over the number type <typeparamref name="T"/>: the descent state of a
/// model trained in more weights than the two on the map's axes. Entries at and above the model's weight count are
/// zero and stay zero. Implementations hold their entries as fields (no arrays), so that they live in registers on a
/// GPU and in SIMD registers on the CPU.
/// </summary>
/// <typeparam name="T">The number type (one start on a GPU thread, one start per lane on the CPU).</typeparam>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
public interface IWeights<T, TSelf>
    where T : struct, IReal<T>
    where TSelf : struct, IWeights<T, TSelf>
{
    /// <summary>The most weights this vector holds.</summary>
    static abstract int Capacity { get; }

    /// <summary>Entry <paramref name="index"/>; generated code passes constant indices, which the JIT and ILGPU fold to a field access.</summary>
    static abstract T Get(in TSelf weights, int index);

    /// <summary>Sets entry <paramref name="index"/> (a constant at generated call sites).</summary>
    static abstract void Set(ref TSelf weights, int index, T value);

    /// <summary>
    /// Entry by entry, <paramref name="operation"/> applied to the entries of <paramref name="a"/>, <paramref name="b"/>
    /// and <paramref name="c"/> (written out field by field: the optimizers' per-weight rules). The operation must
    /// map three zeros to zero, so that entries beyond the model's weights stay zero.
    /// </summary>
    static abstract TSelf Map<TOperation>(in TSelf a, in TSelf b, in TSelf c, in TOperation operation)
        where TOperation : struct, IWeightOperation<T>;

    /// <summary>The sum of the entries' products, in index order, each added with one multiply-add (a squared norm with a = b).</summary>
    static abstract T Dot(in TSelf a, in TSelf b);
}

/// <summary>A rule applied to one entry of three weight vectors at a time (see <see cref="IWeights{T, TSelf}.Map"/>).</summary>
/// <typeparam name="T">The number type.</typeparam>
public interface IWeightOperation<T> where T : struct, IReal<T>
{
    /// <summary>The new entry from the three entries at the same index.</summary>
    T Apply(T a, T b, T c);
}

/// <summary>
/// A symmetric matrix of the same capacity as a weight vector (a Hessian): only entries with row ≥ column are stored;
/// entries outside the model's weight count are zero.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
public interface ISymmetricWeights<T, TSelf>
    where T : struct, IReal<T>
    where TSelf : struct, ISymmetricWeights<T, TSelf>
{
    /// <summary>The most rows (and columns) this matrix holds.</summary>
    static abstract int Capacity { get; }

    /// <summary>Entry (<paramref name="row"/>, <paramref name="column"/>), either order.</summary>
    static abstract T Get(in TSelf matrix, int row, int column);

    /// <summary>Sets entry (<paramref name="row"/>, <paramref name="column"/>) and its mirror.</summary>
    static abstract void Set(ref TSelf matrix, int row, int column, T value);
}

/// <summary>
/// The loss of a model over its K trained weights (index k is the k-th trained weight, in the order the model's
/// entry names them), generated per model: no interpretation per step, data rows read from the model's own memory.
/// The same struct runs in ILGPU kernels, on SIMD lanes and, with a float64 number type, as the host reference.
/// </summary>
public interface IWeightModel
{
    /// <summary>K: how many weights are trained.</summary>
    int Count { get; }

    /// <summary>The loss at <paramref name="weights"/>.</summary>
    T Loss<T, TWeights>(in TWeights weights)
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>;

    /// <summary>The gradient at <paramref name="weights"/> (entries at and above <see cref="Count"/> zero).</summary>
    void Gradient<T, TWeights>(in TWeights weights, out TWeights gradient)
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>;

    /// <summary>The Hessian at <paramref name="weights"/> (rows and columns at and above <see cref="Count"/> zero).</summary>
    void Hessian<T, TWeights, THessian>(in TWeights weights, out THessian hessian)
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
        where THessian : struct, ISymmetricWeights<T, THessian>;
}

/// <summary>
/// A weight-space function evaluated in float64 on the host, for clustering endpoints, refining attractors by
/// Newton's method and classifying them by the Hessian's eigenvalues.
/// </summary>
public interface IWeightSpaceFunction
{
    /// <summary>K: the length of every weight vector passed in.</summary>
    int Dimension { get; }

    /// <summary>The loss at <paramref name="weights"/>.</summary>
    double Loss(ReadOnlySpan<double> weights);

    /// <summary>Writes the gradient at <paramref name="weights"/> into <paramref name="gradient"/> (length K).</summary>
    void Gradient(ReadOnlySpan<double> weights, Span<double> gradient);

    /// <summary>Writes the Hessian at <paramref name="weights"/> into <paramref name="hessian"/> (K×K, row-major, symmetric).</summary>
    void Hessian(ReadOnlySpan<double> weights, Span<double> hessian);
}
