using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LandscapeGpu.Arithmetic;

/// <summary>
/// Eight float32 lanes in one <see cref="Vector256{T}"/>: the SIMD CPU engine's number type, one start per lane.
/// </summary>
/// <remarks>
/// <see cref="MultiplyAdd"/> is fused (one rounding; emulated exactly where the CPU lacks FMA), as the one-lane
/// kernel types' is. Exp, Log, Sin, Cos and Tanh are <see cref="ElementaryFunctions"/> (Tanh its <see cref="ElementaryFunctions.RationalTanh{T, TPrecision}"/>), the same bits as every other width and
/// the kernel's one-lane type. Comparisons are ordered: a NaN operand makes <see cref="IfLess"/> choose its otherwise-value and
/// <see cref="AllLess"/> false, as the scalar types do.
/// </remarks>
/// <param name="value">The lanes.</param>
public readonly struct Lanes8F32(Vector256<float> value) : ILaneVector<Lanes8F32>
{
    /// <summary>The lanes.</summary>
    public readonly Vector256<float> Value = value;

    /// <inheritdoc/>
    public static int LaneCount => Vector256<float>.Count;

    /// <inheritdoc/>
    public static double GetLane(Lanes8F32 value, int lane) => value.Value.GetElement(lane);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ToLanes(Lanes8F32 value, Span<double> destination)
    {
        Vector256<double> lower = Vector256.WidenLower(value.Value);
        Vector256<double> upper = Vector256.WidenUpper(value.Value);
        lower.CopyTo(destination);
        upper.CopyTo(destination[Vector256<double>.Count..]);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 FromLanes(ReadOnlySpan<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(values.Length, LaneCount, nameof(values));

        // Narrowing rounds to nearest, exactly as the (float) conversion of Of does.
        int half = Vector256<double>.Count;
        return new(Vector256.Narrow(Vector256.Create(values[..half]), Vector256.Create(values[half..])));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 operator +(Lanes8F32 left, Lanes8F32 right) => new(left.Value + right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 operator -(Lanes8F32 left, Lanes8F32 right) => new(left.Value - right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 operator *(Lanes8F32 left, Lanes8F32 right) => new(left.Value * right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 operator /(Lanes8F32 left, Lanes8F32 right) => new(left.Value / right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 operator -(Lanes8F32 value) => new(-value.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 Of(double value) => new(Vector256.Create((float)value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 OfRead(double value) => new(Vector256.Create(Lanes16F32.Narrow(value)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 MultiplyAdd(Lanes8F32 a, Lanes8F32 b, Lanes8F32 c) => new(Vector256.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 Sqrt(Lanes8F32 value) => new(Vector256.Sqrt(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 Exp(Lanes8F32 value) => ElementaryFunctions.Exp<Lanes8F32, Float32Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 Log(Lanes8F32 value) => ElementaryFunctions.Log<Lanes8F32, Float32Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 Sin(Lanes8F32 value) => ElementaryFunctions.Sin<Lanes8F32, Float32Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 Cos(Lanes8F32 value) => ElementaryFunctions.Cos<Lanes8F32, Float32Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 SinTwoPi(Lanes8F32 value) => ElementaryFunctions.SinTwoPi<Lanes8F32, Float32Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 CosTwoPi(Lanes8F32 value) => ElementaryFunctions.CosTwoPi<Lanes8F32, Float32Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 Tanh(Lanes8F32 value) => ElementaryFunctions.RationalTanh<Lanes8F32, Float32Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 Abs(Lanes8F32 value) => new(Vector256.Abs(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 IfLess(Lanes8F32 left, Lanes8F32 right, Lanes8F32 then, Lanes8F32 otherwise) =>
        new(Select(Vector256.LessThan(left.Value, right.Value), then.Value, otherwise.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllLess(Lanes8F32 left, Lanes8F32 right) => Vector256.LessThanAll(left.Value, right.Value);

    // One vblendvps where AVX has it; ConditionalSelect alone was seen compiled to three bitwise operations.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Select(Vector256<float> mask, Vector256<float> then, Vector256<float> otherwise) =>
        Avx.IsSupported ? Avx.BlendVariable(otherwise, then, mask) : Vector256.ConditionalSelect(mask, then, otherwise);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 PowerOfTwo(Lanes8F32 wholeNumber) =>
        new(Vector256.ShiftLeft(Vector256.ConvertToInt32(wholeNumber.Value) + Vector256.Create((int)127), 23).AsSingle());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 ExponentOf(Lanes8F32 value) =>
        new(Vector256.ConvertToSingle((Vector256.ShiftRightLogical(value.Value.AsInt32(), 23) & Vector256.Create((int)0xFF)) - Vector256.Create((int)127)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 SignificandOf(Lanes8F32 value) =>
        new(((value.Value.AsInt32() & Vector256.Create((int)0x007FFFFF)) | Vector256.Create((int)0x3F800000)).AsSingle());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 RoundToWhole(Lanes8F32 value) => new(Vector256.Round(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 CopySign(Lanes8F32 magnitude, Lanes8F32 sign) =>
        new(Vector256.ConditionalSelect(Vector256.Create((float)(-0.0)), sign.Value, magnitude.Value));

    /// <inheritdoc/>
    public override string ToString() => Value.ToString();
}
