using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.Formulas;

/// <summary>
/// How a <see cref="FormulaLandscape{TFormula, TGradient}"/> gets its gradient. The program uses forward-mode automatic
/// differentiation of the formula (<see cref="AutomaticGradient"/>); the tests plug in compiled symbolic derivatives
/// as a reference for the emitted IL.
/// </summary>
public interface IFormulaGradient
{
    /// <summary>The gradient of <paramref name="formula"/> at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    void Evaluate<TFormula, T>(in TFormula formula, T x, T y, out T gradientX, out T gradientY)
        where TFormula : struct, IFormulaNode
        where T : struct, IReal<T>;
}
