using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LandscapeGpu.Arithmetic;

/// <summary>
/// Eight float32 lanes in one <see cref="Vector256{T}"/>: the SIMD CPU engine's number type, one start per lane.
/// </summary>
/// <remarks>
/// <see cref="MultiplyAdd"/> is fused (one rounding) where the CPU has FMA, unlike the one-lane kernel type,
/// which multiplies and adds separately; landscapes and optimizers written with plain operators round the same
/// way on both. Exp, Log, Sin and Cos are .NET's vectorized implementations; <see cref="Tanh"/> is computed from
/// Exp. Comparisons are ordered: a NaN operand makes <see cref="IfLess"/> choose its otherwise-value and
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
    public static Lanes8F32 MultiplyAdd(Lanes8F32 a, Lanes8F32 b, Lanes8F32 c) => new(Vector256.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 Sqrt(Lanes8F32 value) => new(Vector256.Sqrt(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 Exp(Lanes8F32 value) => new(Vector256.Exp(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 Log(Lanes8F32 value) => new(Vector256.Log(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 Sin(Lanes8F32 value) => new(Vector256.Sin(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 Cos(Lanes8F32 value) => new(Vector256.Cos(value.Value));

    /// <summary>Hyperbolic tangent as sign(x)·(1 − 2/(e^(2|x|) + 1)): exact ±1 far out, NaN stays NaN.</summary>
    /// <remarks>Absolute error within a few units in the last place of 1; relative error grows near 0, where tanh x ≈ x.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F32 Tanh(Lanes8F32 value)
    {
        Vector256<float> magnitude = Vector256.Abs(value.Value);
        Vector256<float> one = Vector256.Create((float)1);
        Vector256<float> tanhOfMagnitude = one - Vector256.Create((float)2) / (Vector256.Exp(magnitude + magnitude) + one);
        Vector256<float> signBit = value.Value & Vector256.Create((float)(-0.0));
        return new(tanhOfMagnitude | signBit);
    }

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
    public override string ToString() => Value.ToString();
}
