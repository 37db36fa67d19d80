using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.BuiltIn;

/// <summary>The Styblinski–Tang function in 2-D: four minima of different depths, the deepest at (−2.9035, −2.9035).</summary>
public readonly struct StyblinskiTang : ILandscape
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Loss<T>(T x, T y) where T : struct, IReal<T> => T.Of(0.5) * (Axis(x) + Axis(y));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Gradient<T>(T x, T y, out T gradientX, out T gradientY) where T : struct, IReal<T>
    {
        gradientX = T.Of(2) * x * x * x - T.Of(16) * x + T.Of(2.5);
        gradientY = T.Of(2) * y * y * y - T.Of(16) * y + T.Of(2.5);
    }

    private static T Axis<T>(T v) where T : struct, IReal<T>
    {
        T v2 = v * v;
        return v2 * v2 - T.Of(16) * v2 + T.Of(5) * v;
    }
}
