using System.Globalization;

namespace LandscapeGpu.Landscapes.Formulas;

/// <summary>What a token is.</summary>
public enum FormulaTokenKind
{
    /// <summary>A number literal.</summary>
    Number,

    /// <summary>A name: a function, variable or constant.</summary>
    Name,

    /// <summary>One of + - * / ^ ( ) ,</summary>
    Symbol,

    /// <summary>The end of the formula.</summary>
    End,
}

/// <summary>One token of a formula.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Text">Its text (empty at the end).</param>
/// <param name="Number">Its value, for a number.</param>
/// <param name="Column">Its 1-based column.</param>
public readonly record struct FormulaToken(FormulaTokenKind Kind, string Text, double Number, int Column)
{
    /// <summary>True for the symbol <paramref name="symbol"/>.</summary>
    public bool Is(char symbol) => Kind == FormulaTokenKind.Symbol && Text[0] == symbol;

    /// <summary>How the token reads in an error message.</summary>
    public string Shown => Kind == FormulaTokenKind.End ? "the end of the formula" : $"'{Text}'";
}

/// <summary>Splits a formula into tokens: numbers in decimal or scientific notation (1, .5, 2., 1e-3), names, and symbols.</summary>
public static class FormulaTokenizer
{
    private const string Symbols = "+-*/^(),";

    /// <summary>The tokens of <paramref name="formula"/>, ending with an <see cref="FormulaTokenKind.End"/> token.</summary>
    /// <exception cref="FormulaSyntaxException">A character that no token starts with, or a number out of range.</exception>
    public static List<FormulaToken> Tokenize(string formula)
    {
        ArgumentNullException.ThrowIfNull(formula);
        var tokens = new List<FormulaToken>();
        int i = 0;
        while (i < formula.Length)
        {
            char c = formula[i];
            int start = i;
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (IsDigit(c) || (c == '.' && i + 1 < formula.Length && IsDigit(formula[i + 1])))
            {
                i = ScanNumber(formula, i);
                string text = formula[start..i];
                double value = double.Parse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
                if (!double.IsFinite(value))
                {
                    throw new FormulaSyntaxException($"number '{text}' at column {start + 1} is too large for a double", formula, start + 1);
                }

                tokens.Add(new FormulaToken(FormulaTokenKind.Number, text, value, start + 1));
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < formula.Length && (char.IsAsciiLetterOrDigit(formula[i]) || formula[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new FormulaToken(FormulaTokenKind.Name, formula[start..i], 0, start + 1));
            }
            else if (Symbols.Contains(c))
            {
                i++;
                tokens.Add(new FormulaToken(FormulaTokenKind.Symbol, c.ToString(), 0, start + 1));
            }
            else
            {
                string shown = char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString();
                throw new FormulaSyntaxException(
                    $"unexpected character '{shown}' at column {start + 1}; a formula uses numbers, names, + - * / ^, parentheses and commas",
                    formula, start + 1);
            }
        }

        tokens.Add(new FormulaToken(FormulaTokenKind.End, "", 0, formula.Length + 1));
        return tokens;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    // digits [. digits] [(e|E) [+|-] digits]; the exponent is taken only when digits follow, so "2e" is 2 then e.
    private static int ScanNumber(string text, int i)
    {
        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && IsDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            int exponent = i + 1;
            if (exponent < text.Length && (text[exponent] == '+' || text[exponent] == '-'))
            {
                exponent++;
            }

            if (exponent < text.Length && IsDigit(text[exponent]))
            {
                i = exponent;
                while (i < text.Length && IsDigit(text[i]))
                {
                    i++;
                }
            }
        }

        return i;
    }
}
