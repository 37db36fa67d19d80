using LandscapeGpu.Landscapes.Formulas.Nodes;
using LandscapeGpu.Landscapes.Formulas.Symbolic;

namespace LandscapeGpu.Landscapes.Formulas;

/// <summary>
/// Turns a <see cref="FormulaSyntax"/> tree into a value of a nested generic node struct (see <see cref="IFormulaNode"/>),
/// constructing the generic types at run time. The result's type is what kernels are specialized on; its field values
/// are the formula's constants, so two formulas of the same shape share one compiled kernel. It goes through an
/// <see cref="Expression"/> (names resolved, powers decided). Formulas whose derivatives are too large run this
/// way, with automatic differentiation (and models, as the tests' reference); other typed formulas are emitted as IL
/// (<see cref="Emitted.FormulaEmitter"/>), and so are models (<see cref="Emitted.ModelEmitter"/>).
/// </summary>
public static class FormulaCompiler
{
    /// <summary>The largest whole exponent computed by repeated multiplication; larger ones use exp(b·log a).</summary>
    public const int MaxIntegerExponent = 1 << 16;

    /// <summary>Compiles <paramref name="root"/> (parsed from <paramref name="formula"/>) with the names of <paramref name="scope"/>.</summary>
    /// <exception cref="FormulaSyntaxException">The formula uses a name the scope does not know.</exception>
    public static IFormulaNode Compile(FormulaSyntax root, string formula, FormulaScope scope) => Compile(Lower(root, formula, scope));

