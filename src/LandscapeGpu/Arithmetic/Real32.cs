using System.Runtime.CompilerServices;

namespace LandscapeGpu.Arithmetic;

/// <summary>One float32 lane: the number type of float32 kernels.</summary>
/// <param name="value">The value.</param>
public readonly struct Real32(float value) : IBinaryReal<Real32>
{
    /// <summary>The value.</summary>
    public readonly float Value = value;

    /// <inheritdoc/>
    public static int LaneCount => 1;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GetLane(Real32 value, int lane) => value.Value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 operator +(Real32 left, Real32 right) => new(left.Value + right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 operator -(Real32 left, Real32 right) => new(left.Value - right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 operator *(Real32 left, Real32 right) => new(left.Value * right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 operator /(Real32 left, Real32 right) => new(left.Value / right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 operator -(Real32 value) => new(-value.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 Of(double value) => new((float)value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 OfRead(double value) => new((float)value);

    // Fused, as the lane types' multiply-adds are (fma.rn on CUDA, an exact emulation on other backends: see
    // FusedMultiplyAdd), so kernels and the SIMD engine round alike.
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 MultiplyAdd(Real32 a, Real32 b, Real32 c) => new(Arithmetic.FusedMultiplyAdd.Of(a.Value, b.Value, c.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 Sqrt(Real32 value) => new(MathF.Sqrt(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 Exp(Real32 value) => ElementaryFunctions.Exp<Real32, Float32Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 Log(Real32 value) => ElementaryFunctions.Log<Real32, Float32Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 Sin(Real32 value) => ElementaryFunctions.Sin<Real32, Float32Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 Cos(Real32 value) => ElementaryFunctions.Cos<Real32, Float32Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 SinTwoPi(Real32 value) => ElementaryFunctions.SinTwoPi<Real32, Float32Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 CosTwoPi(Real32 value) => ElementaryFunctions.CosTwoPi<Real32, Float32Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 Tanh(Real32 value) => ElementaryFunctions.RationalTanh<Real32, Float32Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 Abs(Real32 value) => new(MathF.Abs(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 IfLess(Real32 left, Real32 right, Real32 then, Real32 otherwise) =>
        left.Value < right.Value ? then : otherwise;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllLess(Real32 left, Real32 right) => left.Value < right.Value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 PowerOfTwo(Real32 wholeNumber) => new(BitConverter.Int32BitsToSingle(((int)wholeNumber.Value + 127) << 23));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 ExponentOf(Real32 value) => new((int)((BitConverter.SingleToInt32Bits(value.Value) >> 23) & 0xFF) - 127);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 SignificandOf(Real32 value) => new(BitConverter.Int32BitsToSingle((BitConverter.SingleToInt32Bits(value.Value) & 0x007FFFFF) | 0x3F800000));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    // Portable (kernels): the add-and-subtract rounding of ElementaryFunctions, with the sign the lane types' rounding
    // instruction gives a result of zero.
    public static Real32 RoundToWhole(Real32 value) => CopySign(ElementaryFunctions.RoundToWholeBySum<Real32, Float32Precision>(value), value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 CopySign(Real32 magnitude, Real32 sign) =>
        new(BitConverter.Int32BitsToSingle((BitConverter.SingleToInt32Bits(magnitude.Value) & ~int.MinValue) | (BitConverter.SingleToInt32Bits(sign.Value) & int.MinValue)));

    /// <inheritdoc/>
    public override string ToString() => Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
