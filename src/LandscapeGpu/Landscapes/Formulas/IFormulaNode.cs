using ILGPU;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.Formulas;

/// <summary>
/// One node of a compiled formula. A formula becomes a value of a nested generic struct type (for example
/// <c>Add&lt;Square&lt;AxisX&gt;, AxisY&gt;</c>) built at run time by <see cref="FormulaCompiler"/>: ILGPU and the .NET JIT
/// then specialize and inline the whole expression like hand-written code, inside kernels and in host code over any
/// <see cref="IReal{TSelf}"/> (SIMD lanes, <see cref="Dual{T}"/>, <see cref="HyperDual{T}"/>). Constants live in fields.
/// </summary>
public interface IFormulaNode
{
    /// <summary>
    /// The node's value at (<paramref name="x"/>, <paramref name="y"/>): the two axis variables. Data columns are read
    /// from row <paramref name="rowStart"/> of <paramref name="data"/> (row-major; empty for a plain formula).
    /// </summary>
    T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T>;
}
