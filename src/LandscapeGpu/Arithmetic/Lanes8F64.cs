using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LandscapeGpu.Arithmetic;

/// <summary>
/// Eight float64 lanes in one <see cref="Vector512{T}"/>: the SIMD CPU engine's number type, one start per lane.
/// </summary>
/// <remarks>
/// <see cref="MultiplyAdd"/> is fused (one rounding; emulated exactly where the CPU lacks FMA), as the one-lane
/// kernel types' is. Exp, Log, Sin, Cos and Tanh are <see cref="ElementaryFunctions"/>, the same bits as every other width and
/// the kernel's one-lane type. Comparisons are ordered: a NaN operand makes <see cref="IfLess"/> choose its otherwise-value and
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
    public static Lanes8F64 OfRead(double value) => Of(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 MultiplyAdd(Lanes8F64 a, Lanes8F64 b, Lanes8F64 c) => new(Vector512.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Sqrt(Lanes8F64 value) => new(Vector512.Sqrt(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Exp(Lanes8F64 value) => ElementaryFunctions.Exp<Lanes8F64, Float64Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Log(Lanes8F64 value) => ElementaryFunctions.Log<Lanes8F64, Float64Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Sin(Lanes8F64 value) => ElementaryFunctions.Sin<Lanes8F64, Float64Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Cos(Lanes8F64 value) => ElementaryFunctions.Cos<Lanes8F64, Float64Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 SinTwoPi(Lanes8F64 value) => ElementaryFunctions.SinTwoPi<Lanes8F64, Float64Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 CosTwoPi(Lanes8F64 value) => ElementaryFunctions.CosTwoPi<Lanes8F64, Float64Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Tanh(Lanes8F64 value) => ElementaryFunctions.Tanh<Lanes8F64, Float64Precision>(value);

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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 PowerOfTwo(Lanes8F64 wholeNumber) =>
        new(Vector512.ShiftLeft(Vector512.ConvertToInt64(wholeNumber.Value) + Vector512.Create((long)1023), 52).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 ExponentOf(Lanes8F64 value) =>
        new(Vector512.ConvertToDouble((Vector512.ShiftRightLogical(value.Value.AsInt64(), 52) & Vector512.Create((long)0x7FF)) - Vector512.Create((long)1023)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 SignificandOf(Lanes8F64 value) =>
        new(((value.Value.AsInt64() & Vector512.Create((long)0x000FFFFFFFFFFFFFL)) | Vector512.Create((long)0x3FF0000000000000L)).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 RoundToWhole(Lanes8F64 value) => new(Vector512.Round(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 CopySign(Lanes8F64 magnitude, Lanes8F64 sign) =>
        new(Vector512.ConditionalSelect(Vector512.Create((double)(-0.0)), sign.Value, magnitude.Value));

    /// <inheritdoc/>
    public override string ToString() => Value.ToString();
}
