using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace LandscapeGpu.Cli;

/// <summary>
/// Parses the numeric options in the invariant culture, whatever the machine's locale, and refuses in words what
/// the default parser would misread or name by a .NET type: a decimal comma (<c>--lr 1,5</c> must not become 15),
/// an empty value, infinity and NaN, digits grouped with commas.
/// </summary>
public static class NumberParsing
{
    /// <summary>Makes <paramref name="option"/> parse its value with <see cref="ParseDouble"/>.</summary>
    public static Option<double?> Finite(this Option<double?> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.CustomParser = result => TryParse(result, ParseDouble);
        return option;
    }

    /// <summary>Makes <paramref name="option"/> parse its value with <see cref="ParseDouble"/>.</summary>
    public static Option<double> Finite(this Option<double> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.CustomParser = result => result.Tokens.Count == 0 && option.DefaultValueFactory is { } fallback
            ? fallback(result)
            : TryParse(result, ParseDouble) ?? 0;
        return option;
    }

    /// <summary>Makes <paramref name="option"/> parse its value with <see cref="ParseInteger"/>.</summary>
    public static Option<int?> Whole(this Option<int?> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.CustomParser = result => TryParse(result, ParseInteger);
        return option;
    }

    /// <summary>Makes <paramref name="option"/> parse its value with <see cref="ParseInteger"/>.</summary>
    public static Option<int> Whole(this Option<int> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.CustomParser = result => result.Tokens.Count == 0 && option.DefaultValueFactory is { } fallback
            ? fallback(result)
            : TryParse(result, ParseInteger) ?? 0;
        return option;
    }

    /// <summary>A finite decimal number written with a dot, e.g. 0.01 or 1e-3.</summary>
    /// <exception cref="FormatException">Anything else, with a message naming <paramref name="name"/> and <paramref name="text"/>.</exception>
    public static double ParseDouble(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new FormatException($"{name} '' is invalid: give a number");
        }

        if (trimmed.Contains(',', StringComparison.Ordinal))
        {
            throw new FormatException($"{name} '{text}' is invalid: use a dot for decimals (e.g. {trimmed.Replace(',', '.')}) and no digit grouping");
        }

        if (trimmed.TrimStart('+', '-').ToLowerInvariant() is "inf" or "infinity" or "nan" or "\u221e")
        {
            throw new FormatException($"{name} '{text}' is invalid: it must be a finite number, not infinity or NaN");
        }

        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw new FormatException($"{name} '{text}' is invalid: it is not a number");
        }

        if (!double.IsFinite(value))
        {
            throw new FormatException($"{name} '{text}' is invalid: it must be a finite number, not infinity or NaN");
        }

        return value;
    }

    /// <summary>A whole number written with digits only (a leading minus allowed), e.g. 1000.</summary>
    /// <exception cref="FormatException">Anything else, with a message naming <paramref name="name"/> and <paramref name="text"/>.</exception>
    public static int ParseInteger(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new FormatException($"{name} '' is invalid: give a whole number");
        }

        if (trimmed.Contains(',', StringComparison.Ordinal))
        {
            throw new FormatException($"{name} '{text}' is invalid: give a whole number without commas (e.g. {trimmed.Replace(",", "", StringComparison.Ordinal)})");
        }

        if (!int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            throw new FormatException($"{name} '{text}' is invalid: it is not a whole number between {int.MinValue} and {int.MaxValue}");
        }

        return value;
    }

    private static T? TryParse<T>(ArgumentResult result, Func<string, string, T> parse)
        where T : struct
    {
        string name = result.Parent is OptionResult option ? option.Option.Name : "value";
        if (result.Tokens.Count == 0)
        {
            // An absent option: the parser reports a missing value itself.
            return null;
        }

        try
        {
            return parse(name, result.Tokens[^1].Value);
        }
        catch (FormatException error)
        {
            result.AddError(error.Message);
            return null;
        }
    }
}
