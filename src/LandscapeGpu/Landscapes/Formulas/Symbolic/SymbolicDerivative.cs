using LandscapeGpu.Landscapes.Formulas.Nodes;
using static LandscapeGpu.Landscapes.Formulas.Symbolic.ExpressionAlgebra;

namespace LandscapeGpu.Landscapes.Formulas.Symbolic;

/// <summary>
/// The partial derivative of an <see cref="Expression"/> in one axis variable, by the rules of calculus, simplified
/// as it is built (<see cref="ExpressionAlgebra"/>). At a kink the rule picks the side that forward-mode automatic
/// differentiation (<see cref="Arithmetic.Dual{T}"/> through the compiled nodes) picks, so both give the same
/// gradient: |a|' = −a' where a &lt; 0, else a'; relu' = 0 where a &lt; 0, else a'; min' = a' where a &lt; b, else b';
/// max' = b' where a &lt; b, else a'.
/// </summary>
public static class SymbolicDerivative
{
    /// <summary>∂<paramref name="expression"/>/∂axis, where the axis variable is the leaf node of type <paramref name="axis"/>.</summary>
    /// <param name="expression">What to differentiate.</param>
    /// <param name="axis"><see cref="AxisX"/> or <see cref="AxisY"/>.</param>
    /// <exception cref="NotSupportedException">The expression holds a leaf that is neither an axis nor a data column.</exception>
    public static Expression Of(Expression expression, Type axis)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(axis);
        if (axis != typeof(AxisX) && axis != typeof(AxisY))
        {
            throw new ArgumentOutOfRangeException(nameof(axis), axis.Name, "the axis is AxisX or AxisY");
        }

        return Differentiate(expression, new LeafExpression((IFormulaNode)Activator.CreateInstance(axis)!));
    }

    /// <summary>∂<paramref name="expression"/>/∂w, where w is the trained weight <see cref="WeightExpression"/> of index <paramref name="weight"/>.</summary>
    /// <param name="expression">What to differentiate: a model over trained weights, data columns and numbers.</param>
    /// <param name="weight">The trained weight's index.</param>
    /// <exception cref="NotSupportedException">The expression holds a leaf that is neither a weight, an axis nor a data column.</exception>
    public static Expression Of(Expression expression, int weight)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        return Differentiate(expression, new WeightExpression(weight));
    }

    // The variable is an axis leaf or a trained weight; every other leaf is a constant as far as it is concerned.
    private static Expression Differentiate(Expression expression, Expression axis) => expression switch
    {
        NumberExpression => NumberExpression.Zero,
        LeafExpression leaf => OfLeaf(leaf, axis),
        WeightExpression weight => weight.Equals(axis) ? NumberExpression.One : NumberExpression.Zero,
        UnaryExpression unary => OfUnary(unary, Differentiate(unary.Operand, axis)),
        BinaryExpression binary => OfBinary(binary, axis),
        IntegerPowerExpression power => Multiply(
            Multiply(new NumberExpression(power.Exponent), IntegerPower(power.Operand, power.Exponent - 1)),
            Differentiate(power.Operand, axis)),
        SelectExpression select => Select(select.Left, select.Right, Differentiate(select.Then, axis), Differentiate(select.Otherwise, axis)),
        _ => throw new NotSupportedException($"no derivative rule for {expression.GetType().Name}"),
    };

    private static Expression OfLeaf(LeafExpression leaf, Expression axis) => leaf.Node switch
    {
        AxisX or AxisY => leaf.Equals(axis) ? NumberExpression.One : NumberExpression.Zero,
        DataColumn => NumberExpression.Zero,
        _ => throw new NotSupportedException($"no derivative rule for the leaf {leaf.Node.GetType().Name}"),
    };

    // f(a)' = f'(a) · a', with f' written so that it evaluates as the automatic derivative does.
    private static Expression OfUnary(UnaryExpression f, Expression slope)
    {
        Expression a = f.Operand;
        return f.Operation switch
        {
            UnaryOperation.Negate => Negate(slope),
            UnaryOperation.Sine => Multiply(Unary(UnaryOperation.Cosine, a), slope),
            UnaryOperation.Cosine => Negate(Multiply(Unary(UnaryOperation.Sine, a), slope)),
            UnaryOperation.Tangent => Divide(slope, IntegerPower(Unary(UnaryOperation.Cosine, a), 2)),
            UnaryOperation.Exponential => Multiply(f, slope),
            UnaryOperation.Logarithm => Divide(slope, a),
            UnaryOperation.SquareRoot => Divide(Multiply(new NumberExpression(0.5), slope), f),
            UnaryOperation.AbsoluteValue => Select(a, NumberExpression.Zero, Negate(slope), slope),
            UnaryOperation.HyperbolicTangent => Multiply(Subtract(NumberExpression.One, IntegerPower(f, 2)), slope),
            UnaryOperation.Sigmoid => Multiply(Unary(UnaryOperation.SigmoidSlope, a), slope),
            UnaryOperation.Relu => Select(a, NumberExpression.Zero, NumberExpression.Zero, slope),
            UnaryOperation.Softplus => Multiply(Unary(UnaryOperation.Sigmoid, a), slope),
            UnaryOperation.SigmoidSlope => Multiply(
                Multiply(f, Subtract(NumberExpression.One, Multiply(new NumberExpression(2), Unary(UnaryOperation.Sigmoid, a)))),
                slope),
            _ => throw new NotSupportedException($"no derivative rule for {f.Operation}"),
        };
    }

    private static Expression OfBinary(BinaryExpression f, Expression axis)
    {
        Expression a = f.Left, b = f.Right;
        Expression da = Differentiate(a, axis), db = Differentiate(b, axis);
        return f.Operation switch
        {
            BinaryOperation.Add => Add(da, db),
            BinaryOperation.Subtract => Subtract(da, db),
            BinaryOperation.Multiply => Add(Multiply(da, b), Multiply(a, db)),
            // (a' − (a/b)·b')/b: the quotient rule as the automatic derivative evaluates it.
            BinaryOperation.Divide => Divide(Subtract(da, Multiply(Divide(a, b), db)), b),
            BinaryOperation.Power => OfPower(f, da, db),
            BinaryOperation.Minimum => Select(a, b, da, db),
            BinaryOperation.Maximum => Select(a, b, db, da),
            _ => throw new NotSupportedException($"no derivative rule for {f.Operation}"),
        };
    }

    // (a^b)' = a^b · (b'·log a + b·a'/a); with a constant exponent, b·a^(b−1)·a'.
    private static Expression OfPower(BinaryExpression power, Expression da, Expression db)
    {
        Expression a = power.Left, b = power.Right;
        if (db is NumberExpression { Value: 0 })
        {
            Expression lowered = new BinaryExpression(BinaryOperation.Power, a, Subtract(b, NumberExpression.One));
            return Multiply(Multiply(b, lowered), da);
        }

        Expression logarithm = Unary(UnaryOperation.Logarithm, a);
        Expression rate = Add(Multiply(db, logarithm), Divide(Multiply(b, da), a));
        return Multiply(power, rate);
    }
}
