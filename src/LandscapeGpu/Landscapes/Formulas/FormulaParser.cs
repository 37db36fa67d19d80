namespace LandscapeGpu.Landscapes.Formulas;

/// <summary>
/// Reads a formula into a <see cref="FormulaSyntax"/> tree by recursive descent. Precedence, loosest first:
/// <c>+ -</c>, then <c>* /</c>, then unary minus, then <c>^</c> (right-associative, so <c>-x^2</c> is <c>-(x^2)</c>
/// and <c>2^3^2</c> is <c>2^(3^2)</c>; an exponent may carry its own sign: <c>x^-2</c>). Function names and their
/// argument counts are checked here; variable names are resolved when the tree is compiled.
/// </summary>
public sealed class FormulaParser
{
    /// <summary>The deepest nesting accepted: deeper formulas are refused rather than risk the stack or the type loader.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// The most operations, numbers and names a formula may hold: each is a nested generic type that the JIT and ILGPU
    /// compile, and compile time grows faster than the count (about 12 s for 511 here).
    /// </summary>
    public const int MaxNodes = 256;

    /// <summary>The longest formula accepted, in characters.</summary>
    public const int MaxLength = 4096;

    private readonly string formula;
    private readonly List<FormulaToken> tokens;
    private int position;
    private int nesting;

    private FormulaParser(string formula)
    {
        this.formula = formula;
        tokens = FormulaTokenizer.Tokenize(formula);
    }

    /// <summary>Parses <paramref name="formula"/>.</summary>
    /// <exception cref="FormulaSyntaxException">The formula is empty, malformed, names an unknown function, or nests too deeply.</exception>
    public static FormulaSyntax Parse(string formula)
    {
        ArgumentNullException.ThrowIfNull(formula);
        if (string.IsNullOrWhiteSpace(formula))
        {
            throw new FormulaSyntaxException("the formula is empty", formula, 1);
        }

        if (formula.Length > MaxLength)
        {
            throw new FormulaSyntaxException($"the formula is {formula.Length} characters long; at most {MaxLength} are accepted", formula[..80] + "...", 81);
        }

        var parser = new FormulaParser(formula);
        FormulaSyntax root = parser.ParseSum();
        FormulaToken next = parser.Current;
        if (next.Is(')'))
        {
            throw parser.Error($"unbalanced parentheses: ')' at column {next.Column} has no matching '('", next.Column);
        }

        if (next.Kind != FormulaTokenKind.End)
        {
            throw parser.Error($"expected an operator before {next.Shown} at column {next.Column}", next.Column);
        }

        int nodes = root.DescendantsAndSelf().Count();
        if (nodes > MaxNodes)
        {
            throw parser.Error($"the formula has {nodes} operations, numbers and names; at most {MaxNodes} are accepted", 1);
        }

        int depth = root.Depth;
        if (depth > MaxDepth)
        {
            throw parser.Error($"the formula nests {depth} operations deep; at most {MaxDepth} are accepted", 1);
        }

        return root;
    }

    private FormulaToken Current => tokens[position];

    private FormulaSyntaxException Error(string problem, int column) => new(problem, formula, column);

    private FormulaToken Advance() => tokens[position++];

    private FormulaSyntax ParseSum()
    {
        FormulaSyntax left = ParseProduct();
        while (Current.Is('+') || Current.Is('-'))
        {
            FormulaToken op = Advance();
            left = new BinarySyntax(op.Text[0], left, ParseProduct(), op.Column);
        }

        return left;
    }

    private FormulaSyntax ParseProduct()
    {
        FormulaSyntax left = ParseUnary();
        while (Current.Is('*') || Current.Is('/'))
        {
            FormulaToken op = Advance();
            left = new BinarySyntax(op.Text[0], left, ParseUnary(), op.Column);
        }

        return left;
    }

    private FormulaSyntax ParseUnary()
    {
        Enter();
        try
        {
            if (Current.Is('-'))
            {
                FormulaToken minus = Advance();
                FormulaSyntax operand = ParseUnary();
                // A negative literal stays one number, so that x^-2 keeps an integer exponent.
                return operand is NumberSyntax number ? new NumberSyntax(-number.Value, minus.Column) : new NegateSyntax(operand, minus.Column);
            }

            if (Current.Is('+'))
            {
                Advance();
                return ParseUnary();
            }

            return ParsePower();
        }
        finally
        {
            nesting--;
        }
    }

    private FormulaSyntax ParsePower()
    {
        FormulaSyntax baseValue = ParsePrimary();
        if (!Current.Is('^'))
        {
            return baseValue;
        }

        FormulaToken op = Advance();
        return new BinarySyntax('^', baseValue, ParseUnary(), op.Column);
    }

    private FormulaSyntax ParsePrimary()
    {
        FormulaToken token = Advance();
        switch (token.Kind)
        {
            case FormulaTokenKind.Number:
                return new NumberSyntax(token.Number, token.Column);
            case FormulaTokenKind.Name:
                return Current.Is('(') ? ParseCall(token) : NameAlone(token);
            case FormulaTokenKind.Symbol when token.Is('('):
                FormulaSyntax inner = ParseSum();
                ExpectClosing(token);
                return inner;
            default:
                throw Error($"expected a number, a name or '(' but found {token.Shown} at column {token.Column}", token.Column);
        }
    }

    private FormulaSyntax NameAlone(FormulaToken name)
    {
        if (FormulaFunctions.Arities.ContainsKey(name.Text))
        {
            throw Error($"'{name.Text}' at column {name.Column} is a function: call it as {name.Text}(...)", name.Column);
        }

        return new NameSyntax(name.Text, name.Column);
    }

    private CallSyntax ParseCall(FormulaToken name)
    {
        if (!FormulaFunctions.Arities.TryGetValue(name.Text, out int arity))
        {
            throw Error($"unknown function '{name.Text}' at column {name.Column}; functions: {FormulaFunctions.Names}", name.Column);
        }

        FormulaToken open = Advance();
        var arguments = new List<FormulaSyntax>();
        if (!Current.Is(')'))
        {
            arguments.Add(ParseSum());
            while (Current.Is(','))
            {
                Advance();
                arguments.Add(ParseSum());
            }
        }

        ExpectClosing(open);
        if (arguments.Count != arity)
        {
            throw Error($"function '{name.Text}' at column {name.Column} takes {arity} argument{(arity == 1 ? "" : "s")}, got {arguments.Count}", name.Column);
        }

        return new CallSyntax(name.Text, arguments, name.Column);
    }

    private void ExpectClosing(FormulaToken open)
    {
        if (Current.Is(')'))
        {
            Advance();
            return;
        }

        if (Current.Kind == FormulaTokenKind.End)
        {
            throw Error($"unbalanced parentheses: '(' at column {open.Column} is never closed", open.Column);
        }

        throw Error($"expected ')' or an operator but found {Current.Shown} at column {Current.Column}", Current.Column);
    }

    private void Enter()
    {
        if (++nesting > MaxDepth)
        {
            throw Error($"the formula nests more than {MaxDepth} levels deep", Current.Column);
        }
    }
}
