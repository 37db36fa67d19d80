using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LandscapeGpu.Arithmetic;

/// <summary>
/// 2 independent <see cref="Lanes4F64"/> vectors side by side, treated as one number of 8 float64 lanes:
/// the SIMD CPU engine's float64 type. The descent loop over it keeps 2 dependency chains in flight, so the
/// floating-point units stay busy while each chain waits for its previous result (one chain alone is bound by
/// latency, not throughput). Each operation is <see cref="Lanes4F64"/>'s, applied to the vectors in turn.
/// </summary>
/// <remarks>
/// The fields are bare vectors and there are only 2 of them: the JIT keeps a struct of at most 64 bytes in
/// registers, while four vectors (128 bytes), or a struct of structs, were measured to be copied through the
/// stack at every operation.
/// </remarks>
/// <param name="a">Vector 0 of the lanes.</param>
/// <param name="b">Vector 1 of the lanes.</param>
public readonly struct Lanes8F64(Vector256<double> a, Vector256<double> b) : ILaneVector<Lanes8F64>
{
    /// <summary>Vector 0: lanes [0n, 1n), n = Vector256&lt;double&gt;.Count.</summary>
    public readonly Vector256<double> A = a;

    /// <summary>Vector 1: lanes [1n, 2n), n = Vector256&lt;double&gt;.Count.</summary>
    public readonly Vector256<double> B = b;

    /// <inheritdoc/>
    public static int LaneCount => 2 * Vector256<double>.Count;

    /// <inheritdoc/>
    public static double GetLane(Lanes8F64 value, int lane)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lane);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(lane, LaneCount);
        int width = Vector256<double>.Count;
        Vector256<double> vector = (lane / width) switch
        {
            0 => value.A,
            _ => value.B,
        };
        return vector.GetElement(lane % width);
    }

    /// <inheritdoc/>
    public static Lanes8F64 FromLanes(ReadOnlySpan<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(values.Length, LaneCount, nameof(values));
        int width = Vector256<double>.Count;
        return new(
            Lanes4F64.FromLanes(values).Value,
            Lanes4F64.FromLanes(values[width..]).Value);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 operator +(Lanes8F64 left, Lanes8F64 right) => new(left.A + right.A, left.B + right.B);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 operator -(Lanes8F64 left, Lanes8F64 right) => new(left.A - right.A, left.B - right.B);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 operator *(Lanes8F64 left, Lanes8F64 right) => new(left.A * right.A, left.B * right.B);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 operator /(Lanes8F64 left, Lanes8F64 right) => new(left.A / right.A, left.B / right.B);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 operator -(Lanes8F64 value) => new(-value.A, -value.B);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Of(double value)
    {
        Vector256<double> lanes = Vector256.Create((double)value);
        return new(lanes, lanes);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 MultiplyAdd(Lanes8F64 a, Lanes8F64 b, Lanes8F64 c) =>
        new(Vector256.FusedMultiplyAdd(a.A, b.A, c.A), Vector256.FusedMultiplyAdd(a.B, b.B, c.B));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Sqrt(Lanes8F64 value) => new(Vector256.Sqrt(value.A), Vector256.Sqrt(value.B));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Exp(Lanes8F64 value) => new(Vector256.Exp(value.A), Vector256.Exp(value.B));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Log(Lanes8F64 value) => new(Vector256.Log(value.A), Vector256.Log(value.B));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Sin(Lanes8F64 value) => new(Vector256.Sin(value.A), Vector256.Sin(value.B));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Cos(Lanes8F64 value) => new(Vector256.Cos(value.A), Vector256.Cos(value.B));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Abs(Lanes8F64 value) => new(Vector256.Abs(value.A), Vector256.Abs(value.B));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 Tanh(Lanes8F64 value) =>
        new(Lanes4F64.Tanh(new(value.A)).Value, Lanes4F64.Tanh(new(value.B)).Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes8F64 IfLess(Lanes8F64 left, Lanes8F64 right, Lanes8F64 then, Lanes8F64 otherwise) =>
        new(Select(Vector256.LessThan(left.A, right.A), then.A, otherwise.A), Select(Vector256.LessThan(left.B, right.B), then.B, otherwise.B));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllLess(Lanes8F64 left, Lanes8F64 right) =>
        Vector256.LessThanAll(left.A, right.A) & Vector256.LessThanAll(left.B, right.B);

    // One vblendvps where AVX has it; ConditionalSelect alone was seen compiled to three bitwise operations.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Select(Vector256<double> mask, Vector256<double> then, Vector256<double> otherwise) =>
        Avx.IsSupported ? Avx.BlendVariable(otherwise, then, mask) : Vector256.ConditionalSelect(mask, then, otherwise);

    /// <inheritdoc/>
    public override string ToString() => $"[{A}, {B}]";
}
