using LandscapeGpu.Descents;
using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.Models;

/// <summary>How a model's residual (prediction − y) on one row is scored; the loss is the mean over the rows.</summary>
public interface IResidualLoss
{
    /// <summary>The score of <paramref name="residual"/>.</summary>
    T Score<T>(T residual) where T : struct, IReal<T>;
}

/// <summary>Mean squared error: r².</summary>
public readonly struct SquaredError : IResidualLoss
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Score<T>(T residual) where T : struct, IReal<T> => residual * residual;
}

/// <summary>Mean absolute error: |r|.</summary>
public readonly struct AbsoluteError : IResidualLoss
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Score<T>(T residual) where T : struct, IReal<T> => T.Abs(residual);
}

/// <summary>Log-cosh: log(cosh r), quadratic near 0 and linear far away.</summary>
public readonly struct LogCoshError : IResidualLoss
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Score<T>(T residual) where T : struct, IReal<T>
    {
        // |r| + log(1 + exp(−2|r|)) − log 2: cosh itself overflows for |r| > 710 (float64) or 89 (float32).
        T magnitude = T.Abs(residual);
        return magnitude + T.Log(T.Of(1) + T.Exp(T.Of(-2) * magnitude)) - T.Of(Math.Log(2));
    }
}

/// <summary>The residual losses a user can choose.</summary>
public enum ResidualLossKind
{
    /// <summary>Mean squared error.</summary>
    Mse,

    /// <summary>Mean absolute error.</summary>
    Mae,

    /// <summary>Mean log-cosh.</summary>
    LogCosh,
}

/// <summary>Names of <see cref="ResidualLossKind"/>.</summary>
public static class ResidualLossKinds
{
    /// <summary>The command-line names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["mse", "mae", "logcosh"];

    /// <summary>Parses a name.</summary>
    /// <exception cref="ArgumentException">Not one of <see cref="Names"/>.</exception>
    public static ResidualLossKind Parse(string name) => name.ToLowerInvariant() switch
    {
        "mse" => ResidualLossKind.Mse,
        "mae" => ResidualLossKind.Mae,
        "logcosh" => ResidualLossKind.LogCosh,
        _ => throw new InvalidParameterException("loss", $"'{name}'", $"{{loss}} '{name}' is invalid; valid: {string.Join(", ", Names)}"),
    };

    /// <summary>The struct that scores residuals for <paramref name="kind"/>.</summary>
    public static Type StructFor(ResidualLossKind kind) => kind switch
    {
        ResidualLossKind.Mse => typeof(SquaredError),
        ResidualLossKind.Mae => typeof(AbsoluteError),
        ResidualLossKind.LogCosh => typeof(LogCoshError),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown loss"),
    };
}
