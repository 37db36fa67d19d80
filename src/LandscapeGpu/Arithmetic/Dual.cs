using System.Runtime.CompilerServices;

namespace LandscapeGpu.Arithmetic;

/// <summary>
/// A value with its exact first partial derivatives in x and y (forward-mode automatic differentiation).
/// Running a landscape's loss over <c>Dual&lt;T&gt;</c> gives its gradient with no hand-written calculus.
/// </summary>
/// <typeparam name="T">The underlying number type.</typeparam>
/// <param name="value">The value.</param>
/// <param name="dx">The partial derivative in x.</param>
/// <param name="dy">The partial derivative in y.</param>
public readonly struct Dual<T>(T value, T dx, T dy) : IReal<Dual<T>> where T : struct, IReal<T>
{
    /// <summary>The value.</summary>
    public readonly T Value = value;

    /// <summary>The partial derivative in x.</summary>
    public readonly T Dx = dx;

    /// <summary>The partial derivative in y.</summary>
    public readonly T Dy = dy;

    /// <summary>The independent variable x at <paramref name="x"/>.</summary>
    public static Dual<T> VariableX(T x) => new(x, T.Of(1), T.Of(0));

    /// <summary>The independent variable y at <paramref name="y"/>.</summary>
    public static Dual<T> VariableY(T y) => new(y, T.Of(0), T.Of(1));

    // f(a) with f' given: the chain rule for every unary function below.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Dual<T> Chain(T value, T derivative, Dual<T> a) => new(value, derivative * a.Dx, derivative * a.Dy);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator +(Dual<T> left, Dual<T> right) =>
        new(left.Value + right.Value, left.Dx + right.Dx, left.Dy + right.Dy);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator -(Dual<T> left, Dual<T> right) =>
        new(left.Value - right.Value, left.Dx - right.Dx, left.Dy - right.Dy);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator *(Dual<T> left, Dual<T> right) =>
        new(left.Value * right.Value,
            left.Dx * right.Value + left.Value * right.Dx,
            left.Dy * right.Value + left.Value * right.Dy);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator /(Dual<T> left, Dual<T> right)
    {
        T quotient = left.Value / right.Value;
        return new(quotient, (left.Dx - quotient * right.Dx) / right.Value, (left.Dy - quotient * right.Dy) / right.Value);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator -(Dual<T> value) => new(-value.Value, -value.Dx, -value.Dy);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> Of(double value) => new(T.Of(value), T.Of(0), T.Of(0));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> OfRead(double value) => new(T.OfRead(value), T.Of(0), T.Of(0));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> MultiplyAdd(Dual<T> a, Dual<T> b, Dual<T> c) => a * b + c;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> Sqrt(Dual<T> value)
    {
        T root = T.Sqrt(value.Value);
        return Chain(root, T.Of(0.5) / root, value);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> Exp(Dual<T> value)
    {
        T exp = T.Exp(value.Value);
        return Chain(exp, exp, value);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> Log(Dual<T> value) => Chain(T.Log(value.Value), T.Of(1) / value.Value, value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> Sin(Dual<T> value) => Chain(T.Sin(value.Value), T.Cos(value.Value), value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> Cos(Dual<T> value) => Chain(T.Cos(value.Value), -T.Sin(value.Value), value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> SinTwoPi(Dual<T> value) => Chain(T.SinTwoPi(value.Value), T.Of(2 * Math.PI) * T.CosTwoPi(value.Value), value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> CosTwoPi(Dual<T> value) => Chain(T.CosTwoPi(value.Value), T.Of(-2 * Math.PI) * T.SinTwoPi(value.Value), value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> Tanh(Dual<T> value)
    {
        T tanh = T.Tanh(value.Value);
        return Chain(tanh, T.Of(1) - tanh * tanh, value);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> Abs(Dual<T> value) =>
        Chain(T.Abs(value.Value), T.IfLess(value.Value, T.Of(0), T.Of(-1), T.Of(1)), value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> IfLess(Dual<T> left, Dual<T> right, Dual<T> then, Dual<T> otherwise) =>
        new(T.IfLess(left.Value, right.Value, then.Value, otherwise.Value),
            T.IfLess(left.Value, right.Value, then.Dx, otherwise.Dx),
            T.IfLess(left.Value, right.Value, then.Dy, otherwise.Dy));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllLess(Dual<T> left, Dual<T> right) => T.AllLess(left.Value, right.Value);

    /// <inheritdoc/>
    public static int LaneCount => T.LaneCount;

    /// <inheritdoc/>
    public static double GetLane(Dual<T> value, int lane) => T.GetLane(value.Value, lane);
}
