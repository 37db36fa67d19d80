namespace LandscapeGpu.Landscapes.Formulas;

/// <summary>A node of a parsed formula, with the 1-based column it starts at (for error messages).</summary>
/// <param name="Column">Where the node's text starts.</param>
public abstract record FormulaSyntax(int Column)
{
    /// <summary>The nodes under this one.</summary>
    public virtual IEnumerable<FormulaSyntax> Children => [];

    /// <summary>The longest path from this node to a leaf, counting both ends.</summary>
    public int Depth => 1 + Children.Select(child => child.Depth).DefaultIfEmpty(0).Max();

    /// <summary>This node and every node under it, depth first.</summary>
    public IEnumerable<FormulaSyntax> DescendantsAndSelf() => Children.SelectMany(child => child.DescendantsAndSelf()).Prepend(this);
}

/// <summary>A number literal.</summary>
/// <param name="Value">Its value.</param>
/// <param name="Column">Where it starts.</param>
public sealed record NumberSyntax(double Value, int Column) : FormulaSyntax(Column);

/// <summary>A name that is not a function call: a variable, weight, data column or constant, resolved when compiled.</summary>
/// <param name="Name">The name.</param>
/// <param name="Column">Where it starts.</param>
public sealed record NameSyntax(string Name, int Column) : FormulaSyntax(Column);

/// <summary>Unary minus.</summary>
/// <param name="Operand">What is negated.</param>
/// <param name="Column">The column of the minus sign.</param>
public sealed record NegateSyntax(FormulaSyntax Operand, int Column) : FormulaSyntax(Column)
{
    /// <inheritdoc/>
    public override IEnumerable<FormulaSyntax> Children => [Operand];
}

/// <summary>A binary operator: one of + - * / ^.</summary>
/// <param name="Operator">The operator character.</param>
/// <param name="Left">The left operand.</param>
/// <param name="Right">The right operand.</param>
/// <param name="Column">The column of the operator.</param>
public sealed record BinarySyntax(char Operator, FormulaSyntax Left, FormulaSyntax Right, int Column) : FormulaSyntax(Column)
{
    /// <inheritdoc/>
    public override IEnumerable<FormulaSyntax> Children => [Left, Right];
}

/// <summary>A call of a known function with the right number of arguments (checked by the parser).</summary>
/// <param name="Function">The function's name, in lower case.</param>
/// <param name="Arguments">The arguments.</param>
/// <param name="Column">The column of the function's name.</param>
public sealed record CallSyntax(string Function, IReadOnlyList<FormulaSyntax> Arguments, int Column) : FormulaSyntax(Column)
{
    /// <inheritdoc/>
    public override IEnumerable<FormulaSyntax> Children => Arguments;
}
