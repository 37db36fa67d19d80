using LandscapeGpu.Landscapes.Formulas.Nodes;

namespace LandscapeGpu.Landscapes.Formulas;

/// <summary>
/// Turns a <see cref="FormulaSyntax"/> tree into a value of a nested generic node struct (see <see cref="IFormulaNode"/>),
/// constructing the generic types at run time. The result's type is what kernels are specialized on; its field values
/// are the formula's constants, so two formulas of the same shape share one compiled kernel.
/// </summary>
public static class FormulaCompiler
{
    /// <summary>The largest whole exponent computed by repeated multiplication; larger ones use exp(b·log a).</summary>
    public const int MaxIntegerExponent = 1 << 16;

    /// <summary>Compiles <paramref name="root"/> (parsed from <paramref name="formula"/>) with the names of <paramref name="scope"/>.</summary>
    /// <exception cref="FormulaSyntaxException">The formula uses a name the scope does not know.</exception>
    public static IFormulaNode Compile(FormulaSyntax root, string formula, FormulaScope scope)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(formula);
        ArgumentNullException.ThrowIfNull(scope);
        return Build(root, formula, scope);
    }

    private static IFormulaNode Build(FormulaSyntax node, string formula, FormulaScope scope) => node switch
    {
        NumberSyntax number => new Constant(number.Value),
        NameSyntax name => scope.Resolve(name.Name) ?? throw new FormulaSyntaxException(
            $"unknown name '{name.Name}' at column {name.Column}; this formula may use {scope.Description}, and the constants pi and e",
            formula, name.Column),
        NegateSyntax negate => Make(typeof(Negate<>), Build(negate.Operand, formula, scope)),
        BinarySyntax { Operator: '^' } power => BuildPower(power.Left, power.Right, formula, scope),
        BinarySyntax binary => Make(
            binary.Operator switch
            {
                '+' => typeof(Add<,>),
                '-' => typeof(Subtract<,>),
                '*' => typeof(Multiply<,>),
                '/' => typeof(Divide<,>),
                _ => throw new ArgumentOutOfRangeException(nameof(node), binary.Operator, "unknown operator"),
            },
            Build(binary.Left, formula, scope),
            Build(binary.Right, formula, scope)),
        CallSyntax { Function: "pow" } call => BuildPower(call.Arguments[0], call.Arguments[1], formula, scope),
        CallSyntax call => Make(
            call.Function switch
            {
                "sin" => typeof(Sine<>),
                "cos" => typeof(Cosine<>),
                "tan" => typeof(Tangent<>),
                "exp" => typeof(Exponential<>),
                "log" => typeof(Logarithm<>),
                "sqrt" => typeof(SquareRoot<>),
                "abs" => typeof(AbsoluteValue<>),
                "tanh" => typeof(HyperbolicTangent<>),
                "sigmoid" => typeof(Sigmoid<>),
                "relu" => typeof(Relu<>),
                "softplus" => typeof(Softplus<>),
                "min" => typeof(Minimum<,>),
                "max" => typeof(Maximum<,>),
                _ => throw new ArgumentOutOfRangeException(nameof(node), call.Function, "unknown function"),
            },
            call.Arguments.Select(argument => Build(argument, formula, scope)).ToArray()),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, "unknown syntax node"),
    };

    // A whole constant exponent multiplies (so (-2)^3 = -8); anything else goes through exp and log.
    private static IFormulaNode BuildPower(FormulaSyntax baseSyntax, FormulaSyntax exponentSyntax, string formula, FormulaScope scope)
    {
        IFormulaNode baseNode = Build(baseSyntax, formula, scope);
        if (exponentSyntax is NumberSyntax { Value: var exponent } && exponent == Math.Round(exponent) && Math.Abs(exponent) <= MaxIntegerExponent)
        {
            return exponent == 2
                ? Make(typeof(Square<>), baseNode)
                : (IFormulaNode)Activator.CreateInstance(typeof(IntegerPower<>).MakeGenericType(baseNode.GetType()), baseNode, (int)exponent)!;
        }

        return Make(typeof(Power<,>), baseNode, Build(exponentSyntax, formula, scope));
    }

    private static IFormulaNode Make(Type genericNode, params IFormulaNode[] children) =>
        (IFormulaNode)Activator.CreateInstance(
            genericNode.MakeGenericType(children.Select(child => child.GetType()).ToArray()),
            children.Cast<object>().ToArray())!;
}
