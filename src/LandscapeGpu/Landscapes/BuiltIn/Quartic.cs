using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.BuiltIn;

/// <summary>The 1-D teaching curve f(x) = x⁴ − 3x² + x: a global and a local minimum on either side of a maximum.</summary>
public readonly struct Quartic : ILandscape
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Loss<T>(T x, T y) where T : struct, IReal<T>
    {
        T x2 = x * x;
        return x2 * x2 - T.Of(3) * x2 + x;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Gradient<T>(T x, T y, out T gradientX, out T gradientY) where T : struct, IReal<T>
    {
        gradientX = T.Of(4) * x * x * x - T.Of(6) * x + T.Of(1);
        gradientY = T.Of(0);
    }
}
