using System.Runtime.CompilerServices;
using ILGPU;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.Formulas;

/// <summary>
/// A cost surface as a tree of node structs: the loss is the compiled formula, the gradient its exact derivative, never
/// finite differences (automatic differentiation, <see cref="AutomaticGradient"/>). Models and the typed formulas
/// whose derivatives would be too large to emit run this way. It carries only numbers, so it runs in kernels and in
/// host code over any number type as it is.
/// </summary>
/// <typeparam name="TFormula">The compiled formula's node type.</typeparam>
/// <typeparam name="TGradient">How the gradient is computed.</typeparam>
/// <param name="formula">The compiled formula.</param>
/// <param name="gradient">How the gradient is computed.</param>
public readonly struct FormulaLandscape<TFormula, TGradient>(TFormula formula, TGradient gradient) : ILandscape
    where TFormula : struct, IFormulaNode
    where TGradient : struct, IFormulaGradient
{
    /// <summary>The compiled formula.</summary>
    public readonly TFormula Formula = formula;

    /// <summary>How the gradient is computed.</summary>
    public readonly TGradient GradientRule = gradient;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Loss<T>(T x, T y) where T : struct, IReal<T> => Formula.Evaluate(x, y, default(ArrayView<double>), 0);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Gradient<T>(T x, T y, out T gradientX, out T gradientY) where T : struct, IReal<T> =>
        GradientRule.Evaluate(Formula, x, y, out gradientX, out gradientY);
}
