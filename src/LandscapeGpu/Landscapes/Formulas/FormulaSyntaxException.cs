namespace LandscapeGpu.Landscapes.Formulas;

/// <summary>
/// A formula that cannot be read: the message names what is wrong and where, then repeats the formula with a
/// caret under the offending column, e.g. <c>unknown function 'sinn' at column 1</c>.
/// </summary>
public sealed class FormulaSyntaxException : FormatException
{
    /// <summary>Creates the error for <paramref name="problem"/> at 1-based <paramref name="column"/> of <paramref name="formula"/>.</summary>
    public FormulaSyntaxException(string problem, string formula, int column)
        : base(Describe(problem, formula, column))
    {
        Problem = problem;
        Formula = formula;
        Column = column;
    }

    /// <summary>What is wrong, without the caret lines.</summary>
    public string Problem { get; }

    /// <summary>The formula as given.</summary>
    public string Formula { get; }

    /// <summary>The 1-based column the problem is at.</summary>
    public int Column { get; }

    private static string Describe(string problem, string formula, int column)
    {
        // Control characters would shift the caret: they are shown as spaces.
        string shown = new(formula.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return $"{problem}{Environment.NewLine}  {shown}{Environment.NewLine}  {new string(' ', Math.Max(0, column - 1))}^";
    }
}
