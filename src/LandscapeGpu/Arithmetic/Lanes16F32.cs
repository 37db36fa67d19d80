using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LandscapeGpu.Arithmetic;

/// <summary>
/// 2 independent <see cref="Lanes8F32"/> vectors side by side, treated as one number of 16 float32 lanes:
/// the SIMD CPU engine's float32 type. The descent loop over it keeps 2 dependency chains in flight, so the
/// floating-point units stay busy while each chain waits for its previous result (one chain alone is bound by
/// latency, not throughput). Each operation is <see cref="Lanes8F32"/>'s, applied to the vectors in turn.
/// </summary>
/// <remarks>
/// The fields are bare vectors and there are only 2 of them: the JIT keeps a struct of at most 64 bytes in
/// registers, while four vectors (128 bytes), or a struct of structs, were measured to be copied through the
/// stack at every operation.
/// </remarks>
/// <param name="a">Vector 0 of the lanes.</param>
/// <param name="b">Vector 1 of the lanes.</param>
public readonly struct Lanes16F32(Vector256<float> a, Vector256<float> b) : ILaneVector<Lanes16F32>
{
    /// <summary>Vector 0: lanes [0n, 1n), n = Vector256&lt;float&gt;.Count.</summary>
    public readonly Vector256<float> A = a;

    /// <summary>Vector 1: lanes [1n, 2n), n = Vector256&lt;float&gt;.Count.</summary>
    public readonly Vector256<float> B = b;

    /// <inheritdoc/>
    public static int LaneCount => 2 * Vector256<float>.Count;

    /// <inheritdoc/>
    public static double GetLane(Lanes16F32 value, int lane)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lane);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(lane, LaneCount);
        int width = Vector256<float>.Count;
        Vector256<float> vector = (lane / width) switch
        {
            0 => value.A,
            _ => value.B,
        };
        return vector.GetElement(lane % width);
    }

    /// <inheritdoc/>
    public static Lanes16F32 FromLanes(ReadOnlySpan<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(values.Length, LaneCount, nameof(values));
        int width = Vector256<float>.Count;
        return new(
            Lanes8F32.FromLanes(values).Value,
            Lanes8F32.FromLanes(values[width..]).Value);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 operator +(Lanes16F32 left, Lanes16F32 right) => new(left.A + right.A, left.B + right.B);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 operator -(Lanes16F32 left, Lanes16F32 right) => new(left.A - right.A, left.B - right.B);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 operator *(Lanes16F32 left, Lanes16F32 right) => new(left.A * right.A, left.B * right.B);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 operator /(Lanes16F32 left, Lanes16F32 right) => new(left.A / right.A, left.B / right.B);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 operator -(Lanes16F32 value) => new(-value.A, -value.B);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 Of(double value)
    {
        Vector256<float> lanes = Vector256.Create((float)value);
        return new(lanes, lanes);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 MultiplyAdd(Lanes16F32 a, Lanes16F32 b, Lanes16F32 c) =>
        new(Vector256.FusedMultiplyAdd(a.A, b.A, c.A), Vector256.FusedMultiplyAdd(a.B, b.B, c.B));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 Sqrt(Lanes16F32 value) => new(Vector256.Sqrt(value.A), Vector256.Sqrt(value.B));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 Exp(Lanes16F32 value) => new(Vector256.Exp(value.A), Vector256.Exp(value.B));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 Log(Lanes16F32 value) => new(Vector256.Log(value.A), Vector256.Log(value.B));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 Sin(Lanes16F32 value) => new(Vector256.Sin(value.A), Vector256.Sin(value.B));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 Cos(Lanes16F32 value) => new(Vector256.Cos(value.A), Vector256.Cos(value.B));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 Abs(Lanes16F32 value) => new(Vector256.Abs(value.A), Vector256.Abs(value.B));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 Tanh(Lanes16F32 value) =>
        new(Lanes8F32.Tanh(new(value.A)).Value, Lanes8F32.Tanh(new(value.B)).Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 IfLess(Lanes16F32 left, Lanes16F32 right, Lanes16F32 then, Lanes16F32 otherwise) =>
        new(Select(Vector256.LessThan(left.A, right.A), then.A, otherwise.A), Select(Vector256.LessThan(left.B, right.B), then.B, otherwise.B));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllLess(Lanes16F32 left, Lanes16F32 right) =>
        Vector256.LessThanAll(left.A, right.A) & Vector256.LessThanAll(left.B, right.B);

    // One vblendvps where AVX has it; ConditionalSelect alone was seen compiled to three bitwise operations.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Select(Vector256<float> mask, Vector256<float> then, Vector256<float> otherwise) =>
        Avx.IsSupported ? Avx.BlendVariable(otherwise, then, mask) : Vector256.ConditionalSelect(mask, then, otherwise);

    /// <inheritdoc/>
    public override string ToString() => $"[{A}, {B}]";
}