    /// <summary>
    /// The expression of <paramref name="root"/> (parsed from <paramref name="formula"/>) with the names of
    /// <paramref name="scope"/> resolved, exactly as written: nothing is simplified, so the compiled loss computes what was typed.
    /// </summary>
    /// <exception cref="FormulaSyntaxException">The formula uses a name the scope does not know.</exception>
    public static Expression Lower(FormulaSyntax root, string formula, FormulaScope scope)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(formula);
        ArgumentNullException.ThrowIfNull(scope);
        return LowerNode(root, formula, scope);
    }

    /// <summary>The node struct that evaluates <paramref name="expression"/>, its numbers in <see cref="Constant"/> fields.</summary>
    public static IFormulaNode Compile(Expression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return expression switch
        {
            NumberExpression number => new Constant(number.Value),
            LeafExpression leaf => leaf.Node,
            UnaryExpression unary => Make(UnaryNode(unary.Operation), Compile(unary.Operand)),
            BinaryExpression binary => Make(BinaryNode(binary.Operation), Compile(binary.Left), Compile(binary.Right)),
            IntegerPowerExpression { Exponent: 2 } square => Make(typeof(Square<>), Compile(square.Operand)),
            IntegerPowerExpression power => CompileIntegerPower(Compile(power.Operand), power.Exponent),
            SelectExpression select => Make(typeof(LessSelect<,,,>), Compile(select.Left), Compile(select.Right), Compile(select.Then), Compile(select.Otherwise)),
            MultiplyAddExpression fused => Make(typeof(MultiplyAdd<,,>), Compile(fused.Left), Compile(fused.Right), Compile(fused.Addend)),
            _ => throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name, "unknown expression node"),
        };
    }

    private static Expression LowerNode(FormulaSyntax node, string formula, FormulaScope scope) => node switch
    {
        NumberSyntax number => new NumberExpression(number.Value),
        NameSyntax name => LowerName(name, formula, scope),
        NegateSyntax negate => new UnaryExpression(UnaryOperation.Negate, LowerNode(negate.Operand, formula, scope)),
        BinarySyntax { Operator: '^' } power => LowerPower(power.Left, power.Right, formula, scope),
        BinarySyntax binary => new BinaryExpression(
            binary.Operator switch
            {
                '+' => BinaryOperation.Add,
                '-' => BinaryOperation.Subtract,
                '*' => BinaryOperation.Multiply,
                '/' => BinaryOperation.Divide,
                _ => throw new ArgumentOutOfRangeException(nameof(node), binary.Operator, "unknown operator"),
            },
            LowerNode(binary.Left, formula, scope),
            LowerNode(binary.Right, formula, scope)),
        CallSyntax { Function: "pow" } call => LowerPower(call.Arguments[0], call.Arguments[1], formula, scope),
        CallSyntax { Function: "min" or "max" } call => new BinaryExpression(
            call.Function == "min" ? BinaryOperation.Minimum : BinaryOperation.Maximum,
            LowerNode(call.Arguments[0], formula, scope),
            LowerNode(call.Arguments[1], formula, scope)),
        CallSyntax call => new UnaryExpression(
            call.Function switch
            {
                "sin" => UnaryOperation.Sine,
                "cos" => UnaryOperation.Cosine,
                "tan" => UnaryOperation.Tangent,
                "exp" => UnaryOperation.Exponential,
                "log" => UnaryOperation.Logarithm,
                "sqrt" => UnaryOperation.SquareRoot,
                "abs" => UnaryOperation.AbsoluteValue,
                "tanh" => UnaryOperation.HyperbolicTangent,
                "sigmoid" => UnaryOperation.Sigmoid,
                "relu" => UnaryOperation.Relu,
                "softplus" => UnaryOperation.Softplus,
                _ => throw new ArgumentOutOfRangeException(nameof(node), call.Function, "unknown function"),
            },
            LowerNode(call.Arguments.Single(), formula, scope)),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, "unknown syntax node"),
    };

    private static Expression LowerName(NameSyntax name, string formula, FormulaScope scope) =>
        scope.Weights.TryGetValue(name.Name, out int weight) ? new WeightExpression(weight) : scope.Resolve(name.Name) switch
    {
        Constant constant => new NumberExpression(constant.Value),
        IFormulaNode leaf => new LeafExpression(leaf),
        null => throw new FormulaSyntaxException(
            $"unknown name '{name.Name}' at column {name.Column}; this formula may use {scope.Description}, and the constants pi and e",
            formula, name.Column),
    };

    // A whole constant exponent multiplies (so (-2)^3 = -8); anything else goes through exp and log.
    private static Expression LowerPower(FormulaSyntax baseSyntax, FormulaSyntax exponentSyntax, string formula, FormulaScope scope)
    {
        Expression baseExpression = LowerNode(baseSyntax, formula, scope);
        if (exponentSyntax is NumberSyntax { Value: var exponent } && exponent == Math.Round(exponent) && Math.Abs(exponent) <= MaxIntegerExponent)
        {
            return new IntegerPowerExpression(baseExpression, (int)exponent);
        }

        return new BinaryExpression(BinaryOperation.Power, baseExpression, LowerNode(exponentSyntax, formula, scope));
    }

    private static Type UnaryNode(UnaryOperation operation) => operation switch
    {
        UnaryOperation.Negate => typeof(Negate<>),
        UnaryOperation.Sine => typeof(Sine<>),
        UnaryOperation.Cosine => typeof(Cosine<>),
        UnaryOperation.Tangent => typeof(Tangent<>),
        UnaryOperation.Exponential => typeof(Exponential<>),
        UnaryOperation.Logarithm => typeof(Logarithm<>),
        UnaryOperation.SquareRoot => typeof(SquareRoot<>),
        UnaryOperation.AbsoluteValue => typeof(AbsoluteValue<>),
        UnaryOperation.HyperbolicTangent => typeof(HyperbolicTangent<>),
        UnaryOperation.Sigmoid => typeof(Sigmoid<>),
        UnaryOperation.Relu => typeof(Relu<>),
        UnaryOperation.Softplus => typeof(Softplus<>),
        UnaryOperation.SigmoidSlope => typeof(SigmoidSlope<>),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "unknown operation"),
    };

    private static Type BinaryNode(BinaryOperation operation) => operation switch
    {
        BinaryOperation.Add => typeof(Add<,>),
        BinaryOperation.Subtract => typeof(Subtract<,>),
        BinaryOperation.Multiply => typeof(Multiply<,>),
        BinaryOperation.Divide => typeof(Divide<,>),
        BinaryOperation.Power => typeof(Power<,>),
        BinaryOperation.Minimum => typeof(Minimum<,>),
        BinaryOperation.Maximum => typeof(Maximum<,>),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "unknown operation"),
    };

    private static IFormulaNode CompileIntegerPower(IFormulaNode operand, int exponent) =>
        (IFormulaNode)Activator.CreateInstance(typeof(IntegerPower<>).MakeGenericType(operand.GetType()), operand, exponent)!;

    private static IFormulaNode Make(Type genericNode, params IFormulaNode[] children) =>
        (IFormulaNode)Activator.CreateInstance(
            genericNode.MakeGenericType(children.Select(child => child.GetType()).ToArray()),
            children.Cast<object>().ToArray())!;
}
