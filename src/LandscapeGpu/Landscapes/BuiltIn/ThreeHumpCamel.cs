using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.BuiltIn;

/// <summary>The three-hump camel: a global minimum at the origin and two local ones.</summary>
public readonly struct ThreeHumpCamel : ILandscape
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Loss<T>(T x, T y) where T : struct, IReal<T>
    {
        T x2 = x * x;
        return T.Of(2) * x2 - T.Of(1.05) * x2 * x2 + x2 * x2 * x2 / T.Of(6) + x * y + y * y;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Gradient<T>(T x, T y, out T gradientX, out T gradientY) where T : struct, IReal<T>
    {
        T x2 = x * x;
        gradientX = T.Of(4) * x - T.Of(4.2) * x2 * x + x2 * x2 * x + y;
        gradientY = x + T.Of(2) * y;
    }
}
