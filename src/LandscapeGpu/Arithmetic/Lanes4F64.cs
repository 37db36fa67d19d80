using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LandscapeGpu.Arithmetic;

/// <summary>
/// Four float64 lanes in one <see cref="Vector256{T}"/>: the SIMD CPU engine's number type, one start per lane.
/// </summary>
/// <remarks>
/// <see cref="MultiplyAdd"/> is fused (one rounding; emulated exactly where the CPU lacks FMA), as the one-lane
/// kernel types' is. Exp, Log, Sin, Cos and Tanh are <see cref="ElementaryFunctions"/>, the same bits as every other width and
/// the kernel's one-lane type. Comparisons are ordered: a NaN operand makes <see cref="IfLess"/> choose its otherwise-value and
/// <see cref="AllLess"/> false, as the scalar types do.
/// </remarks>
/// <param name="value">The lanes.</param>
public readonly struct Lanes4F64(Vector256<double> value) : ILaneVector<Lanes4F64>
{
    /// <summary>The lanes.</summary>
    public readonly Vector256<double> Value = value;

    /// <inheritdoc/>
    public static int LaneCount => Vector256<double>.Count;

    /// <inheritdoc/>
    public static double GetLane(Lanes4F64 value, int lane) => value.Value.GetElement(lane);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ToLanes(Lanes4F64 value, Span<double> destination) => value.Value.CopyTo(destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 FromLanes(ReadOnlySpan<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(values.Length, LaneCount, nameof(values));
        return new(Vector256.Create(values));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 operator +(Lanes4F64 left, Lanes4F64 right) => new(left.Value + right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 operator -(Lanes4F64 left, Lanes4F64 right) => new(left.Value - right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 operator *(Lanes4F64 left, Lanes4F64 right) => new(left.Value * right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 operator /(Lanes4F64 left, Lanes4F64 right) => new(left.Value / right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 operator -(Lanes4F64 value) => new(-value.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 Of(double value) => new(Vector256.Create((double)value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 OfRead(double value) => Of(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 MultiplyAdd(Lanes4F64 a, Lanes4F64 b, Lanes4F64 c) => new(Vector256.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 Sqrt(Lanes4F64 value) => new(Vector256.Sqrt(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 Exp(Lanes4F64 value) => ElementaryFunctions.Exp<Lanes4F64, Float64Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 Log(Lanes4F64 value) => ElementaryFunctions.Log<Lanes4F64, Float64Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 Sin(Lanes4F64 value) => ElementaryFunctions.Sin<Lanes4F64, Float64Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 Cos(Lanes4F64 value) => ElementaryFunctions.Cos<Lanes4F64, Float64Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 SinTwoPi(Lanes4F64 value) => ElementaryFunctions.SinTwoPi<Lanes4F64, Float64Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 CosTwoPi(Lanes4F64 value) => ElementaryFunctions.CosTwoPi<Lanes4F64, Float64Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 Tanh(Lanes4F64 value) => ElementaryFunctions.Tanh<Lanes4F64, Float64Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 Abs(Lanes4F64 value) => new(Vector256.Abs(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 IfLess(Lanes4F64 left, Lanes4F64 right, Lanes4F64 then, Lanes4F64 otherwise) =>
        new(Select(Vector256.LessThan(left.Value, right.Value), then.Value, otherwise.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllLess(Lanes4F64 left, Lanes4F64 right) => Vector256.LessThanAll(left.Value, right.Value);

    // One vblendvps where AVX has it; ConditionalSelect alone was seen compiled to three bitwise operations.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Select(Vector256<double> mask, Vector256<double> then, Vector256<double> otherwise) =>
        Avx.IsSupported ? Avx.BlendVariable(otherwise, then, mask) : Vector256.ConditionalSelect(mask, then, otherwise);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 PowerOfTwo(Lanes4F64 wholeNumber) =>
        new(Vector256.ShiftLeft(Vector256.ConvertToInt64(wholeNumber.Value) + Vector256.Create((long)1023), 52).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 ExponentOf(Lanes4F64 value) =>
        new(Vector256.ConvertToDouble((Vector256.ShiftRightLogical(value.Value.AsInt64(), 52) & Vector256.Create((long)0x7FF)) - Vector256.Create((long)1023)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 SignificandOf(Lanes4F64 value) =>
        new(((value.Value.AsInt64() & Vector256.Create((long)0x000FFFFFFFFFFFFFL)) | Vector256.Create((long)0x3FF0000000000000L)).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 RoundToWhole(Lanes4F64 value) => new(Vector256.Round(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 CopySign(Lanes4F64 magnitude, Lanes4F64 sign) =>
        new(Vector256.ConditionalSelect(Vector256.Create((double)(-0.0)), sign.Value, magnitude.Value));

    /// <inheritdoc/>
    public override string ToString() => Value.ToString();
}
