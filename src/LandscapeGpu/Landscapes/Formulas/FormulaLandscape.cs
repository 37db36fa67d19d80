using System.Runtime.CompilerServices;
using ILGPU;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.Formulas;

/// <summary>
/// A cost surface typed as a formula: the loss is the compiled formula, the gradient its exact derivative by
/// forward-mode automatic differentiation (<see cref="Derivatives.Gradient"/>), never finite differences. It carries
/// only numbers, so it runs in kernels and in host code over any number type as it is.
/// </summary>
/// <typeparam name="TFormula">The compiled formula's node type.</typeparam>
/// <param name="formula">The compiled formula.</param>
public readonly struct FormulaLandscape<TFormula>(TFormula formula) : ILandscape where TFormula : struct, IFormulaNode
{
    /// <summary>The compiled formula.</summary>
    public readonly TFormula Formula = formula;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Loss<T>(T x, T y) where T : struct, IReal<T> => Formula.Evaluate(x, y, default(ArrayView<double>), 0);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Gradient<T>(T x, T y, out T gradientX, out T gradientY) where T : struct, IReal<T> =>
        Derivatives.Gradient(this, x, y, out gradientX, out gradientY);
}
