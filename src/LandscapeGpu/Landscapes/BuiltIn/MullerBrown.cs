using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.BuiltIn;

/// <summary>The Müller–Brown potential of theoretical chemistry: three minima joined by two saddles.</summary>
public readonly struct MullerBrown : ILandscape
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Loss<T>(T x, T y) where T : struct, IReal<T> =>
        Well(x, y, -200, -1, 0, -10, 1, 0) + Well(x, y, -100, -1, 0, -10, 0, 0.5)
        + Well(x, y, -170, -6.5, 11, -6.5, -0.5, 1.5) + Well(x, y, 15, 0.7, 0.6, 0.7, -1, 1);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Gradient<T>(T x, T y, out T gradientX, out T gradientY) where T : struct, IReal<T>
    {
        gradientX = T.Of(0);
        gradientY = T.Of(0);
        AddWellGradient(x, y, -200, -1, 0, -10, 1, 0, ref gradientX, ref gradientY);
        AddWellGradient(x, y, -100, -1, 0, -10, 0, 0.5, ref gradientX, ref gradientY);
        AddWellGradient(x, y, -170, -6.5, 11, -6.5, -0.5, 1.5, ref gradientX, ref gradientY);
        AddWellGradient(x, y, 15, 0.7, 0.6, 0.7, -1, 1, ref gradientX, ref gradientY);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Well<T>(T x, T y, double amplitude, double a, double b, double c, double x0, double y0)
        where T : struct, IReal<T>
    {
        T dx = x - T.Of(x0), dy = y - T.Of(y0);
        return T.Of(amplitude) * T.Exp(T.Of(a) * dx * dx + T.Of(b) * dx * dy + T.Of(c) * dy * dy);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddWellGradient<T>(T x, T y, double amplitude, double a, double b, double c, double x0, double y0,
        ref T gradientX, ref T gradientY) where T : struct, IReal<T>
    {
        T dx = x - T.Of(x0), dy = y - T.Of(y0);
        T height = T.Of(amplitude) * T.Exp(T.Of(a) * dx * dx + T.Of(b) * dx * dy + T.Of(c) * dy * dy);
        gradientX += height * (T.Of(2 * a) * dx + T.Of(b) * dy);
        gradientY += height * (T.Of(b) * dx + T.Of(2 * c) * dy);
    }
}
