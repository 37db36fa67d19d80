using LandscapeGpu.Landscapes.Formulas.Nodes;
using LandscapeGpu.Landscapes.Formulas.Symbolic;

namespace LandscapeGpu.Landscapes.Formulas;

/// <summary>
/// A formula's symbolic partial derivatives, simplified, for the emitted IL (<see cref="Emitted.FormulaEmitter"/>),
/// unless together they would hold more than <see cref="MaxGradientNodes"/> nodes: such a formula runs as node structs
/// with forward-mode automatic differentiation (<see cref="AutomaticGradient"/>), whose code grows only in proportion
/// to the formula (a product of many factors has a derivative of quadratic size).
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

/// <summary>How a typed formula is compiled (<see cref="FormulaLandscapes"/>): as IL where it can be, or as node structs with automatic differentiation.</summary>
public enum FormulaGradientChoice
{
    /// <summary>
    /// IL emitted for the formula and its symbolic derivatives (<see cref="Emitted.FormulaEmitter"/>), where the
    /// derivatives fit the node limit; else node structs with automatic differentiation (the default).
    /// </summary>
    Emitted,

    /// <summary>Node structs with automatic differentiation, always (tests compare the two ways).</summary>
    Automatic,
}
