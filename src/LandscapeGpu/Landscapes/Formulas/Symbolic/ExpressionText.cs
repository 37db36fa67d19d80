using System.Globalization;
using LandscapeGpu.Landscapes.Formulas.Nodes;

namespace LandscapeGpu.Landscapes.Formulas.Symbolic;

/// <summary>
/// Writes an <see cref="Expression"/> in formula syntax with every operation in parentheses, e.g. <c>((2 * x) + y)</c>:
/// for tests and diagnostics. Nodes that only derivatives hold read as <c>select(a &lt; b, then, otherwise)</c>,
/// <c>sigmoidslope(a)</c> and <c>fma(a, b, c)</c>.
/// </summary>
public static class ExpressionText
{
    /// <summary>The text of <paramref name="expression"/>.</summary>
    public static string Format(Expression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return expression switch
        {
            NumberExpression number => number.Value.ToString("R", CultureInfo.InvariantCulture),
            LeafExpression { Node: AxisX } => "x",
            LeafExpression { Node: AxisY } => "y",
            LeafExpression { Node: DataColumn column } => $"column{column.Offset}",
            LeafExpression leaf => leaf.Node.GetType().Name,
            WeightExpression weight => $"weight{weight.Index.ToString(CultureInfo.InvariantCulture)}",
            UnaryExpression { Operation: UnaryOperation.Negate } negate => $"(-{Format(negate.Operand)})",
            UnaryExpression unary => $"{FunctionName(unary.Operation)}({Format(unary.Operand)})",
            BinaryExpression { Operation: BinaryOperation.Minimum or BinaryOperation.Maximum } call =>
                $"{(call.Operation == BinaryOperation.Minimum ? "min" : "max")}({Format(call.Left)}, {Format(call.Right)})",
            BinaryExpression binary => $"({Format(binary.Left)} {OperatorSymbol(binary.Operation)} {Format(binary.Right)})",
            IntegerPowerExpression power => $"({Format(power.Operand)} ^ {power.Exponent.ToString(CultureInfo.InvariantCulture)})",
            SelectExpression select => $"select({Format(select.Left)} < {Format(select.Right)}, {Format(select.Then)}, {Format(select.Otherwise)})",
            MultiplyAddExpression fused => $"fma({Format(fused.Left)}, {Format(fused.Right)}, {Format(fused.Addend)})",
            _ => expression.GetType().Name,
        };
    }

    private static string FunctionName(UnaryOperation operation) => operation switch
    {
        UnaryOperation.Sine => "sin",
        UnaryOperation.Cosine => "cos",
        UnaryOperation.Tangent => "tan",
        UnaryOperation.Exponential => "exp",
        UnaryOperation.Logarithm => "log",
        UnaryOperation.SquareRoot => "sqrt",
        UnaryOperation.AbsoluteValue => "abs",
        UnaryOperation.HyperbolicTangent => "tanh",
        _ => operation.ToString().ToLowerInvariant(),
    };

    private static string OperatorSymbol(BinaryOperation operation) => operation switch
    {
        BinaryOperation.Add => "+",
        BinaryOperation.Subtract => "-",
        BinaryOperation.Multiply => "*",
        BinaryOperation.Divide => "/",
        _ => "^",
    };
}
