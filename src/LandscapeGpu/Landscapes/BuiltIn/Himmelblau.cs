using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.BuiltIn;

/// <summary>Himmelblau's function: four global minima, one maximum, four saddles.</summary>
public readonly struct Himmelblau : ILandscape
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Loss<T>(T x, T y) where T : struct, IReal<T>
    {
        T a = x * x + y - T.Of(11);
        T b = x + y * y - T.Of(7);
        return a * a + b * b;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Gradient<T>(T x, T y, out T gradientX, out T gradientY) where T : struct, IReal<T>
    {
        // MultiplyAdd rounds as the plain expression in kernel types and lets SIMD types fuse. 4x·a + 2b is computed
        // as 2·(2x·a + b): doubling is exact in binary floating point, so it rounds exactly like the plain
        // expression, and the doublings are additions, which run beside the multiply units instead of on them.
        T a = T.MultiplyAdd(x, x, y) - T.Of(11);
        T b = T.MultiplyAdd(y, y, x) - T.Of(7);
        T halfGradientX = T.MultiplyAdd(x + x, a, b);
        T halfGradientY = T.MultiplyAdd(y + y, b, a);
        gradientX = halfGradientX + halfGradientX;
        gradientY = halfGradientY + halfGradientY;
    }
}
