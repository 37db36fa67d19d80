using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.Formulas.Symbolic;

/// <summary>
/// Builds expressions with local simplification, so that derivatives come out small: constants fold
/// (+ − · / and whole powers of numbers), constant factors move to the front of a product and merge,, 0 + a, a − 0, a · 1, a / 1 and a^1 give a; a · 0, 0 / a and a^0 give a constant;
/// −(−a) gives a, and signs move outwards (−a · b = −(a · b), a + (−b) = a − b). The identities hold in real
/// arithmetic; the ones that drop a term (a · 0 = 0) ignore that a NaN or infinite a would have made the result NaN,
/// as a derivative's structurally-zero terms should.
/// </summary>
public static class ExpressionAlgebra
{
    /// <summary>a + b, simplified.</summary>
    public static Expression Add(Expression left, Expression right) => (left, right) switch
    {
        (NumberExpression a, NumberExpression b) => new NumberExpression(a.Value + b.Value),
        (NumberExpression { Value: 0 }, _) => right,
        (_, NumberExpression { Value: 0 }) => left,
        (_, UnaryExpression { Operation: UnaryOperation.Negate } negated) => Subtract(left, negated.Operand),
        (UnaryExpression { Operation: UnaryOperation.Negate } negated, _) => Subtract(right, negated.Operand),
        _ => new BinaryExpression(BinaryOperation.Add, left, right),
    };

    /// <summary>a − b, simplified.</summary>
    public static Expression Subtract(Expression left, Expression right) => (left, right) switch
    {
        (NumberExpression a, NumberExpression b) => new NumberExpression(a.Value - b.Value),
        (_, NumberExpression { Value: 0 }) => left,
        (NumberExpression { Value: 0 }, _) => Negate(right),
        (_, UnaryExpression { Operation: UnaryOperation.Negate } negated) => Add(left, negated.Operand),
        _ => new BinaryExpression(BinaryOperation.Subtract, left, right),
    };

    /// <summary>a · b, simplified; a constant factor is kept on the left.</summary>
    public static Expression Multiply(Expression left, Expression right) => (left, right) switch
    {
        (NumberExpression a, NumberExpression b) => new NumberExpression(a.Value * b.Value),
        (NumberExpression { Value: 0 }, _) or (_, NumberExpression { Value: 0 }) => NumberExpression.Zero,
        (NumberExpression { Value: 1 }, _) => right,
        (_, NumberExpression { Value: 1 }) => left,
        (NumberExpression { Value: -1 }, _) => Negate(right),
        (_, NumberExpression { Value: -1 }) => Negate(left),
        (_, NumberExpression) => Multiply(right, left),
        (NumberExpression a, BinaryExpression { Operation: BinaryOperation.Multiply, Left: NumberExpression b } product) =>
            Multiply(new NumberExpression(a.Value * b.Value), product.Right),
        (not NumberExpression, BinaryExpression { Operation: BinaryOperation.Multiply, Left: NumberExpression c } product) =>
            Multiply(c, Multiply(left, product.Right)),
        (BinaryExpression { Operation: BinaryOperation.Multiply, Left: NumberExpression c } product, _) =>
            Multiply(c, Multiply(product.Right, right)),
        (UnaryExpression { Operation: UnaryOperation.Negate } negated, _) => Negate(Multiply(negated.Operand, right)),
        (_, UnaryExpression { Operation: UnaryOperation.Negate } negated) => Negate(Multiply(left, negated.Operand)),
        _ => new BinaryExpression(BinaryOperation.Multiply, left, right),
    };

    /// <summary>a / b, simplified (a division by the number 0 is kept, to give what the formula would).</summary>
    public static Expression Divide(Expression left, Expression right) => (left, right) switch
    {
        (NumberExpression { Value: 0 }, _) => NumberExpression.Zero,
        (_, NumberExpression { Value: 1 }) => left,
        (_, NumberExpression { Value: -1 }) => Negate(left),
        (NumberExpression a, NumberExpression b) when b.Value != 0 => new NumberExpression(a.Value / b.Value),
        (UnaryExpression { Operation: UnaryOperation.Negate } negated, _) => Negate(Divide(negated.Operand, right)),
        (_, UnaryExpression { Operation: UnaryOperation.Negate } negated) => Negate(Divide(left, negated.Operand)),
        _ => new BinaryExpression(BinaryOperation.Divide, left, right),
    };

    /// <summary>−a, simplified: −(−a) = a, −(a − b) = b − a.</summary>
    public static Expression Negate(Expression operand) => operand switch
    {
        NumberExpression a => new NumberExpression(-a.Value),
        UnaryExpression { Operation: UnaryOperation.Negate } negated => negated.Operand,
        BinaryExpression { Operation: BinaryOperation.Subtract } difference => new BinaryExpression(BinaryOperation.Subtract, difference.Right, difference.Left),
        _ => new UnaryExpression(UnaryOperation.Negate, operand),
    };

    /// <summary>aⁿ for a whole n, simplified: a⁰ = 1 (as the repeated product gives for any a), a¹ = a, numbers fold.</summary>
    public static Expression IntegerPower(Expression operand, int exponent) => (operand, exponent) switch
    {
        (_, 0) => NumberExpression.One,
        (_, 1) => operand,
        (NumberExpression a, _) => new NumberExpression(RepeatedPower(a.Value, exponent)),
        _ => new IntegerPowerExpression(operand, exponent),
    };

    /// <summary>f(a) for a function of one operand (unary minus simplifies; functions of numbers are left to run).</summary>
    public static Expression Unary(UnaryOperation operation, Expression operand) =>
        operation == UnaryOperation.Negate ? Negate(operand) : new UnaryExpression(operation, operand);

    /// <summary>An operation of two operands, simplified where it is arithmetic.</summary>
    public static Expression Binary(BinaryOperation operation, Expression left, Expression right) => operation switch
    {
        BinaryOperation.Add => Add(left, right),
        BinaryOperation.Subtract => Subtract(left, right),
        BinaryOperation.Multiply => Multiply(left, right),
        BinaryOperation.Divide => Divide(left, right),
        _ => new BinaryExpression(operation, left, right),
    };

    /// <summary>
    /// then where left &lt; right, else otherwise; simplified to one branch when both branches are the same
    /// expression or both sides of the comparison are numbers.
    /// </summary>
    public static Expression Select(Expression left, Expression right, Expression then, Expression otherwise) =>
        (left, right) switch
        {
            _ when ReferenceEquals(then, otherwise) || (then is NumberExpression a && otherwise is NumberExpression b && a.Value.Equals(b.Value)) => then,
            (NumberExpression l, NumberExpression r) => l.Value < r.Value ? then : otherwise,
            _ => new SelectExpression(left, right, then, otherwise),
        };

    /// <summary><paramref name="expression"/> rebuilt from the leaves up through the simplifying constructors above.</summary>
    public static Expression Simplify(Expression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return expression switch
        {
            UnaryExpression unary => Unary(unary.Operation, Simplify(unary.Operand)),
            BinaryExpression binary => Binary(binary.Operation, Simplify(binary.Left), Simplify(binary.Right)),
            IntegerPowerExpression power => IntegerPower(Simplify(power.Operand), power.Exponent),
            SelectExpression select => Select(Simplify(select.Left), Simplify(select.Right), Simplify(select.Then), Simplify(select.Otherwise)),
            _ => expression,
        };
    }

    // The same repeated squaring as the compiled IntegerPower node, so a folded power equals the computed one.
    private static double RepeatedPower(double value, int exponent) =>
        Real64.GetLane(FormulaOperations.IntegerPower(Real64.Of(value), exponent), 0);
}
