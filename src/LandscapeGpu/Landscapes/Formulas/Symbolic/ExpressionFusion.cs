namespace LandscapeGpu.Landscapes.Formulas.Symbolic;

/// <summary>
/// Rewrites a · b + c (either order of the sum) and a · b − k for a number k as one <see cref="MultiplyAddExpression"/>,
/// from the leaves up, so SIMD lanes fuse them as a hand-written gradient does. a² counts as a · a where a is a leaf
/// or a number (evaluated twice at no cost). Only applied to derivatives: the loss is compiled as typed.
/// </summary>
public static class ExpressionFusion
{
    /// <summary><paramref name="expression"/> with its multiply-adds fused.</summary>
    public static Expression Fuse(Expression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return expression switch
        {
            BinaryExpression { Operation: BinaryOperation.Add } sum => FuseSum(Fuse(sum.Left), Fuse(sum.Right)),
            BinaryExpression { Operation: BinaryOperation.Subtract, Right: NumberExpression subtrahend } difference
                when AsProduct(Fuse(difference.Left)) is (Expression a, Expression b) =>
                new MultiplyAddExpression(a, b, new NumberExpression(-subtrahend.Value)),
            BinaryExpression binary => binary with { Left = Fuse(binary.Left), Right = Fuse(binary.Right) },
            UnaryExpression unary => unary with { Operand = Fuse(unary.Operand) },
            IntegerPowerExpression power => power with { Operand = Fuse(power.Operand) },
            SelectExpression select => new SelectExpression(Fuse(select.Left), Fuse(select.Right), Fuse(select.Then), Fuse(select.Otherwise)),
            _ => expression,
        };
    }

    private static Expression FuseSum(Expression left, Expression right) =>
        AsProduct(left) is (Expression a, Expression b) ? new MultiplyAddExpression(a, b, right)
        : AsProduct(right) is (Expression c, Expression d) ? new MultiplyAddExpression(c, d, left)
        : new BinaryExpression(BinaryOperation.Add, left, right);

    private static (Expression, Expression)? AsProduct(Expression expression) => expression switch
    {
        BinaryExpression { Operation: BinaryOperation.Multiply } product => (product.Left, product.Right),
        IntegerPowerExpression { Exponent: 2, Operand: LeafExpression or WeightExpression or NumberExpression } square => (square.Operand, square.Operand),
        _ => null,
    };
}
