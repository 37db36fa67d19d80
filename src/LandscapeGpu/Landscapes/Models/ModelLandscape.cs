using ILGPU;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes.Formulas;

namespace LandscapeGpu.Landscapes.Models;

/// <summary>
/// The loss of a model fitted to data, as a function of its two free weights on the grid axes:
/// mean over the rows of score(model(weights; row inputs) − row's y). Each loss evaluation visits every row,
/// so a descent step costs in proportion to the rows. The gradient is exact, by automatic differentiation. Models run
/// as generated IL (<see cref="Formulas.Emitted.ModelEmitter"/>); this node-struct form is the reference the tests
/// check the generated code against (<see cref="ModelLandscapes"/>' internal choice).
/// </summary>
/// <remarks>
/// <see cref="Data"/> is an ILGPU view: inside kernels it must point into the memory of the accelerator they run on
/// (see <see cref="LandscapeEntry.BindTo"/>); in host code it points into host-readable CPU memory, so any
/// <see cref="IReal{TSelf}"/> (float64, SIMD lanes) can evaluate the same struct.
/// </remarks>
/// <typeparam name="TModel">The compiled model formula: free weights as axis nodes, fixed weights as constants, inputs as data columns.</typeparam>
/// <typeparam name="TLoss">How a residual is scored.</typeparam>
/// <param name="model">The compiled model.</param>
/// <param name="data">The data, row-major.</param>
/// <param name="columns">Values per row.</param>
/// <param name="targetColumn">The index of y within a row.</param>
public readonly struct ModelLandscape<TModel, TLoss>(TModel model, ArrayView<double> data, int columns, int targetColumn)
    : ILandscape, IModelData<ModelLandscape<TModel, TLoss>>
    where TModel : struct, IFormulaNode
    where TLoss : struct, IResidualLoss
{
    /// <summary>The compiled model.</summary>
    public readonly TModel Model = model;

    /// <summary>The data, row-major.</summary>
    public readonly ArrayView<double> Data = data;

    /// <summary>Values per row.</summary>
    public readonly int Columns = columns;

    /// <summary>The index of y within a row.</summary>
    public readonly int TargetColumn = targetColumn;

    /// <inheritdoc/>
    ArrayView<double> IModelData<ModelLandscape<TModel, TLoss>>.Data => Data;

    /// <summary>This landscape reading its data from <paramref name="data"/> instead (the same values, elsewhere).</summary>
    public ModelLandscape<TModel, TLoss> WithData(ArrayView<double> data) => new(Model, data, Columns, TargetColumn);

    /// <inheritdoc/>
    public T Loss<T>(T x, T y) where T : struct, IReal<T>
    {
        TLoss score = default;
        int rows = (int)(Data.Length / Columns);
        T sum = T.Of(0);
        for (int row = 0; row < rows; row++)
        {
            int start = row * Columns;
            T residual = Model.Evaluate(x, y, Data, start) - T.OfRead(Data[start + TargetColumn]);
            sum += score.Score(residual);
        }

        return sum / T.Of(rows);
    }

    /// <inheritdoc/>
    public void Gradient<T>(T x, T y, out T gradientX, out T gradientY) where T : struct, IReal<T> =>
        Derivatives.Gradient(this, x, y, out gradientX, out gradientY);
}
