namespace LandscapeGpu.Landscapes.Formulas;

/// <summary>The functions and named constants a formula may use.</summary>
public static class FormulaFunctions
{
    /// <summary>Each function's name and how many arguments it takes.</summary>
    public static IReadOnlyDictionary<string, int> Arities { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["sin"] = 1, ["cos"] = 1, ["tan"] = 1, ["exp"] = 1, ["log"] = 1, ["sqrt"] = 1, ["abs"] = 1,
        ["tanh"] = 1, ["sigmoid"] = 1, ["relu"] = 1, ["softplus"] = 1, ["min"] = 2, ["max"] = 2, ["pow"] = 2,
    };

    /// <summary>The named constants.</summary>
    public static IReadOnlyDictionary<string, double> Constants { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["pi"] = Math.PI,
        ["e"] = Math.E,
    };

    /// <summary>The function names, comma-separated, for error messages.</summary>
    public static string Names => string.Join(", ", Arities.Keys);
}
