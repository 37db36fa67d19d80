namespace LandscapeGpu.Landscapes.Formulas.Symbolic;

/// <summary>
/// A formula as plain data, between its syntax and its compiled node structs: names resolved, powers decided, one
/// record per node. <see cref="FormulaCompiler"/> lowers syntax into it and emits node structs from it, so the loss
/// and its symbolic derivatives (<see cref="SymbolicDerivative"/>) go through the same compiler.
/// </summary>
public abstract record Expression
{
    /// <summary>The expressions under this one.</summary>
    public abstract IEnumerable<Expression> Children { get; }

    /// <summary>How many nodes the tree holds, this one included: what each becomes a compiled type for.</summary>
    public int NodeCount => 1 + Children.Sum(child => child.NodeCount);

    /// <summary>The expression written out in formula syntax, fully parenthesized (see <see cref="ExpressionText"/>).</summary>
    public sealed override string ToString() => ExpressionText.Format(this);
}

/// <summary>A number: a literal, pi, e, a model's fixed weight, or a constant made by differentiation or folding.</summary>
/// <param name="Value">The number.</param>
public sealed record NumberExpression(double Value) : Expression
{
    /// <summary>0.</summary>
    public static NumberExpression Zero { get; } = new(0);

    /// <summary>1.</summary>
    public static NumberExpression One { get; } = new(1);

    /// <inheritdoc/>
    public override IEnumerable<Expression> Children => [];
}

/// <summary>A variable leaf as the scope resolved it: an axis variable (<see cref="Nodes.AxisX"/>, <see cref="Nodes.AxisY"/>) or a data column.</summary>
/// <param name="Node">The leaf node compiled for it.</param>
public sealed record LeafExpression(IFormulaNode Node) : Expression
{
    /// <inheritdoc/>
    public override IEnumerable<Expression> Children => [];
}

/// <summary>
/// Trained weight number <paramref name="Index"/> of a model (the k-th of the weights its generated code descends in,
/// see <see cref="Emitted.ModelEmitter"/>): a variable read from the weight vector, not a node struct.
/// </summary>
/// <param name="Index">The weight's index among the trained weights, from 0.</param>
public sealed record WeightExpression(int Index) : Expression
{
    /// <inheritdoc/>
    public override IEnumerable<Expression> Children => [];
}

/// <summary>A function or operator of one operand.</summary>
/// <param name="Operation">Which.</param>
/// <param name="Operand">Its operand.</param>
public sealed record UnaryExpression(UnaryOperation Operation, Expression Operand) : Expression
{
    /// <inheritdoc/>
    public override IEnumerable<Expression> Children => [Operand];
}

/// <summary>A function or operator of two operands.</summary>
/// <param name="Operation">Which.</param>
/// <param name="Left">The first operand.</param>
/// <param name="Right">The second operand.</param>
public sealed record BinaryExpression(BinaryOperation Operation, Expression Left, Expression Right) : Expression
{
    /// <inheritdoc/>
    public override IEnumerable<Expression> Children => [Left, Right];
}

/// <summary>aⁿ for a whole constant n, computed by repeated multiplication (a² compiles to a plain square).</summary>
/// <param name="Operand">a.</param>
/// <param name="Exponent">n.</param>
public sealed record IntegerPowerExpression(Expression Operand, int Exponent) : Expression
{
    /// <inheritdoc/>
    public override IEnumerable<Expression> Children => [Operand];
}

/// <summary>
/// <paramref name="Then"/> where <paramref name="Left"/> &lt; <paramref name="Right"/>, else <paramref name="Otherwise"/>
/// (a NaN comparison selects <paramref name="Otherwise"/>): how derivatives at kinks (abs, relu, min, max) pick a side,
/// exactly as <see cref="Arithmetic.Dual{T}"/> does.
/// </summary>
/// <param name="Left">The left side of the comparison.</param>
/// <param name="Right">The right side of the comparison.</param>
/// <param name="Then">The value where Left &lt; Right.</param>
/// <param name="Otherwise">The value elsewhere.</param>
public sealed record SelectExpression(Expression Left, Expression Right, Expression Then, Expression Otherwise) : Expression
{
    /// <inheritdoc/>
    public override IEnumerable<Expression> Children => [Left, Right, Then, Otherwise];
}

/// <summary>
/// a · b + c in one operation: fused (one rounding) on SIMD lanes, a plain multiply and add in kernel number types
/// (see <see cref="Arithmetic.IReal{TSelf}.MultiplyAdd"/>). Made only when derivatives are compiled (<see cref="ExpressionFusion"/>).
/// </summary>
/// <param name="Left">a.</param>
/// <param name="Right">b.</param>
/// <param name="Addend">c.</param>
public sealed record MultiplyAddExpression(Expression Left, Expression Right, Expression Addend) : Expression
{
    /// <inheritdoc/>
    public override IEnumerable<Expression> Children => [Left, Right, Addend];
}

/// <summary>The operations of one operand.</summary>
public enum UnaryOperation
{
    /// <summary>−a.</summary>
    Negate,

    /// <summary>sin a.</summary>
    Sine,

    /// <summary>cos a.</summary>
    Cosine,

    /// <summary>tan a.</summary>
    Tangent,

    /// <summary>exp a.</summary>
    Exponential,

    /// <summary>log a.</summary>
    Logarithm,

    /// <summary>sqrt a.</summary>
    SquareRoot,

    /// <summary>|a|.</summary>
    AbsoluteValue,

    /// <summary>tanh a.</summary>
    HyperbolicTangent,

    /// <summary>1/(1+exp(−a)).</summary>
    Sigmoid,

    /// <summary>max(a, 0).</summary>
    Relu,

    /// <summary>log(1+exp(a)).</summary>
    Softplus,

    /// <summary>sigmoid'(a) = exp(−|a|)/(1+exp(−|a|))²: only made by differentiation.</summary>
    SigmoidSlope,
}

/// <summary>The operations of two operands.</summary>
public enum BinaryOperation
{
    /// <summary>a + b.</summary>
    Add,

    /// <summary>a − b.</summary>
    Subtract,

    /// <summary>a · b.</summary>
    Multiply,

    /// <summary>a / b.</summary>
    Divide,

    /// <summary>a^b = exp(b · log a), for an exponent that is not a whole constant.</summary>
    Power,

    /// <summary>min(a, b).</summary>
    Minimum,

    /// <summary>max(a, b).</summary>
    Maximum,
}
