using LandscapeGpu.Landscapes.Formulas.Nodes;
using LandscapeGpu.Landscapes.Formulas.Symbolic;

namespace LandscapeGpu.Landscapes.Formulas;

/// <summary>
/// Chooses how a formula's gradient is computed: its two partial derivatives, differentiated symbolically,
/// simplified, with multiply-adds fused (<see cref="ExpressionFusion"/>), and compiled like the formula, unless together they would hold more than
/// <see cref="MaxGradientNodes"/> nodes; then forward-mode automatic differentiation, whose code grows only in
/// proportion to the formula (a product of many factors has a derivative of quadratic size), and which computes each
/// function once where the two derivatives would repeat it (see <see cref="GradientCost"/>).
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
    /// <see cref="AutomaticGradient"/> where the derivatives would be too large, a leaf has no derivative rule, or the
    /// derivatives would repeat so many transcendental functions that they are estimated slower (<see cref="GradientCost"/>).
    /// </summary>
    /// <param name="formula">The formula.</param>
    /// <param name="choice">Which rule to prefer; <see cref="FormulaGradientChoice.Symbolic"/> still falls back where the derivatives are too large.</param>
    public static IFormulaGradient Create(Expression formula, FormulaGradientChoice choice = FormulaGradientChoice.Cheapest)
    {
        ArgumentNullException.ThrowIfNull(formula);
        if (choice == FormulaGradientChoice.Automatic
            || TryDifferentiate(formula) is not { } derivatives
            || (choice == FormulaGradientChoice.Cheapest
                && GradientCost.Plain(derivatives.X) + GradientCost.Plain(derivatives.Y) > GradientCost.Automatic(formula)))
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

/// <summary>Which gradient rule <see cref="FormulaGradients.Create"/> prefers.</summary>
public enum FormulaGradientChoice
{
    /// <summary>Symbolic, unless estimated slower than automatic differentiation (the default).</summary>
    Cheapest,

    /// <summary>Symbolic wherever the derivatives stay within the node limit (tests compare it with automatic differentiation).</summary>
    Symbolic,

    /// <summary>Automatic differentiation.</summary>
    Automatic,
}
