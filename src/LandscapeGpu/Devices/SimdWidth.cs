using System.Runtime.Intrinsics;

namespace LandscapeGpu.Devices;

/// <summary>The vector width of the SIMD CPU engine's lanes.</summary>
public enum SimdWidth
{
    /// <summary>
    /// 512 bits where the CPU runs them natively and they were timed faster for the problem at hand, else 256 (see
    /// <see cref="SimdPlanTuner"/>).
    /// </summary>
    Auto,

    /// <summary><see cref="Vector256{T}"/>: 8 float32 or 4 float64 starts per vector.</summary>
    Bits256,

    /// <summary><see cref="Vector512{T}"/>: 16 float32 or 8 float64 starts per vector (emulated, slowly, where the CPU lacks AVX-512).</summary>
    Bits512,
}

/// <summary>Parsing and naming of <see cref="SimdWidth"/>.</summary>
public static class SimdWidths
{
    /// <summary>The environment variable that overrides the width of every SIMD engine the program creates.</summary>
    public const string EnvironmentVariable = "LANDSCAPE_SIMD_WIDTH";

    /// <summary>The width as a user writes it: auto, 256 or 512.</summary>
    public static string Name(SimdWidth width) => width switch
    {
        SimdWidth.Bits256 => "256",
        SimdWidth.Bits512 => "512",
        _ => "auto",
    };

    /// <summary>Parses auto, 256 or 512.</summary>
    /// <exception cref="ArgumentException">Any other text.</exception>
    public static SimdWidth Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" or "" => SimdWidth.Auto,
        "256" => SimdWidth.Bits256,
        "512" => SimdWidth.Bits512,
        _ => throw new ArgumentException($"{EnvironmentVariable}='{text}' is invalid: it must be auto, 256 or 512", nameof(text)),
    };

    /// <summary>The width <see cref="EnvironmentVariable"/> asks for: <see cref="SimdWidth.Auto"/> when it is unset.</summary>
    /// <exception cref="ArgumentException">The variable holds anything but auto, 256 or 512.</exception>
    public static SimdWidth FromEnvironment() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { } text ? Parse(text) : SimdWidth.Auto;
}
