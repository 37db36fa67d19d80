namespace LandscapeGpu.Descents;

/// <summary>The floating-point precision descents run in.</summary>
public enum Precision
{
    /// <summary>float32: what GPUs are fast at.</summary>
    F32,

    /// <summary>float64.</summary>
    F64,
}

/// <summary>The names of <see cref="Precision"/> (f32, f64): parsed and written in one place.</summary>
public static class Precisions
{
    /// <summary>The names, in the order of <see cref="Precision"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["f32", "f64"];

    /// <summary>The name of <paramref name="precision"/>: f32 or f64.</summary>
    public static string Name(Precision precision) => precision switch
    {
        Precision.F32 => "f32",
        Precision.F64 => "f64",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "unknown precision"),
    };

    /// <summary>Parses f32 or f64 (any case).</summary>
    /// <exception cref="InvalidParameterException">The text is neither.</exception>
    public static Precision Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ToLowerInvariant() switch
        {
            "f32" => Precision.F32,
            "f64" => Precision.F64,
            _ => throw new InvalidParameterException("precision", $"'{text}'", $"{{precision}} '{text}' is invalid; valid: {string.Join(", ", Names)}"),
        };
    }
}
