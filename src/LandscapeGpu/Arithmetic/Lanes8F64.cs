using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LandscapeGpu.Arithmetic;

/// <summary>
/// Eight float64 lanes in one <see cref="Vector512{T}"/>: the SIMD CPU engine's number type, one start per lane.
/// </summary>
/// <remarks>
/// <see cref="MultiplyAdd"/> is fused (one rounding) where the CPU has FMA, unlike the one-lane kernel type,
/// which multiplies and adds separately; landscapes and optimizers written with plain operators round the same
/// way on both. Exp, Log, Sin and Cos are .NET's vectorized implementations; <see cref="Tanh"/> is computed from
/// Exp. Comparisons are ordered: a NaN operand makes <see cref="IfLess"/> choose its otherwise-value and
/// <see cref="AllLess"/> false, as the scalar types do.
/// </remarks>
/// <param name="value">The lanes.</param>
public readonly struct Lanes8F64(Vector512<double> value) : ILaneVector<Lanes8F64>
{
    /// <summary>The lanes.</summary>
    public readonly Vector512<double> Value = value;

    /// <inheritdoc/>
    public static int LaneCount => Vector512<double>.Count;

    /// <inheritdoc/>
    public static double GetLane(Lanes8F64 value, int lane) => value.Value.GetElement(lane);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ToLanes(Lanes8F64 value, Span<double> destination) => value.Value.CopyTo(destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 FromLanes(ReadOnlySpan<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(values.Length, LaneCount, nameof(values));
        return new(Vector512.Create(values));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 operator +(Lanes8F64 left, Lanes8F64 right) => new(left.Value + right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 operator -(Lanes8F64 left, Lanes8F64 right) => new(left.Value - right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 operator *(Lanes8F64 left, Lanes8F64 right) => new(left.Value * right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 operator /(Lanes8F64 left, Lanes8F64 right) => new(left.Value / right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 operator -(Lanes8F64 value) => new(-value.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Of(double value) => new(Vector512.Create((double)value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 MultiplyAdd(Lanes8F64 a, Lanes8F64 b, Lanes8F64 c) => new(Vector512.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Sqrt(Lanes8F64 value) => new(Vector512.Sqrt(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Exp(Lanes8F64 value) => new(Vector512.Exp(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Log(Lanes8F64 value) => new(Vector512.Log(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Sin(Lanes8F64 value) => new(Vector512.Sin(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Cos(Lanes8F64 value) => new(Vector512.Cos(value.Value));

    /// <summary>Hyperbolic tangent as sign(x)·(1 − 2/(e^(2|x|) + 1)): exact ±1 far out, NaN stays NaN.</summary>
    /// <remarks>Absolute error within a few units in the last place of 1; relative error grows near 0, where tanh x ≈ x.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Tanh(Lanes8F64 value)
    {
        Vector512<double> magnitude = Vector512.Abs(value.Value);
        Vector512<double> one = Vector512.Create((double)1);
        Vector512<double> tanhOfMagnitude = one - Vector512.Create((double)2) / (Vector512.Exp(magnitude + magnitude) + one);
        Vector512<double> signBit = value.Value & Vector512.Create((double)(-0.0));
        return new(tanhOfMagnitude | signBit);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Abs(Lanes8F64 value) => new(Vector512.Abs(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 IfLess(Lanes8F64 left, Lanes8F64 right, Lanes8F64 then, Lanes8F64 otherwise) =>
        new(Vector512.ConditionalSelect(Vector512.LessThan(left.Value, right.Value), then.Value, otherwise.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllLess(Lanes8F64 left, Lanes8F64 right) => Vector512.LessThanAll(left.Value, right.Value);

    /// <inheritdoc/>
    public override string ToString() => Value.ToString();
}
