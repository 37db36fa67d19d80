using LandscapeGpu.Landscapes.Formulas.Nodes;
using LandscapeGpu.Landscapes.Formulas.Symbolic;

namespace LandscapeGpu.Landscapes.Formulas;

/// <summary>
/// Chooses how a formula's gradient is computed by the node structs: its two partial derivatives, differentiated
/// symbolically, simplified, with multiply-adds fused (<see cref="ExpressionFusion"/>), and compiled like the formula,
/// unless together they would hold more than <see cref="MaxGradientNodes"/> nodes; then forward-mode automatic
/// differentiation, whose code grows only in proportion to the formula (a product of many factors has a derivative of
/// quadratic size). A typed formula of x and y is emitted as IL instead (<see cref="Emitted.FormulaEmitter"/>), with the
/// same derivatives.
/// </summary>
public static class FormulaGradients
{
    /// <summary>How many times the formula's own node count the two derivatives may hold together.</summary>
    public const int GrowthLimit = 4;

    /// <summary>Nodes the derivatives may always hold, whatever the formula's size: small formulas grow by more than the factor.</summary>
    public const int NodeAllowance = 32;

    /// <summary>The most nodes the two compiled derivatives of a formula of <paramref name="formulaNodes"/> nodes may hold together.</summary>
    public static int MaxGradientNodes(int formulaNodes) => GrowthLimit * formulaNodes + NodeAllowance;

    /// <summary>
    /// The gradient rule for a formula whose simplified derivatives are <paramref name="derivatives"/> (from
    /// <see cref="TryDifferentiate"/>): a <see cref="SymbolicGradient{TGradientX, TGradientY}"/> of them, or
    /// <see cref="AutomaticGradient"/> where there are none (too large, a leaf without a derivative rule, or not asked for).
    /// </summary>
    /// <param name="derivatives">∂f/∂x and ∂f/∂y, or null.</param>
    public static IFormulaGradient Create((Expression X, Expression Y)? derivatives)
    {
        if (derivatives is not { } both)
        {
            return new AutomaticGradient();
        }

        IFormulaNode gradientX = FormulaCompiler.CompileWithLiteralConstants(ExpressionFusion.Fuse(both.X));
        IFormulaNode gradientY = FormulaCompiler.CompileWithLiteralConstants(ExpressionFusion.Fuse(both.Y));
        Type rule = typeof(SymbolicGradient<,>).MakeGenericType(gradientX.GetType(), gradientY.GetType());
        return (IFormulaGradient)Activator.CreateInstance(rule, gradientX, gradientY)!;
    }

    /// <summary>
    /// The simplified partial derivatives of <paramref name="formula"/> in x and y, or null where together they
    /// hold more than <see cref="MaxGradientNodes"/> nodes or a leaf has no derivative rule.
    /// </summary>
    public static (Expression X, Expression Y)? TryDifferentiate(Expression formula)
    {
        ArgumentNullException.ThrowIfNull(formula);
        try
        {
            Expression x = ExpressionAlgebra.Simplify(SymbolicDerivative.Of(formula, typeof(AxisX)));
            Expression y = ExpressionAlgebra.Simplify(SymbolicDerivative.Of(formula, typeof(AxisY)));
            return x.NodeCount + y.NodeCount <= MaxGradientNodes(formula.NodeCount) ? (x, y) : null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}

/// <summary>How a typed formula is compiled (<see cref="FormulaLandscapes"/>): as IL, or as node structs with either gradient rule.</summary>
public enum FormulaGradientChoice
{
    /// <summary>
    /// IL emitted for the formula and its symbolic derivatives (<see cref="Emitted.FormulaEmitter"/>), where the
    /// derivatives fit the node limit; else node structs with automatic differentiation (the default).
    /// </summary>
    Emitted,

    /// <summary>Node structs with symbolic derivatives wherever they stay within the node limit (tests compare the ways).</summary>
    Symbolic,

    /// <summary>Automatic differentiation.</summary>
    Automatic,
}
