using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Benchmarks;

/// <summary>
/// A float64 number type that counts the floating-point operations done with it, so that the FLOPs of one descent
/// step are counted from the very code that runs rather than estimated by hand. Conventions: +, −, ×, ÷, √ and each
/// transcendental function count 1; <see cref="MultiplyAdd"/> counts 2; negation, absolute value, constants and
/// selections count 0. Separately it counts the operations that occupy a multiplier (products and fused multiply-adds):
/// what bounds a step on CPUs whose additions run on adders of their own.
/// </summary>
/// <param name="value">The value.</param>
public readonly struct FlopCountingReal(double value) : IReal<FlopCountingReal>
{
    [ThreadStatic]
    private static long operations;

    [ThreadStatic]
    private static long multiplies;

    /// <summary>The value.</summary>
    public readonly double Value = value;

    /// <summary>Operations counted on this thread since the last <see cref="Reset"/>.</summary>
    public static long Operations => operations;

    /// <summary>Products and fused multiply-adds counted on this thread since the last <see cref="Reset"/>.</summary>
    public static long Multiplies => multiplies;

    /// <summary>Sets this thread's counts to zero.</summary>
    public static void Reset()
    {
        operations = 0;
        multiplies = 0;
    }

    private static FlopCountingReal Counted(double value, int flops)
    {
        operations += flops;
        return new(value);
    }

    private static FlopCountingReal Multiplied(double value, int flops)
    {
        multiplies++;
        return Counted(value, flops);
    }

    /// <inheritdoc/>
    public static int LaneCount => 1;

    /// <inheritdoc/>
    public static double GetLane(FlopCountingReal value, int lane) => value.Value;

    /// <inheritdoc/>
    public static FlopCountingReal operator +(FlopCountingReal left, FlopCountingReal right) => Counted(left.Value + right.Value, 1);

    /// <inheritdoc/>
    public static FlopCountingReal operator -(FlopCountingReal left, FlopCountingReal right) => Counted(left.Value - right.Value, 1);

    /// <inheritdoc/>
    public static FlopCountingReal operator *(FlopCountingReal left, FlopCountingReal right) => Multiplied(left.Value * right.Value, 1);

    /// <inheritdoc/>
    public static FlopCountingReal operator /(FlopCountingReal left, FlopCountingReal right) => Counted(left.Value / right.Value, 1);

    /// <inheritdoc/>
    public static FlopCountingReal operator -(FlopCountingReal value) => new(-value.Value);

    /// <inheritdoc/>
    public static FlopCountingReal Of(double value) => new(value);

    /// <inheritdoc/>
    public static FlopCountingReal OfRead(double value) => new(value);

    /// <inheritdoc/>
    public static FlopCountingReal MultiplyAdd(FlopCountingReal a, FlopCountingReal b, FlopCountingReal c) => Multiplied(a.Value * b.Value + c.Value, 2);

    /// <inheritdoc/>
    public static FlopCountingReal Sqrt(FlopCountingReal value) => Counted(Math.Sqrt(value.Value), 1);

    /// <inheritdoc/>
    public static FlopCountingReal Exp(FlopCountingReal value) => Counted(Math.Exp(value.Value), 1);

    /// <inheritdoc/>
    public static FlopCountingReal Log(FlopCountingReal value) => Counted(Math.Log(value.Value), 1);

    /// <inheritdoc/>
    public static FlopCountingReal Sin(FlopCountingReal value) => Counted(Math.Sin(value.Value), 1);

    /// <inheritdoc/>
    public static FlopCountingReal Cos(FlopCountingReal value) => Counted(Math.Cos(value.Value), 1);

    /// <inheritdoc/>
    public static FlopCountingReal SinTwoPi(FlopCountingReal value) => Counted(double.SinPi(2 * value.Value), 1);

    /// <inheritdoc/>
    public static FlopCountingReal CosTwoPi(FlopCountingReal value) => Counted(double.CosPi(2 * value.Value), 1);

    /// <inheritdoc/>
    public static FlopCountingReal Tanh(FlopCountingReal value) => Counted(Math.Tanh(value.Value), 1);

    /// <inheritdoc/>
    public static FlopCountingReal Abs(FlopCountingReal value) => new(Math.Abs(value.Value));

    /// <inheritdoc/>
    public static FlopCountingReal IfLess(FlopCountingReal left, FlopCountingReal right, FlopCountingReal then, FlopCountingReal otherwise) =>
        left.Value < right.Value ? then : otherwise;

    /// <inheritdoc/>
    public static bool AllLess(FlopCountingReal left, FlopCountingReal right) => left.Value < right.Value;
}
