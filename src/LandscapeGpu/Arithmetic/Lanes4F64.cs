using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LandscapeGpu.Arithmetic;

/// <summary>
/// Four float64 lanes in one <see cref="Vector256{T}"/>: the SIMD CPU engine's number type, one start per lane.
/// </summary>
/// <remarks>
/// <see cref="MultiplyAdd"/> is fused (one rounding) where the CPU has FMA, unlike the one-lane kernel type,
/// which multiplies and adds separately; landscapes and optimizers written with plain operators round the same
/// way on both. Exp, Log, Sin and Cos are .NET's vectorized implementations; <see cref="Tanh"/> is computed from
/// Exp. Comparisons are ordered: a NaN operand makes <see cref="IfLess"/> choose its otherwise-value and
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
    public static Lanes4F64 MultiplyAdd(Lanes4F64 a, Lanes4F64 b, Lanes4F64 c) => new(Vector256.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 Sqrt(Lanes4F64 value) => new(Vector256.Sqrt(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 Exp(Lanes4F64 value) => new(Vector256.Exp(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 Log(Lanes4F64 value) => new(Vector256.Log(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 Sin(Lanes4F64 value) => new(Vector256.Sin(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 Cos(Lanes4F64 value) => new(Vector256.Cos(value.Value));

    /// <summary>Hyperbolic tangent as sign(x)·(1 − 2/(e^(2|x|) + 1)): exact ±1 far out, NaN stays NaN.</summary>
    /// <remarks>Absolute error within a few units in the last place of 1; relative error grows near 0, where tanh x ≈ x.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes4F64 Tanh(Lanes4F64 value)
    {
        Vector256<double> magnitude = Vector256.Abs(value.Value);
        Vector256<double> one = Vector256.Create((double)1);
        Vector256<double> tanhOfMagnitude = one - Vector256.Create((double)2) / (Vector256.Exp(magnitude + magnitude) + one);
        Vector256<double> signBit = value.Value & Vector256.Create((double)(-0.0));
        return new(tanhOfMagnitude | signBit);
    }

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
    public override string ToString() => Value.ToString();
}
