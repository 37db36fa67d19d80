using LandscapeGpu.Landscapes.Formulas.Nodes;
using LandscapeGpu.Landscapes.Formulas.Symbolic;

namespace LandscapeGpu.Landscapes.Formulas;

/// <summary>
/// Chooses how a formula's gradient is computed: its two partial derivatives, differentiated symbolically,
/// simplified, with multiply-adds fused (<see cref="ExpressionFusion"/>), and compiled like the formula, unless together they would hold more than
/// <see cref="MaxGradientNodes"/> nodes; then forward-mode automatic differentiation, whose code grows only in
/// proportion to the formula (a product of many factors has a derivative of quadratic size).
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
    /// The gradient rule for <paramref name="formula"/>: a <see cref="SymbolicGradient{TGradientX, TGradientY}"/>, or
    /// <see cref="AutomaticGradient"/> where the derivatives would be too large or a leaf has no derivative rule.
    /// </summary>
    public static IFormulaGradient Create(Expression formula)
    {
        ArgumentNullException.ThrowIfNull(formula);
        if (TryDifferentiate(formula) is not { } derivatives)
        {
            return new AutomaticGradient();
        }

        IFormulaNode gradientX = FormulaCompiler.CompileWithLiteralConstants(ExpressionFusion.Fuse(derivatives.X));
        IFormulaNode gradientY = FormulaCompiler.CompileWithLiteralConstants(ExpressionFusion.Fuse(derivatives.Y));
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
