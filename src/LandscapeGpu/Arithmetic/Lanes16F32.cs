using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LandscapeGpu.Arithmetic;

/// <summary>
/// Sixteen float32 lanes in one <see cref="Vector512{T}"/>: the SIMD CPU engine's number type, one start per lane.
/// </summary>
/// <remarks>
/// <see cref="MultiplyAdd"/> is fused (one rounding; emulated exactly where the CPU lacks FMA), as the one-lane
/// kernel types' is. Exp, Log, Sin, Cos and Tanh are <see cref="ElementaryFunctions"/> (Tanh its <see cref="ElementaryFunctions.RationalTanh{T, TPrecision}"/>), the same bits as every other width and
/// the kernel's one-lane type. Comparisons are ordered: a NaN operand makes <see cref="IfLess"/> choose its otherwise-value and
/// <see cref="AllLess"/> false, as the scalar types do.
/// </remarks>
/// <param name="value">The lanes.</param>
public readonly struct Lanes16F32(Vector512<float> value) : ILaneVector<Lanes16F32>
{
    /// <summary>The lanes.</summary>
    public readonly Vector512<float> Value = value;

    /// <inheritdoc/>
    public static int LaneCount => Vector512<float>.Count;

    /// <inheritdoc/>
    public static double GetLane(Lanes16F32 value, int lane) => value.Value.GetElement(lane);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ToLanes(Lanes16F32 value, Span<double> destination)
    {
        Vector512<double> lower = Vector512.WidenLower(value.Value);
        Vector512<double> upper = Vector512.WidenUpper(value.Value);
        lower.CopyTo(destination);
        upper.CopyTo(destination[Vector512<double>.Count..]);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 FromLanes(ReadOnlySpan<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(values.Length, LaneCount, nameof(values));

        // Narrowing rounds to nearest, exactly as the (float) conversion of Of does.
        int half = Vector512<double>.Count;
        return new(Vector512.Narrow(Vector512.Create(values[..half]), Vector512.Create(values[half..])));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 operator +(Lanes16F32 left, Lanes16F32 right) => new(left.Value + right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 operator -(Lanes16F32 left, Lanes16F32 right) => new(left.Value - right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 operator *(Lanes16F32 left, Lanes16F32 right) => new(left.Value * right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 operator /(Lanes16F32 left, Lanes16F32 right) => new(left.Value / right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 operator -(Lanes16F32 value) => new(-value.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 Of(double value) => new(Vector512.Create((float)value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 OfRead(double value) => new(Vector512.Create(Narrow(value)));

    // (float)value, rounded the same way, without the false dependency of cvtsd2ss: that instruction keeps the upper
    // lanes of its destination, so a data value read in a loop waited for whatever last used the register (in the
    // generated model's row loop, the end of the previous row's tanh chain), and rows meant to overlap ran in series.
    // Merged into a zero (an xor the core drops at renaming) it waits for nothing; cvtpd2ps instead cost the XOR
    // network's gradient 10 to 20 %.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Narrow(double value) =>
        Sse2.IsSupported ? Sse2.ConvertScalarToVector128Single(Vector128<float>.Zero, Vector128.CreateScalarUnsafe(value)).ToScalar() : (float)value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 MultiplyAdd(Lanes16F32 a, Lanes16F32 b, Lanes16F32 c) => new(Vector512.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 Sqrt(Lanes16F32 value) => new(Vector512.Sqrt(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 Exp(Lanes16F32 value) => ElementaryFunctions.Exp<Lanes16F32, Float32Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 Log(Lanes16F32 value) => ElementaryFunctions.Log<Lanes16F32, Float32Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 Sin(Lanes16F32 value) => ElementaryFunctions.Sin<Lanes16F32, Float32Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 Cos(Lanes16F32 value) => ElementaryFunctions.Cos<Lanes16F32, Float32Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 SinTwoPi(Lanes16F32 value) => ElementaryFunctions.SinTwoPi<Lanes16F32, Float32Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 CosTwoPi(Lanes16F32 value) => ElementaryFunctions.CosTwoPi<Lanes16F32, Float32Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 Tanh(Lanes16F32 value) => ElementaryFunctions.RationalTanh<Lanes16F32, Float32Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 Abs(Lanes16F32 value) => new(Vector512.Abs(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 IfLess(Lanes16F32 left, Lanes16F32 right, Lanes16F32 then, Lanes16F32 otherwise) =>
        new(Vector512.ConditionalSelect(Vector512.LessThan(left.Value, right.Value), then.Value, otherwise.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllLess(Lanes16F32 left, Lanes16F32 right) => Vector512.LessThanAll(left.Value, right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 PowerOfTwo(Lanes16F32 wholeNumber) =>
        new(Vector512.ShiftLeft(Vector512.ConvertToInt32(wholeNumber.Value) + Vector512.Create((int)127), 23).AsSingle());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 ExponentOf(Lanes16F32 value) =>
        new(Vector512.ConvertToSingle((Vector512.ShiftRightLogical(value.Value.AsInt32(), 23) & Vector512.Create((int)0xFF)) - Vector512.Create((int)127)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 SignificandOf(Lanes16F32 value) =>
        new(((value.Value.AsInt32() & Vector512.Create((int)0x007FFFFF)) | Vector512.Create((int)0x3F800000)).AsSingle());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 RoundToWhole(Lanes16F32 value) => new(Vector512.Round(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes16F32 CopySign(Lanes16F32 magnitude, Lanes16F32 sign) =>
        new(Vector512.ConditionalSelect(Vector512.Create((float)(-0.0)), sign.Value, magnitude.Value));

    /// <inheritdoc/>
    public override string ToString() => Value.ToString();
}
