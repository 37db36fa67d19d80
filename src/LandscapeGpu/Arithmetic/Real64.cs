using System.Runtime.CompilerServices;

namespace LandscapeGpu.Arithmetic;

/// <summary>One float64 lane: the number type of float64 kernels.</summary>
/// <param name="value">The value.</param>
public readonly struct Real64(double value) : IBinaryReal<Real64>
{
    /// <summary>The value.</summary>
    public readonly double Value = value;

    /// <inheritdoc/>
    public static int LaneCount => 1;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GetLane(Real64 value, int lane) => value.Value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 operator +(Real64 left, Real64 right) => new(left.Value + right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 operator -(Real64 left, Real64 right) => new(left.Value - right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 operator *(Real64 left, Real64 right) => new(left.Value * right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 operator /(Real64 left, Real64 right) => new(left.Value / right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 operator -(Real64 value) => new(-value.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 Of(double value) => new(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 OfRead(double value) => new(value);

    // Fused, as the lane types' multiply-adds are (fma.rn on CUDA, an exact emulation on other backends: see
    // FusedMultiplyAdd), so kernels and the SIMD engine round alike.
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 MultiplyAdd(Real64 a, Real64 b, Real64 c) => new(Arithmetic.FusedMultiplyAdd.Of(a.Value, b.Value, c.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 Sqrt(Real64 value) => new(Math.Sqrt(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 Exp(Real64 value) => ElementaryFunctions.Exp<Real64, Float64Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 Log(Real64 value) => ElementaryFunctions.Log<Real64, Float64Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 Sin(Real64 value) => ElementaryFunctions.Sin<Real64, Float64Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 Cos(Real64 value) => ElementaryFunctions.Cos<Real64, Float64Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 SinTwoPi(Real64 value) => ElementaryFunctions.SinTwoPi<Real64, Float64Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 CosTwoPi(Real64 value) => ElementaryFunctions.CosTwoPi<Real64, Float64Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 Tanh(Real64 value) => ElementaryFunctions.Tanh<Real64, Float64Precision>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 Abs(Real64 value) => new(Math.Abs(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 IfLess(Real64 left, Real64 right, Real64 then, Real64 otherwise) =>
        left.Value < right.Value ? then : otherwise;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllLess(Real64 left, Real64 right) => left.Value < right.Value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 PowerOfTwo(Real64 wholeNumber) => new(BitConverter.Int64BitsToDouble(((long)wholeNumber.Value + 1023) << 52));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 ExponentOf(Real64 value) => new((int)((BitConverter.DoubleToInt64Bits(value.Value) >> 52) & 0x7FF) - 1023);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 SignificandOf(Real64 value) => new(BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(value.Value) & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    // Portable (kernels): the add-and-subtract rounding of ElementaryFunctions, with the sign the lane types' rounding
    // instruction gives a result of zero.
    public static Real64 RoundToWhole(Real64 value) => CopySign(ElementaryFunctions.RoundToWholeBySum<Real64, Float64Precision>(value), value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 CopySign(Real64 magnitude, Real64 sign) =>
        new(BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(magnitude.Value) & ~long.MinValue) | (BitConverter.DoubleToInt64Bits(sign.Value) & long.MinValue)));

    /// <inheritdoc/>
    public override string ToString() => Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
