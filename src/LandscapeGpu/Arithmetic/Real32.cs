using System.Runtime.CompilerServices;

namespace LandscapeGpu.Arithmetic;

/// <summary>One float32 lane: the number type of float32 kernels.</summary>
/// <param name="value">The value.</param>
public readonly struct Real32(float value) : IReal<Real32>
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

    // A separate multiply and add, not MathF.FusedMultiplyAdd: ILGPU's CPU accelerator and the GPU
    // backends then round identically, which keeps kernel results bit-comparable across devices.
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 MultiplyAdd(Real32 a, Real32 b, Real32 c) => new(a.Value * b.Value + c.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 Sqrt(Real32 value) => new(MathF.Sqrt(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 Exp(Real32 value) => new(MathF.Exp(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 Log(Real32 value) => new(MathF.Log(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 Sin(Real32 value) => new(MathF.Sin(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 Cos(Real32 value) => new(MathF.Cos(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Real32 Tanh(Real32 value) => new(MathF.Tanh(value.Value));

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
    public override string ToString() => Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
