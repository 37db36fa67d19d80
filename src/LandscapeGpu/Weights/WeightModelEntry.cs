using ILGPU.Runtime;

namespace LandscapeGpu.Weights;

/// <summary>
/// Turns a model chosen at run time into a call specialized on its generated struct type: the visitor's generic
/// method receives the concrete <c>TModel</c> (see <see cref="WeightModelEntry.Accept"/>).
/// </summary>
/// <typeparam name="TResult">What the visit returns.</typeparam>
public interface IWeightModelVisitor<out TResult>
{
    /// <summary>Called with the concrete model struct.</summary>
    TResult Visit<TModel>(TModel model) where TModel : struct, IWeightModel;
}

/// <summary>
/// A model fitted to data, trained in K weights, with generated code for its loss, gradient and Hessian (see
/// <see cref="WeightModels.Create"/>): the K-weight descent dispatches on <see cref="Accept"/> (host memory: the SIMD
/// CPU engine, float64 probes) or on the entry of <see cref="BindTo"/> (an accelerator's copy of the data, for its
/// kernels); clustering and Newton refinement use <see cref="Function"/>.
/// </summary>
public abstract class WeightModelEntry
{
    /// <summary>The trained weights' names, in index order: index k of every weight vector is weight <c>Trained[k]</c>.</summary>
    public abstract IReadOnlyList<string> Trained { get; }

    /// <summary>K: how many weights are trained.</summary>
    public int Count => Trained.Count;

    /// <summary>
    /// The smallest weight-vector capacity that holds K weights (4, 8 or 16): the generated code reads and writes
    /// entries 0 to K − 1 of whatever vector it is given, so a descent must use <see cref="Weights4{T}"/>,
    /// <see cref="Weights8{T}"/> or <see cref="Weights16{T}"/> of at least this capacity.
    /// </summary>
    public int Capacity => WeightModels.CapacityFor(Count);

    /// <summary>The values of the model's weights that are not trained (constants in the generated code).</summary>
    public abstract IReadOnlyDictionary<string, double> Fixed { get; }

    /// <summary>What the model is, for summaries: e.g. <c>mse((w2*tanh(w1*x)) - y) over tanh (41 rows) in w1, w2</c>.</summary>
    public abstract string Description { get; }

    /// <summary>The generated struct type (implements <see cref="IWeightModel"/> and <see cref="Landscapes.Models.IModelData{TSelf}"/>).</summary>
    public abstract Type ModelType { get; }

    /// <summary>
    /// The loss, gradient and Hessian in float64 on the host, for clustering endpoints and Newton refinement: the same
    /// generated struct over <see cref="Arithmetic.Real64"/> and a weight vector of <see cref="Capacity"/>.
    /// </summary>
    public abstract IWeightSpaceFunction Function { get; }

    /// <summary>Calls <paramref name="visitor"/> with the concrete model struct, its data in host-readable memory (or on the accelerator, for an entry from <see cref="BindTo"/>).</summary>
    public abstract TResult Accept<TResult>(IWeightModelVisitor<TResult> visitor);

    /// <summary>
    /// This model made ready for kernels on <paramref name="accelerator"/>: the data is copied into the accelerator's
    /// memory once, and the binding's <see cref="WeightModelBinding.Model"/> visits a struct whose view points there.
    /// Dispose the binding when the kernels are done.
    /// </summary>
    public abstract WeightModelBinding BindTo(Accelerator accelerator);
}

/// <summary>
/// A model made ready for one ILGPU accelerator by <see cref="WeightModelEntry.BindTo"/>: <see cref="Model"/> is what
/// the engine dispatches on that accelerator, and disposing the binding frees the device memory it holds.
/// </summary>
public sealed class WeightModelBinding : IDisposable
{
    private readonly IDisposable deviceMemory;

    /// <summary>Wraps <paramref name="model"/> and the device memory its struct's view reads.</summary>
    public WeightModelBinding(WeightModelEntry model, IDisposable deviceMemory)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(deviceMemory);
        Model = model;
        this.deviceMemory = deviceMemory;
    }

    /// <summary>The model whose struct reads the accelerator's memory.</summary>
    public WeightModelEntry Model { get; }

    /// <inheritdoc/>
    public void Dispose() => deviceMemory.Dispose();
}
