namespace LandscapeGpu.Landscapes.Formulas.Symbolic;

/// <summary>
/// A rough cost of evaluating a gradient both ways, in units of one plain SIMD arithmetic operation, measured on the
/// SIMD CPU engine (AVX2, float32): derivative formulas repeat the transcendental functions they share (nothing is
/// computed once for both components), while a <see cref="Arithmetic.Dual{T}"/> pass computes each once but pays
/// about <see cref="DualOperation"/> units per operation for carrying three values. <see cref="FormulaGradients"/>
/// keeps the symbolic gradient unless it is estimated dearer.
/// </summary>
/// <remarks>
/// Calibration (gd, 1024² starts, steps per CPU-second): x*x*y + y*y*x + x - y ran 11 times faster symbolically,
/// tanh(x)+tanh(y) 1.1 times faster, y*tanh(3*x) 1.4 times slower and exp(-(x^2+y^2))*sin(3*x*y) 1.3 times slower.
/// </remarks>
public static class GradientCost
{
    /// <summary>Extra cost of one operation on <see cref="Arithmetic.Dual{T}"/> values over a plain one.</summary>
    public const int DualOperation = 23;

    /// <summary>sin, cos, exp or log of SIMD lanes.</summary>
    public const int Transcendental = 60;

    /// <summary>The estimated cost of evaluating <paramref name="expression"/> over plain numbers.</summary>
    public static int Plain(Expression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return OwnCost(expression) + expression.Children.Sum(Plain);
    }

    /// <summary>The estimated cost of one forward-mode automatic-differentiation pass over <paramref name="formula"/>.</summary>
    public static int Automatic(Expression formula)
    {
        ArgumentNullException.ThrowIfNull(formula);
        int own = formula switch
        {
            NumberExpression or LeafExpression => 0,
            // The derivative of sin needs cos and vice versa; tan runs sin and cos, each with its derivative.
            UnaryExpression { Operation: UnaryOperation.Sine or UnaryOperation.Cosine } => 2 * Transcendental + DualOperation,
            UnaryExpression { Operation: UnaryOperation.Tangent } => 4 * Transcendental + 3 * DualOperation,
            _ => OwnCost(formula) + DualOperation,
        };
        return own + formula.Children.Sum(Automatic);
    }

    private static int OwnCost(Expression expression) => expression switch
    {
        NumberExpression or LeafExpression => 0,
        UnaryExpression unary => unary.Operation switch
        {
            UnaryOperation.Sine or UnaryOperation.Cosine or UnaryOperation.Exponential or UnaryOperation.Logarithm => Transcendental,
            UnaryOperation.Sigmoid or UnaryOperation.SigmoidSlope => Transcendental + 10,
            UnaryOperation.Tangent or UnaryOperation.Softplus => 2 * Transcendental + 10,
            // .NET has no vectorized tanh: it is built from exp and a division, and measured near three exps.
            UnaryOperation.HyperbolicTangent => 3 * Transcendental,
            UnaryOperation.SquareRoot => 10,
            _ => 1,
        },
        BinaryExpression { Operation: BinaryOperation.Power } => 2 * Transcendental,
        BinaryExpression { Operation: BinaryOperation.Divide } => 5,
        IntegerPowerExpression power => 1 + (int)Math.Log2(Math.Max(1, Math.Abs((long)power.Exponent))),
        _ => 1,
    };
}
