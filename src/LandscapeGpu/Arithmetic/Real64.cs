using System.Runtime.CompilerServices;

namespace LandscapeGpu.Arithmetic;

/// <summary>One float64 lane: the number type of float64 kernels.</summary>
/// <param name="value">The value.</param>
public readonly struct Real64(double value) : IReal<Real64>
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

    // A separate multiply and add, not Math.FusedMultiplyAdd: ILGPU's CPU accelerator and the GPU
    // backends then round identically, which keeps kernel results bit-comparable across devices.
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 MultiplyAdd(Real64 a, Real64 b, Real64 c) => new(a.Value * b.Value + c.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 Sqrt(Real64 value) => new(Math.Sqrt(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 Exp(Real64 value) => new(Math.Exp(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 Log(Real64 value) => new(Math.Log(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 Sin(Real64 value) => new(Math.Sin(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 Cos(Real64 value) => new(Math.Cos(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real64 Tanh(Real64 value) => new(Math.Tanh(value.Value));

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
    public override string ToString() => Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
