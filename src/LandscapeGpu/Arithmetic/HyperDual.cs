using System.Runtime.CompilerServices;

namespace LandscapeGpu.Arithmetic;

/// <summary>
/// A value with its exact first and second partial derivatives in x and y (second-order forward-mode
/// automatic differentiation). Running a loss over <c>HyperDual&lt;T&gt;</c> gives gradient and Hessian at once:
/// what Newton's method and the classification of stationary points need.
/// </summary>
/// <typeparam name="T">The underlying number type.</typeparam>
public readonly struct HyperDual<T> : IReal<HyperDual<T>> where T : struct, IReal<T>
{
    /// <summary>The value.</summary>
    public readonly T Value;

    /// <summary>∂/∂x.</summary>
    public readonly T Dx;

    /// <summary>∂/∂y.</summary>
    public readonly T Dy;

    /// <summary>∂²/∂x².</summary>
    public readonly T Dxx;

    /// <summary>∂²/∂x∂y.</summary>
    public readonly T Dxy;

    /// <summary>∂²/∂y².</summary>
    public readonly T Dyy;

    /// <summary>Creates a value with the given derivatives.</summary>
    public HyperDual(T value, T dx, T dy, T dxx, T dxy, T dyy)
    {
        Value = value;
        Dx = dx;
        Dy = dy;
        Dxx = dxx;
        Dxy = dxy;
        Dyy = dyy;
    }

    /// <summary>The independent variable x at <paramref name="x"/>.</summary>
    public static HyperDual<T> VariableX(T x) => new(x, T.Of(1), T.Of(0), T.Of(0), T.Of(0), T.Of(0));

    /// <summary>The independent variable y at <paramref name="y"/>.</summary>
    public static HyperDual<T> VariableY(T y) => new(y, T.Of(0), T.Of(1), T.Of(0), T.Of(0), T.Of(0));

    // f(a) given f' and f'': the second-order chain rule shared by every unary function below.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static HyperDual<T> Chain(T value, T first, T second, HyperDual<T> a) =>
        new(value,
            first * a.Dx,
            first * a.Dy,
            second * a.Dx * a.Dx + first * a.Dxx,
            second * a.Dx * a.Dy + first * a.Dxy,
            second * a.Dy * a.Dy + first * a.Dyy);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> operator +(HyperDual<T> l, HyperDual<T> r) =>
        new(l.Value + r.Value, l.Dx + r.Dx, l.Dy + r.Dy, l.Dxx + r.Dxx, l.Dxy + r.Dxy, l.Dyy + r.Dyy);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> operator -(HyperDual<T> l, HyperDual<T> r) =>
        new(l.Value - r.Value, l.Dx - r.Dx, l.Dy - r.Dy, l.Dxx - r.Dxx, l.Dxy - r.Dxy, l.Dyy - r.Dyy);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> operator *(HyperDual<T> l, HyperDual<T> r) =>
        new(l.Value * r.Value,
            l.Dx * r.Value + l.Value * r.Dx,
            l.Dy * r.Value + l.Value * r.Dy,
            l.Dxx * r.Value + T.Of(2) * l.Dx * r.Dx + l.Value * r.Dxx,
            l.Dxy * r.Value + l.Dx * r.Dy + l.Dy * r.Dx + l.Value * r.Dxy,
            l.Dyy * r.Value + T.Of(2) * l.Dy * r.Dy + l.Value * r.Dyy);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> operator /(HyperDual<T> l, HyperDual<T> r)
    {
        T inverse = T.Of(1) / r.Value;
        return l * Chain(inverse, -inverse * inverse, T.Of(2) * inverse * inverse * inverse, r);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> operator -(HyperDual<T> v) => new(-v.Value, -v.Dx, -v.Dy, -v.Dxx, -v.Dxy, -v.Dyy);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> Of(double value) => new(T.Of(value), T.Of(0), T.Of(0), T.Of(0), T.Of(0), T.Of(0));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> OfRead(double value) => new(T.OfRead(value), T.Of(0), T.Of(0), T.Of(0), T.Of(0), T.Of(0));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> MultiplyAdd(HyperDual<T> a, HyperDual<T> b, HyperDual<T> c) => a * b + c;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> Sqrt(HyperDual<T> v)
    {
        T root = T.Sqrt(v.Value);
        T first = T.Of(0.5) / root;
        return Chain(root, first, -first / (T.Of(2) * v.Value), v);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> Exp(HyperDual<T> v)
    {
        T exp = T.Exp(v.Value);
        return Chain(exp, exp, exp, v);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> Log(HyperDual<T> v)
    {
        T inverse = T.Of(1) / v.Value;
        return Chain(T.Log(v.Value), inverse, -inverse * inverse, v);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> Sin(HyperDual<T> v)
    {
        T sin = T.Sin(v.Value);
        return Chain(sin, T.Cos(v.Value), -sin, v);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> Cos(HyperDual<T> v)
    {
        T cos = T.Cos(v.Value);
        return Chain(cos, -T.Sin(v.Value), -cos, v);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> SinTwoPi(HyperDual<T> v)
    {
        T sin = T.SinTwoPi(v.Value);
        return Chain(sin, T.Of(2 * Math.PI) * T.CosTwoPi(v.Value), T.Of(-4 * Math.PI * Math.PI) * sin, v);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> CosTwoPi(HyperDual<T> v)
    {
        T cos = T.CosTwoPi(v.Value);
        return Chain(cos, T.Of(-2 * Math.PI) * T.SinTwoPi(v.Value), T.Of(-4 * Math.PI * Math.PI) * cos, v);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> Tanh(HyperDual<T> v)
    {
        T tanh = T.Tanh(v.Value);
        T first = T.Of(1) - tanh * tanh;
        return Chain(tanh, first, T.Of(-2) * tanh * first, v);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> Abs(HyperDual<T> v) =>
        Chain(T.Abs(v.Value), T.IfLess(v.Value, T.Of(0), T.Of(-1), T.Of(1)), T.Of(0), v);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> IfLess(HyperDual<T> left, HyperDual<T> right, HyperDual<T> then, HyperDual<T> otherwise)
    {
        T l = left.Value, r = right.Value;
        return new(T.IfLess(l, r, then.Value, otherwise.Value),
            T.IfLess(l, r, then.Dx, otherwise.Dx),
            T.IfLess(l, r, then.Dy, otherwise.Dy),
            T.IfLess(l, r, then.Dxx, otherwise.Dxx),
            T.IfLess(l, r, then.Dxy, otherwise.Dxy),
            T.IfLess(l, r, then.Dyy, otherwise.Dyy));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllLess(HyperDual<T> left, HyperDual<T> right) => T.AllLess(left.Value, right.Value);

    /// <inheritdoc/>
    public static int LaneCount => T.LaneCount;

    /// <inheritdoc/>
    public static double GetLane(HyperDual<T> value, int lane) => T.GetLane(value.Value, lane);
}
