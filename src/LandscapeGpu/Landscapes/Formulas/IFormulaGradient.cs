using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.Formulas;

/// <summary>
/// How a <see cref="FormulaLandscape{TFormula, TGradient}"/> gets its gradient: compiled derivative formulas
/// (<see cref="SymbolicGradient{TGradientX, TGradientY}"/>) or forward-mode automatic differentiation of the formula
/// (<see cref="AutomaticGradient"/>). Either is exact; they differ only in rounding and speed.
/// </summary>
public interface IFormulaGradient
{
    /// <summary>The gradient of <paramref name="formula"/> at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    void Evaluate<TFormula, T>(in TFormula formula, T x, T y, out T gradientX, out T gradientY)
        where TFormula : struct, IFormulaNode
        where T : struct, IReal<T>;
}
