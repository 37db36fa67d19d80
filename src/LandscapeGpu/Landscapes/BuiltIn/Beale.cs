using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.BuiltIn;

/// <summary>Beale's function: a sharp minimum at (3, 0.5) between steep walls, and two saddles.</summary>
public readonly struct Beale : ILandscape
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Loss<T>(T x, T y) where T : struct, IReal<T>
    {
        Terms(x, y, out T a, out T b, out T c);
        return a * a + b * b + c * c;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Gradient<T>(T x, T y, out T gradientX, out T gradientY) where T : struct, IReal<T>
    {
        Terms(x, y, out T a, out T b, out T c);
        T y2 = y * y;
        T one = T.Of(1), two = T.Of(2);
        gradientX = two * (a * (y - one) + b * (y2 - one) + c * (y2 * y - one));
        gradientY = two * x * (a + T.Of(2) * b * y + T.Of(3) * c * y2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Terms<T>(T x, T y, out T a, out T b, out T c) where T : struct, IReal<T>
    {
        T xy = x * y;
        a = T.Of(1.5) - x + xy;
        b = T.Of(2.25) - x + xy * y;
        c = T.Of(2.625) - x + xy * y * y;
    }
}
