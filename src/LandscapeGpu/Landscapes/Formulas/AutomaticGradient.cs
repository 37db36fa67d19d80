using System.Runtime.CompilerServices;
using ILGPU;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.Formulas;

/// <summary>
/// The gradient of a formula by one pass of the formula over <see cref="Dual{T}"/>: what a formula falls back on
/// when its symbolic derivatives would be too large to compile (see <see cref="FormulaGradients"/>).
/// </summary>
public readonly struct AutomaticGradient : IFormulaGradient
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Evaluate<TFormula, T>(in TFormula formula, T x, T y, out T gradientX, out T gradientY)
        where TFormula : struct, IFormulaNode
        where T : struct, IReal<T>
    {
        Dual<T> loss = formula.Evaluate(Dual<T>.VariableX(x), Dual<T>.VariableY(y), default(ArrayView<double>), 0);
        gradientX = loss.Dx;
        gradientY = loss.Dy;
    }
}
